"""``signpost init``: a new site that checks and builds with no example published, and what init refuses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from signpost import __version__
from signpost.authoring.newsite import STARTER
from signpost.cli import main
from tests.conftest import CONFIG, REPO, TEMPLATES, TODAY

ANSWERS = {
    "--name": "Moorside Connects",
    "--place": "Moorside: the town & the villages",  # ': ' and '&' must survive YAML
    "--email": "team@moorside.example.org",
    "--site-url": "https://moorside.example.org",
}
OPTIONS = [part for pair in ANSWERS.items() for part in pair]

# Each example's file and a phrase from its title: none may reach the built site.
EXAMPLES = {
    "assets/example-walking-group.yml": "Tuesday Morning Walking Group",
    "events/example-drop-in-session.md": "Community activities drop-in",
    "case-studies/example-story.md": "Sam finds a walking group",
    "news/posts/example-news-post.md": "Our directory is open",
    "newsletters/issue-1.md": "Our first newsletter",
}


def init_process(*args: str, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """``signpost init`` in its own process, with no terminal: it must never wait."""
    return subprocess.run(
        [sys.executable, "-m", "signpost", "init", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site written by init with every option given."""
    folder = tmp_path_factory.mktemp("init") / "directory"
    assert main(["init", str(folder), *OPTIONS, "--today", TODAY.isoformat()]) == 0
    return folder


