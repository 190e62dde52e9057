"""Restyling without forking: a site's templates/ overrides any file of the default look, and site.yml sets the logo, colours and footer text.

The builds use fixture content (the golden ``basic`` case, the ``small``
fixture), never the repository's ``content/``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from signpost.check.loader import load_content
from signpost.core.problems import errors_in
from signpost.core.theme import THEME
from signpost.models.colours import contrast_with_white, readable_shade
from tests.conftest import CONFIG, SMALL_CONTENT, TODAY, build
from tests.test_golden import GOLDEN

BASIC = GOLDEN / "basic"
MARK = "A line only this site's own template has"


def build_with_templates(content: Path, project: Path, output: Path) -> None:
    """Build ``content`` as a site in ``project`` would: its own mkdocs.yml beside its own templates/ folder."""
    shutil.copy(CONFIG, project / "mkdocs.yml")
    (project / "templates").mkdir(exist_ok=True)
    options = ["--config", str(project / "mkdocs.yml"), "--templates", str(project / "templates")]
    assert build(content, output, extra=options) == 0


def override(project: Path, name: str, text: str) -> Path:
    """Put the site's own version of the default look's file ``name`` in its templates/ folder."""
    path = project / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_template_override_changes_the_page_and_deleting_it_restores_the_default(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "templates").mkdir()
    overrides = [
        # A Signpost page template, a Material partial and a stylesheet, each replaced by the site's own.
        override(project, "signpost/home.html", f"<p>{MARK}</p>\n" + (THEME / "signpost" / "home.html").read_text()),
        override(
            project,
            "partials/footer.html",
            (THEME / "partials" / "footer.html").read_text().replace("</footer>", f"<p>{MARK}</p></footer>"),
        ),
        override(project, "assets/stylesheets/signpost.css", "/* the site's own stylesheet */\n"),
    ]
    build_with_templates(BASIC / "content", project, tmp_path / "changed")
    home = (tmp_path / "changed" / "index.html").read_text(encoding="utf-8")
    assert home.count(MARK) == 2  # the page's body and the footer
    assert MARK in (tmp_path / "changed" / "events" / "index.html").read_text(encoding="utf-8")  # the footer is on every page
    assert (tmp_path / "changed" / "assets" / "stylesheets" / "signpost.css").read_text() == "/* the site's own stylesheet */\n"

    for path in overrides:
        path.unlink()
    build_with_templates(BASIC / "content", project, tmp_path / "restored")
    for name in ("index.html", "events/index.html", "assets/stylesheets/signpost.css"):
        assert (tmp_path / "restored" / name).read_bytes() == (BASIC / "themed" / name).read_bytes(), name


def small_site(tmp_path: Path, settings: str) -> Path:
    """A copy of the small fixture with ``settings`` added to its site.yml."""
    content = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, content)
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + settings, encoding="utf-8")
    return content


LOOK = """logo: media/logo.png
colours:
  main: "#2d4a22"
  accent: "#7a2e8c"
  links: "#1f5c99"
footer_text: Run by Moorside Community Trust & friends, registered charity 1234567.
"""


def test_the_logo_colours_and_footer_text_come_from_site_yml(tmp_path):
    content = small_site(tmp_path, LOOK)
    (content / "media").mkdir()
    shutil.copy(THEME / "assets" / "images" / "share.png", content / "media" / "logo.png")
    project = tmp_path / "project"
    project.mkdir()
    build_with_templates(content, project, tmp_path / "site")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<img src="media/logo.png" alt="">' in home
    assert (tmp_path / "site" / "media" / "logo.png").read_bytes() == (content / "media" / "logo.png").read_bytes()
    (style,) = re.findall(r"<style>(.*?)</style>", home)
    assert "--md-primary-fg-color: #2d4a22;" in style and "--md-accent-fg-color: #7a2e8c;" in style
    assert "--md-typeset-a-color: #1f5c99;" in style
    # After the stylesheets, so that the site's colours win over theirs.
    assert home.index("<style>") > home.index("assets/stylesheets/signpost.css")
    assert "<p>Run by Moorside Community Trust &amp; friends, registered charity 1234567.</p>" in home
    # Every colour of the style, the darker shades too, stays readable with white.
    assert all(contrast_with_white(colour) >= 4.5 for colour in re.findall(r"#[0-9a-f]{6}", style))


def test_without_the_settings_the_default_look_has_no_extra_style():
    themed = (BASIC / "themed" / "index.html").read_text(encoding="utf-8")
    assert "<style>" not in themed and 'alt=""' not in themed.split('class="md-header__button md-logo"')[1][:400]


def problems_of(content: Path) -> list[str]:
    _, problems = load_content(content, TODAY)
    return [problem.as_text() for problem in errors_in(problems)]


def line_of(content: Path, text: str) -> int:
    lines = (content / "site.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (
            'colours:\n  main: "#ffcc00"\n',
            "colours.main: '#ffcc00' is too light to read on white (contrast 1.51 to 1, where 4.5 to 1 is needed)"
            ' — choose a darker colour, such as the darker shade "#8c7000"',
        ),
        ('colours:\n  links: "#777777"\n', "colours.links: '#777777' is too light to read on white (contrast 4.48 to 1,"),
        (
            "colours:\n  accent: #8a3b00\n",
            "colours.accent: is empty — a colour starts with #, which YAML reads as a comment unless it is in quotes",
        ),
        ("colours:\n  main: navy\n", "colours.main: 'navy' is not a colour — write it as # and six letters or digits"),
        ("logo: https://elsewhere.example.org/logo.png\n", "logo: 'https://elsewhere.example.org/logo.png' is not a picture"),
        ("logo: media/logo.png\n", "logo: there is no picture media/logo.png in the content folder — put the picture at"),
    ],
    ids=["too-light", "just-too-light", "unquoted", "named", "elsewhere", "missing"],
)
def test_a_setting_of_the_look_that_cannot_be_used_is_a_problem_at_its_line(tmp_path, setting, expected):
    content = small_site(tmp_path, setting)
    line = line_of(content, setting.splitlines()[-1].strip())
    found = problems_of(content)
    assert [text for text in found if text.startswith(f"{content / 'site.yml'}:{line}: {expected}")], found


def test_readable_colours_and_the_boundary_of_4_5_to_1():
    for colour in ("#1b4965", "#8a3b00", "#155a8a", "#767676", "#000000"):
        assert contrast_with_white(colour) >= 4.5, colour
    assert contrast_with_white("#777777") < 4.5 < contrast_with_white("#767676")
    assert contrast_with_white(readable_shade("#ffcc00")) >= 4.5


def test_a_templates_folder_named_on_the_command_line_must_exist(tmp_path, capsys):
    missing = tmp_path / "my-templates"
    assert build(SMALL_CONTENT, tmp_path / "site", extra=["--templates", str(missing)]) == 1
    assert (
        f"{missing}:1: the templates folder is not here — check the --templates option, or leave it out"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "site").exists()
