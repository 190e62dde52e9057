"""``signpost new``: a new file of each kind, its placeholders, and what it refuses."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from signpost.authoring.scaffold import KIND_NAMES, STARTERS, stem_from
from signpost.authoring.schema import schema_name, target_for, walk
from signpost.check.loader import load_content
from signpost.check.placeholders import PLACEHOLDER
from signpost.cli import main
from signpost.core.kinds import KINDS
from signpost.load.sourcelines import split_front_matter
from signpost.load.yamlsource import parse_yaml
from tests.conftest import TODAY, run_command

_KEY = re.compile(r"^(\s*(?:- )?)([a-z_]+):(.*)$")


def _new(content: Path, kind: str, title: str, *extra: str) -> int:
    return main(["new", kind, title, "--content", str(content), "--today", TODAY.isoformat(), *extra])


def _check(content: Path) -> int:
    return main(["check", "--content", str(content), "--today", TODAY.isoformat()])


def _only_file(folder: Path, before: set[Path]) -> Path:
    (path,) = set(folder.iterdir()) - before
    return path


def _fields(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    offset = 0
    if path.suffix == ".md":
        text, _, offset = split_front_matter(text)
    document, problems = parse_yaml(text, str(path), line_offset=offset)
    assert not problems
    return document.data


def _real_values(content: Path) -> dict[str, str]:
    """A real value for each field a new file asks for; ids come from the content itself."""
    domains = yaml.safe_load((content / "domains.yml").read_text(encoding="utf-8"))
    areas = yaml.safe_load((content / "areas.yml").read_text(encoding="utf-8"))
    news = sorted((content / KINDS["news"].folder).glob("*.md"))[0].stem
    return {
        "summary": "A friendly group for a chat and a cup of tea.",
        "description": "Tea and cake are provided.",
        "domains": f"[{domains[0]['id']}]",
        "area": areas[-1]["id"],
        "repeats": "weekly",
        "days": "[tuesday]",
        "starts": '"10:00"',
        "free": "true",
        "phone": "01632 960 123",
        "venue": "Hollinsford Library",
        "address": "1 Market Square, Hollinsford",
        "start": '"2027-03-12 10:00"',
        "end": '"2027-03-12 12:00"',
        "required": "false",
        "name": "Hollinsford Community Connections Team",
        "setting": "Community mental health team",
        "service_type": "Mental health",
        "worker": "Kay",
        "individual": "Dee",
        "worker_perspective": "We met at her kitchen table.",
        "individual_perspective": "I did not want to go at first.",
        "given": "true",
        "date": "2026-11-01",
        "recorded_by": "Kay",
        "news": news,
    }


def _fill(text: str, values: dict[str, str]) -> str:
    """Replace each FILL IN as a member of staff would: the value after the key, the text in the body."""
    lines, key = [], ""
    for line in text.splitlines():
        found = _KEY.match(line)
        key = found.group(2) if found else key
        if PLACEHOLDER not in line or line.lstrip().startswith("#"):
            lines.append(line)
        elif found:
            lines.append(f"{found.group(1)}{key}: {values[key]}")
        elif line.strip() == PLACEHOLDER:  # the first line of a block of text
            lines.append(line.replace(PLACEHOLDER, values[key]))
        else:  # the body of a Markdown file
            lines.append("The text of the page.")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", list(KIND_NAMES))
def test_a_new_file_passes_check_once_its_placeholders_are_filled(small_content, capsys, name):
    kind = KIND_NAMES[name]
    folder = small_content / kind.folder
    before = set(folder.iterdir())
    assert _new(small_content, name, "Upper Fold Quilting Circle") == 0
    path = _only_file(folder, before)
    assert path.name == f"upper-fold-quilting-circle{kind.suffix}"
    text = path.read_text(encoding="utf-8")
    capsys.readouterr()

    # Unfilled, every placeholder is an error at its own line, and nothing else is.
    assert _check(small_content) == 1
    reported = [line for line in capsys.readouterr().out.splitlines() if path.name in line]
    # A block of text ("key: |" with FILL IN below) reports it at the key's line, just above.
    expected = [
        number - 1 if line.strip() == PLACEHOLDER else number
        for number, line in enumerate(text.splitlines(), 1)
        if PLACEHOLDER in line and not line.lstrip().startswith("#")
    ]
    assert [int(line.split(":")[1]) for line in reported] == expected
    assert all(f"still says {PLACEHOLDER}" in line for line in reported)
    content, _ = load_content(small_content, TODAY)
    assert path.stem not in getattr(content, kind.attribute), "a file with placeholders must never be published"

    # Filled in, it passes with nothing to report, and is published.
    path.write_text(_fill(text, _real_values(small_content)), encoding="utf-8")
    assert _check(small_content) == 0
    assert path.name not in capsys.readouterr().out
    content, _ = load_content(small_content, TODAY)
    assert path.stem in getattr(content, kind.attribute)


@pytest.mark.parametrize("name", list(KIND_NAMES))
def test_a_new_file_has_every_field_commented_and_a_schema_line(small_content, name):
    kind = KIND_NAMES[name]
    assert _new(small_content, name, "Every field") == 0
    path = small_content / kind.folder / f"every-field{kind.suffix}"
    text = path.read_text(encoding="utf-8")
    data = _fields(path)
    comments = " ".join(line.strip().removeprefix("#").strip() for line in text.splitlines() if line.strip().startswith("#"))
    for item in walk(target_for(kind).schema()):
        value = data
        for key in item.path:
            value = value[0] if isinstance(value, list) else value
            assert key in value, f"{item.dotted} is missing from a new {name}"
            value = value[key]
        assert " ".join(item.description.split()) in comments, f"{item.dotted} has no comment"
    schema_line = next(line for line in text.splitlines() if "yaml-language-server" in line)
    location = schema_line.split("$schema=", 1)[1]
    # The schema is the site's own (beside its content folder), as `signpost schemas` writes it.
    assert (path.parent / location).resolve() == (small_content.parent / target_for(kind).file).resolve()


def test_today_is_the_date_of_a_new_record(small_content):
    assert _new(small_content, "asset", "Dated") == 0
    assert _fields(small_content / "assets" / "dated.yml")["last_checked"] == TODAY


def test_source_date_epoch_sets_today_when_there_is_no_today_option(small_content):
    day = dt.date(2027, 5, 4)
    epoch = str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))
    result = run_command("new", "news", "Spring update", "--content", str(small_content), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    path = small_content / KINDS["news"].folder / "spring-update.md"
    assert f"Wrote {path.as_posix()}." in result.stderr
    assert _fields(path)["date"] == day


def test_a_new_newsletter_takes_the_next_issue_number(small_content):
    numbers = [_fields(path)["number"] for path in (small_content / "newsletters").glob("*.md")]
    assert _new(small_content, "newsletter", "Spring") == 0
    assert _fields(small_content / "newsletters" / "spring.md")["number"] == max(numbers) + 1


def test_new_refuses_to_overwrite_a_file(small_content, capsys):
    existing = small_content / "assets" / "rovers.yml"
    before = existing.read_bytes()
    assert _new(small_content, "asset", "Rovers") == 1
    assert existing.read_bytes() == before
    error = capsys.readouterr().err
    assert f"{existing.as_posix()} already exists, so nothing was written" in error
    assert "--file-name" in error
    assert "Traceback" not in error


def test_new_refuses_a_name_taken_by_the_other_yaml_suffix(small_content, capsys):
    (small_content / "assets" / "rovers.yml").rename(small_content / "assets" / "rovers.yaml")
    assert _new(small_content, "asset", "Rovers") == 1
    assert not (small_content / "assets" / "rovers.yml").exists()
    assert "rovers.yaml already exists" in capsys.readouterr().err


def test_file_name_option_chooses_the_name(small_content):
    assert _new(small_content, "event", "Rovers", "--file-name", "rovers-open-day-2027") == 0
    assert (small_content / "events" / "rovers-open-day-2027.md").is_file()


@pytest.mark.parametrize("file_name", ["Rovers Open Day", "index", "rovers.yml"])
def test_a_file_name_that_cannot_be_an_address_is_refused(small_content, capsys, file_name):
    before = set((small_content / "events").iterdir())
    assert _new(small_content, "event", "Rovers", "--file-name", file_name) == 1
    assert set((small_content / "events").iterdir()) == before
    assert "cannot be a file name here" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Upper Fold Quilting Circle", "upper-fold-quilting-circle"),
        ("  Tom's Café: Übung & Spaß — 2027!  ", "toms-cafe-ubung-and-spass-2027"),
        ("Ærø’s «Crème brûlée» club (Łódź)", "aeros-creme-brulee-club-lodz"),
        ("St Mary's -- community   lunch...", "st-marys-community-lunch"),
    ],
)
def test_stem_from_a_title(title, stem):
    assert stem_from(title) == stem
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem)


def test_a_long_title_gives_a_short_name_that_ends_at_a_word():
    title = "The Hollinsford and Moor Villages Friendly Knitting, Crochet and Natter Group for Everyone"
    stem = stem_from(title)
    assert len(stem) <= 60
    assert title.lower().replace(",", "").replace(" ", "-").startswith(stem + "-")


def test_a_title_with_nothing_to_make_a_name_from_is_refused(small_content, capsys):
    assert _new(small_content, "news", "日本語のニュース") == 1
    assert "Give one with --file-name" in capsys.readouterr().err
    assert _new(small_content, "news", "日本語のニュース", "--file-name", "japanese-news") == 0


def test_a_missing_content_folder_is_named(tmp_path, capsys):
    assert _new(tmp_path / "nowhere", "asset", "Anything") == 1
    assert "does not exist" in capsys.readouterr().err


def test_every_starter_is_a_field_of_its_kind():
    for name, starters in STARTERS.items():
        fields = {item.dotted for item in walk(target_for(KINDS[name]).schema())}
        assert set(starters) <= fields, f"STARTERS in signpost/authoring/scaffold.py names a field {name} no longer has"


def test_a_placeholder_in_any_file_is_reported_at_its_line(small_content, capsys):
    path = small_content / "assets" / "rovers.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines) if line.startswith("summary:"))
    lines[number] = f"summary: {PLACEHOLDER}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _check(small_content) == 1
    assert (
        f"{path.as_posix()}:{number + 1}: summary: still says {PLACEHOLDER} — replace {PLACEHOLDER} with the real details (One plain sentence saying what it is)"
        in capsys.readouterr().out
    )


def test_kind_names_come_from_the_registry():
    assert set(KIND_NAMES) == {schema_name(kind) for kind in KINDS.values()}
    assert {"asset", "event", "case-study", "news", "newsletter"} <= set(KIND_NAMES)


@pytest.mark.parametrize(("word", "kind"), [("activity", "asset"), ("story", "case_study"), ("post", "news")])
def test_the_words_staff_use_start_the_same_kind(small_content, word, kind):
    assert _new(small_content, word, "Said Plainly") == 0
    folder = small_content / KINDS[kind].folder
    assert (folder / f"said-plainly{KINDS[kind].suffix}").is_file()