@pytest.fixture(scope="module")
def built_site(new_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The new site built with its own mkdocs.yml and templates/ folder."""
    output = tmp_path_factory.mktemp("init-built") / "site"
    command = ["build", "--content", str(new_site / "content"), "--output", str(output)]
    assert main([*command, "--config", str(new_site / "mkdocs.yml"), "--today", TODAY.isoformat()]) == 0
    return output


def test_the_new_site_passes_check(new_site, capsys):
    assert main(["check", "--content", str(new_site / "content"), "--today", TODAY.isoformat()]) == 0
    assert "All content" in capsys.readouterr().err


def test_the_new_site_builds_with_its_name_and_no_example(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Moorside Connects</title>" in home
    assert "Moorside: the town &amp; the villages" in home
    pages = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in built_site.rglob("*.html"))
    for source, title in EXAMPLES.items():
        stem = Path(source).stem
        assert title not in pages, f"the draft {source} was published"
        assert not list(built_site.rglob(f"*{stem}*")), f"a file of the draft {source} was published"


def test_the_site_yml_holds_the_answers(new_site):
    site = yaml.safe_load((new_site / "content" / "site.yml").read_text(encoding="utf-8"))
    assert (site["name"], site["place"], site["contact_email"]) == ("Moorside Connects", ANSWERS["--place"], ANSWERS["--email"])
    assert site["site_url"] == "https://moorside.example.org/"


def uncommented_fields(text: str) -> list[str]:
    """The top-level fields with no comment above them (fields may share one: start and end)."""
    lines = text.split("\n---\n")[0].splitlines()
    found = []
    for number, line in enumerate(lines):
        if not re.match(r"^[a-z_]+:", line):
            continue
        above = number - 1
        while above >= 0 and (re.match(r"^[a-z_]+:", lines[above]) or lines[above].startswith(("  ", "-"))):
            above -= 1
        if above < 0 or not lines[above].startswith("#"):
            found.append(line.split(":")[0])
    return found


def test_every_example_is_a_draft_with_its_fields_explained(new_site):
    for source in EXAMPLES:
        text = (new_site / "content" / source).read_text(encoding="utf-8")
        assert re.search(r"^draft: true$", text, re.MULTILINE), source
        assert uncommented_fields(text) == [], f"{source}: explain each field in a comment above it"


def test_the_ten_domains_and_one_area(new_site):
    domains = yaml.safe_load((new_site / "content" / "domains.yml").read_text(encoding="utf-8"))
    assert len(domains) == 10 and len({domain["id"] for domain in domains}) == 10
    assert {"religious-and-cultural", "horticulture", "volunteering", "other"} <= {domain["id"] for domain in domains}
    (area,) = yaml.safe_load((new_site / "content" / "areas.yml").read_text(encoding="utf-8"))
    assert area["name"] == ANSWERS["--place"]


def test_signpost_is_pinned_to_the_version_that_wrote_the_site(new_site):
    assert (new_site / "requirements" / "signpost.txt").read_text() == f"signpost=={__version__}\n"
    makefile = (new_site / "Makefile").read_text(encoding="utf-8")
    assert "SIGNPOST := $(or $(SIGNPOST)," in makefile and "$(BIN)/signpost test-site" in makefile
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme and "SIGNPOST=" in readme


def test_the_site_has_the_files_a_team_needs(new_site):
    expected = [
        ".github/workflows/checks.yml",
        ".github/workflows/publish.yml",
        ".github/workflows/review.yml",
        ".github/scripts/review-issues.sh",
        ".gitignore",
        "CONTRIBUTING.md",
        "README.md",
        "Makefile",
        "mkdocs.yml",
        "templates/README.md",
        "content/news/index.md",
        "docs/fields.md",
        "schemas/asset.schema.json",
    ]
    assert [name for name in expected if not (new_site / name).is_file()] == []
    assert [path.name for path in (new_site / "templates").iterdir()] == ["README.md"]
    leftover = [path for path in new_site.rglob("*") if path.is_file() and re.search(r"\{\{[a-z_]+\}\}", path.read_text())]
    assert leftover == [], "placeholders left unfilled"


def test_the_checks_workflow_runs_the_site_tests_and_every_workflow_lints(new_site):
    checks = (new_site / ".github" / "workflows" / "checks.yml").read_text(encoding="utf-8")
    assert "signpost test-site" in checks and "signpost check --format github" in checks
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert binary, "actionlint is missing: install the test extras"
    workflows = sorted(str(path) for path in (new_site / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run([binary, "-no-color", *workflows], cwd=new_site, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_starter_keeps_the_repository_s_own_files():
    # The same lock files, theme settings and overrides README as the example site, so they cannot drift apart.
    for starter, repository in [
        ("requirements/run.txt", REPO / "requirements" / "run.txt"),
        ("requirements/test.txt", REPO / "requirements" / "test.txt"),
        ("mkdocs.yml", CONFIG),
        ("templates/README.md", TEMPLATES / "README.md"),
    ]:
        assert (STARTER / starter).read_bytes() == repository.read_bytes(), f"copy {repository} to {STARTER / starter}"


def test_a_missing_option_without_a_terminal_stops_at_once(tmp_path):
    started = time.monotonic()
    result = init_process(str(tmp_path / "site"), "--name", "Moorside Connects")
    assert result.returncode == 2
    assert "missing --place, --email, --site-url" in result.stderr
    assert time.monotonic() - started < 60 and not (tmp_path / "site").exists()


def test_a_wrong_answer_is_named_with_its_fix(tmp_path):
    result = init_process(str(tmp_path / "site"), *OPTIONS[:4], "--email", "team at moorside", "--site-url", "moorside.org")
    assert result.returncode == 2
    assert "--email: 'team at moorside' is not an email address — write it like team@example.org" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_folder_with_anything_in_it_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = init_process(str(tmp_path), *OPTIONS)
    assert result.returncode == 1
    assert f"{tmp_path} is not empty — choose a new or empty folder" in result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"] and (tmp_path / "notes.txt").read_text() == "mine"


def test_init_asks_in_a_terminal_for_what_was_left_out(tmp_path):
    # A real terminal (a pseudo-terminal): the questions are asked and answered in turn.
    import pty

    answers = iter([b"not an address\n", b"team@moorside.example.org\n", b"https://moorside.example.org/\n"])
    seen = bytearray()

    def read(fd: int) -> bytes:
        data = os.read(fd, 1024)
        seen.extend(data)
        if data.rstrip().endswith(b":"):
            os.write(fd, next(answers, b""))
        return data

    folder = tmp_path / "site"
    command = [sys.executable, "-m", "signpost", "init", str(folder), "--name", "Moorside", "--place", "Moorside"]
    status = pty.spawn(command, read)
    text = seen.decode()
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "The email address people write to with corrections:" in text
    assert "'not an address' is not an email address" in text
    assert yaml.safe_load((folder / "content" / "site.yml").read_text())["contact_email"] == "team@moorside.example.org"


def test_a_new_sites_theme_settings_are_the_example_sites():
    # The scripts, styles and extensions a page needs are named in mkdocs.yml:
    # a new site that missed one (a module script loaded as a classic one)
    # would build, and break in the browser.
    shared = ("theme", "plugins", "markdown_extensions", "extra_css", "extra_javascript")
    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    starter = yaml.safe_load((REPO / "signpost" / "authoring" / "starter" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {key: starter.get(key) for key in shared} == {key: ours.get(key) for key in shared}
