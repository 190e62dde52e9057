"""Everyday mistakes staff make, each explained once, at its own line, in plain words.

Each case edits a copy of the small fixture the way a member of staff might
and pins every message the check gives: the file, the line (found in the
edited file, not counted by hand), the field, what is wrong and how to fix
it. No message may carry the YAML parser's or pydantic's own words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from signpost.check.loader import load_content
from signpost.core.problems import Problem
from signpost.load.sourcelines import split_front_matter
from signpost.load.yaml_layout import diagnose
from signpost.load.yamlsource import parse_yaml
from tests.conftest import EXAMPLE_CONTENT, SMALL_CONTENT, TODAY, run_command

ROVERS = "assets/rovers.yml"
EVENT = "events/mapping-workshop.md"
STORY = "case-studies/sam-and-ali.md"
SHED = "assets/northgate-mens-shed.yml"

# Words from the parser or the validation library that mean nothing to staff.
JARGON = (
    "expected <block end>",
    "mapping values are not allowed",
    "could not find expected",
    "<block",
    "<scalar>",
    "<document",
    "scalar",
    "found character",
    "cannot start any token",
    "while scanning",
    "while parsing",
    "YAMLError",
    "Traceback",
    "at column",
    "Value error",
    "validation error",
    "pydantic",
    "extra_forbidden",
    "literal_error",
    "Input should",
    "Extra inputs",
    "field required",
)

# (edits, expected): each edit is (file, old text, new text); each expected
# problem is (file, text on its line, what follows "file:line: ").
# A line given as "^text" is the first line that is exactly that, "$text"
# the last such line; "" is the file's line 1.
MISTAKES = {
    "a colon and a space in text": (
        [(ROVERS, "summary: A friendly", "summary: Note: a friendly")],
        [
            (
                ROVERS,
                "summary: Note",
                "summary: has a colon and a space (': ') in the text, which marks the start of a new field — "
                'put the text in double quotes: summary: "Note: a friendly adult football club that trains …"',
            )
        ],
    ),
    "a colon in text with an apostrophe": (
        [
            (
                ROVERS,
                "  note: Ask for the club secretary when you arrive and they will introduce you.",
                "  note: First visit: ask for Sam's dad at the gate.",
            )
        ],
        [
            (
                ROVERS,
                "First visit",
                "note: has a colon and a space (': ') in the text, which marks the start of a new field — "
                'put the text in double quotes: note: "First visit: ask for Sam\'s dad at the gate."',
            )
        ],
    ),
    "an apostrophe inside single quotes": (
        [(ROVERS, "  walking: 25 minutes from the town centre.", "  walking: 'It's 25 minutes from the town centre.'")],
        [
            (
                ROVERS,
                "walking:",
                'walking: has an apostrophe in "It\'s" that ends the quotes early — '
                'use double quotes around the text instead: walking: "It\'s 25 minutes from the town centre."',
            )
        ],
    ),
    "a line one space too far in": (
        [(ROVERS, "  address: Coldwell Lane", "   address: Coldwell Lane")],
        [
            (
                ROVERS,
                "address:",
                "address: is indented 1 space more than 'venue:' above it — line it up with 'venue:' (2 spaces from the left)",
            )
        ],
    ),
    "a line between two indents": (
        [(ROVERS, "  address: Coldwell Lane", " address: Coldwell Lane")],
        [
            (
                ROVERS,
                "address:",
                "address: is not lined up with the lines above it — line it up with 'venue:' (2 spaces from the left) "
                "to keep it under 'location:', or with 'location:' (at the left edge)",
            )
        ],
    ),
    "three lines indented with tabs": (
        [
            (ROVERS, "  min_age: 16", "\tmin_age: 16"),
            (ROVERS, "  groups: [everyone, beginners]", "\tgroups: [everyone, beginners]"),
            (ROVERS, "  step_free: true", "\tstep_free: true"),
        ],
        [
            (
                ROVERS,
                "min_age:",
                "min_age: is indented with a tab — use 2 spaces instead of the tab, so that it sits under 'audience:'",
            ),
            (ROVERS, "groups:", "groups: is indented with a tab — use 2 spaces instead of the tab, to line up with 'min_age:'"),
            (
                ROVERS,
                "step_free:",
                "step_free: is indented with a tab — use 2 spaces instead of the tab, so that it sits under 'accessibility:'",
            ),
        ],
    ),
    "a quote that is not closed": (
        [(ROVERS, '      starts: "18:30"', '      starts: "18:30')],
        [
            (
                ROVERS,
                "starts:",
                'starts: has a quote that is not closed — add the closing double quote mark (") at the end of the text',
            )
        ],
    ),
    "a list that is not closed": (
        [(ROVERS, "days: [tuesday, thursday]", "days: [tuesday, thursday")],
        [(ROVERS, "days:", "days: has a list that is not closed — add ] at the end of the list")],
    ),
    "no space after the colon": (
        [(ROVERS, "area: northgate", "area:northgate")],
        [(ROVERS, "area:", "area: needs a space after the colon — write it as 'area: northgate'")],
    ),
    "no colon after the field name": (
        [(ROVERS, "area: northgate", "area northgate")],
        [
            (
                ROVERS,
                "area northgate",
                "is not written as 'field: value' — write it as 'area: northgate'",
            )
        ],
    ),
    "a paragraph of a description at the left edge": (
        [(ROVERS, "  Several members help", "Several members help")],
        [
            (
                ROVERS,
                "Several members",
                "is not written as 'field: value' — if it is more of the text of 'description:', "
                "indent it 2 spaces from the left, like that text; if it is a field, put a colon and a space after the field name",
            )
        ],
    ),
    "a value that starts with @": (
        [(ROVERS, "  email: secretary@", "  note: @HollinsfordRovers on Facebook\n  email: secretary@")],
        [
            (
                ROVERS,
                "@Hollinsford",
                "note: starts with an @, which has a special meaning at the start of a value — "
                'put the text in double quotes: note: "@HollinsfordRovers on Facebook"',
            )
        ],
    ),
    "quotes around only part of the text": (
        [(ROVERS, "  note: Ask for the club secretary when", '  note: "Ask for the club secretary" when')],
        [
            (
                ROVERS,
                '"Ask for',
                "note: has more text after the closing quote mark — put the quotes around all of the text: "
                'note: "Ask for the club secretary when you arrive and th …"',
            )
        ],
    ),
    "a fence of two dashes at the top": (
        [(EVENT, "---\ntitle:", "--\ntitle:")],
        [(EVENT, "", "starts with a line of 2 dashes instead of '---' — the first line must be exactly three hyphens: ---")],
    ),
    "a fence of two dashes after the fields": (
        [(EVENT, "---\nBring", "--\nBring")],
        [
            (
                EVENT,
                "^--",
                "is a line of 2 dashes, so the fields are not closed — the line after the last field must be exactly three hyphens: ---",
            )
        ],
    ),
    "no fence after the fields": (
        [(EVENT, "---\nBring", "Bring")],
        [
            (
                EVENT,
                "Bring five",
                "the fields are not closed before this line — "
                "add a line of exactly three hyphens (---) above it, after the last field",
            )
        ],
    ),
    "an empty line above the first fence": (
        [(EVENT, "---\ntitle", "\n---\ntitle")],
        [
            (
                EVENT,
                "",
                "starts with 1 empty line before the '---' line — delete the empty lines: '---' must be the very first line",
            )
        ],
    ),
    "a word processor's long dash for a fence": (
        [(EVENT, "---\nBring", "\u2014\nBring")],
        [
            (
                EVENT,
                "^\u2014",
                "is a line with a long dash (\u2014), which a word processor may have typed for ---, so the fields are not closed — "
                "the line after the last field must be exactly three hyphens: ---",
            )
        ],
    ),
    "'---' lines around the fields of a .yml file": (
        [
            (ROVERS, "name: Hollinsford", "---\nname: Hollinsford"),
            (ROVERS, "last_checked: 2026-10-14\n", "last_checked: 2026-10-14\n---\n"),
        ],
        [(ROVERS, "$---", "has a second '---' line — remove it: the fields end at the end of the file")],
    ),
    "postcode pulled to the left, inside the block": (
        [(ROVERS, "  postcode: HF4 7QT", "postcode: HF4 7QT")],
        [
            (
                ROVERS,
                "postcode:",
                "postcode: belongs under 'location:' — indent it to line up with 'address:' (2 spaces from the left)",
            )
        ],
    ),
    "postcode pulled to the left, at the end of the block": (
        [(ROVERS, "  postcode: HF4 7QT\n", ""), (ROVERS, "  longitude: -1.8265\n", "  longitude: -1.8265\npostcode: HF4 7QT\n")],
        [(ROVERS, "postcode:", "postcode: belongs under 'location:' — indent it to line up with 'longitude:'")],
    ),
    "a postcode with no location block": (
        [
            (
                ROVERS,
                "location:\n  venue: Northgate Playing Fields pavilion\n  address: Coldwell Lane, Northgate, Hollinsford\n",
                "",
            ),
            (ROVERS, "  postcode: HF4 7QT\n  latitude: 53.7412\n  longitude: -1.8265\n", "postcode: HF4 7QT\n"),
        ],
        [
            (
                ROVERS,
                "postcode:",
                "postcode: belongs under 'location:' — add 'location:' on its own line above it, and indent it by two spaces",
            )
        ],
    ),
    "a cost note pulled to the left": (
        [(ROVERS, "  concessions: First four sessions free.\n", "  concessions: First four sessions free.\nnote: Ring first\n")],
        [(ROVERS, "note: Ring", "note: belongs under 'cost:' — indent it to line up with 'concessions:'")],
    ),
    "an email at the end of the file": (
        [(ROVERS, "last_checked: 2026-10-14", "last_checked: 2026-10-14\nemail: secretary@example.org")],
        [
            (
                ROVERS,
                "email: secretary@example.org",
                "email: is not a field here — it belongs under 'contact:': move it there and indent it to line up with the fields around it",
            )
        ],
    ),
    "a session's start pulled out to the '-'": (
        [(ROVERS, '      starts: "18:30"', '    starts: "18:30"')],
        [
            (
                ROVERS,
                "starts:",
                "starts: is not lined up with the lines above it — line it up with 'days:' (6 spaces from the left) "
                "to keep it under 'sessions:', or with 'sessions:' (2 spaces from the left)",
            )
        ],
    ),
    "a session's end pulled out of the list": (
        [(ROVERS, '      ends: "20:00"', '  ends: "20:00"')],
        [(ROVERS, "ends:", "schedule.ends: belongs in an item of 'sessions:' — indent it to line up with 'starts:'")],
    ),
    "a top-level field pushed in": (
        [(ROVERS, "area: northgate\naudience:\n  min_age: 16", "audience:\n  area: northgate\n  min_age: 16")],
        [
            (
                ROVERS,
                "area:",
                "audience.area: belongs at the top level, not under 'audience:' — "
                "remove the spaces before it, so that it lines up with 'audience:'",
            )
        ],
    ),
    "an event that ends before it starts": (
        [(EVENT, "end: 2027-03-12 13:00", "end: 2027-03-12 01:00")],
        [
            (
                EVENT,
                "end:",
                "end: 2027-03-12 01:00 is before the start, 2027-03-12 09:30 — "
                "check the date and time, and use the 24-hour clock (14:00 for 2pm)",
            )
        ],
    ),
    "a session that ends before it starts": (
        [(ROVERS, 'ends: "20:00"', 'ends: "08:00"')],
        [
            (
                ROVERS,
                "ends:",
                "schedule.sessions[1].ends: 08:00 is before the start, 18:30 — "
                "check the times use the 24-hour clock (write midnight as '00:00')",
            )
        ],
    ),
    "youngest and oldest ages swapped": (
        [(ROVERS, "  min_age: 16", "  min_age: 65\n  max_age: 18")],
        [(ROVERS, "max_age:", "audience.max_age: 18 is below min_age, 65 — swap the two numbers")],
    ),
    "an area's name with a capital": (
        [(ROVERS, "area: northgate", "area: Northgate")],
        [(ROVERS, "area:", "area: 'Northgate' is not a valid id — write it as 'northgate'")],
    ),
    "an area's words with capitals and a space": (
        [(ROVERS, "area: northgate", "area: Moor Villages")],
        [(ROVERS, "area:", "area: 'Moor Villages' is not a valid id — write it as 'moor-villages'")],
    ),
    "a domain's name as the site shows it": (
        [(ROVERS, "domains: [sport]", "domains: [Sport and exercise]")],
        [
            (
                ROVERS,
                "domains:",
                "domains[1]: 'Sport and exercise' is not a valid id — that is the name shown on the site; write its id, 'sport'",
            )
        ],
    ),
    "a connection written as a file name": (
        [(SHED, None, None), (ROVERS, "area: northgate", "area: northgate\nconnections: [northgate-mens-shed.yml]")],
        [
            (
                ROVERS,
                "connections:",
                "connections[1]: 'northgate-mens-shed.yml' is not a valid id — leave out the file's ending: 'northgate-mens-shed'",
            )
        ],
    ),
    "a connection written with spaces": (
        [(SHED, None, None), (ROVERS, "area: northgate", "area: northgate\nconnections: [Northgate Mens Shed]")],
        [(ROVERS, "connections:", "connections[1]: 'Northgate Mens Shed' is not a valid id — write it as 'northgate-mens-shed'")],
    ),
    "a misspelt connection never suggests the asset itself": (
        [(SHED, None, None), (ROVERS, "area: northgate", "area: northgate\nconnections: [rovrs]")],
        [
            (
                ROVERS,
                "connections:",
                "connections[1]: 'rovrs' is not a known asset — "
                "use one of the asset ids in content/assets (the file name without .yml)",
            )
        ],
    ),
    "a day cut short, with a capital": (
        [(ROVERS, "days: [tuesday, thursday]", "days: [Tues, thursday]")],
        [(ROVERS, "days:", "schedule.sessions[1].days[1]: 'Tues' is not one of the choices — did you mean 'tuesday'?")],
    ),
    "days with capitals": (
        [(ROVERS, "days: [tuesday, thursday]", "days: [Tuesday, Thursday]")],
        [
            (ROVERS, "days:", "schedule.sessions[1].days[1]: 'Tuesday' is not one of the choices — write it as 'tuesday'"),
            (ROVERS, "days:", "schedule.sessions[1].days[2]: 'Thursday' is not one of the choices — write it as 'thursday'"),
        ],
    ),
    "a choice with a capital": (
        [(ROVERS, "repeats: weekly", "repeats: Weekly")],
        [(ROVERS, "repeats:", "schedule.sessions[1].repeats: 'Weekly' is not one of the choices — write it as 'weekly'")],
    ),
    "an audience group in words": (
        [(ROVERS, "groups: [everyone, beginners]", "groups: [everyone, Older people]")],
        [(ROVERS, "groups:", "audience.groups[2]: 'Older people' is not one of the choices — write it as 'older-people'")],
    ),
    "a time written as 6.30pm": (
        [(ROVERS, 'starts: "18:30"', "starts: 6.30pm")],
        [
            (
                ROVERS,
                "starts:",
                "schedule.sessions[1].starts: '6.30pm' is not a time — use the 24-hour clock, in quotes, like '19:30'",
            )
        ],
    ),
    "a misspelt field": (
        [(ROVERS, "name: Hollinsford", "nmae: Hollinsford")],
        [(ROVERS, "nmae:", "nmae: is not a field we know — did you mean 'name'?")],
    ),
    "a field written twice": (
        [(ROVERS, "area: northgate", "area: northgate\narea: riverside")],
        [(ROVERS, "area: riverside", "area: appears twice (first on line 16) — keep one of them and delete the other")],
    ),
    "a date written day first": (
        [(ROVERS, "last_checked: 2026-10-14", "last_checked: 14/10/2026")],
        [(ROVERS, "last_checked:", "last_checked: '14/10/2026' is not a date — write the date as YYYY-MM-DD: 2026-10-14")],
    ),
    "a colon in a list item's text": (
        [(STORY, "goals: [Go to training once a week]", "goals:\n  - Go to training: once a week")],
        [
            (
                STORY,
                "Go to training",
                "goals[1]: has a colon and a space (': ') in the text, so it was read as a field — "
                'put the text in double quotes: - "Go to training: once a week"',
            )
        ],
    ),
    "three layout mistakes in one file, in one run": (
        [
            (ROVERS, "summary: A friendly", "summary: Note: a friendly"),
            (ROVERS, "  min_age: 16", "\tmin_age: 16"),
            (ROVERS, "  address: Coldwell Lane", "   address: Coldwell Lane"),
        ],
        [
            (
                ROVERS,
                "summary:",
                "summary: has a colon and a space (': ') in the text, which marks the start of a new field — "
                'put the text in double quotes: summary: "Note: a friendly adult football club that trains …"',
            ),
            (
                ROVERS,
                "min_age:",
                "min_age: is indented with a tab — use 2 spaces instead of the tab, so that it sits under 'audience:'",
            ),
            (
                ROVERS,
                "address:",
                "address: is indented 1 space more than 'venue:' above it — line it up with 'venue:' (2 spaces from the left)",
            ),
        ],
    ),
}


def make_mistake(content: Path, edits: list) -> None:
    """Apply ``edits`` to the copy at ``content``; a (path, None, None) edit adds a second asset, the shed."""
    for file, old, new in edits:
        path = content / file
        if old is None:
            rovers = (content / ROVERS).read_text()
            path.write_text(rovers.replace("Hollinsford Rovers Football Club", "Northgate Men's Shed"))
            continue
        text = path.read_text()
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1))


def line_of(path: Path, marker: str) -> int:
    """The first line holding ``marker`` (see MISTAKES for "^text", "$text" and "")."""
    if not marker:
        return 1
    lines = path.read_text().split("\n")
    if marker.startswith("^"):
        return lines.index(marker[1:]) + 1
    if marker.startswith("$"):
        return len(lines) - lines[::-1].index(marker[1:])
    return next(number for number, line in enumerate(lines, 1) if marker in line)


def expected_lines(content: Path, expected: list) -> list[str]:
    return [f"{file}:{line_of(content / file, marker)}: {message}" for file, marker, message in expected]


def check(content: Path) -> list[Problem]:
    return load_content(content, TODAY)[1]


def relative(content: Path, problem: Problem) -> str:
    return problem.as_text().replace(content.as_posix() + "/", "")


def test_the_corpus_holds_at_least_25_mistakes():
    assert len(MISTAKES) >= 25


@pytest.mark.parametrize(("edits", "expected"), MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_is_explained_once_at_its_line_in_plain_words(small_content, edits, expected):
    make_mistake(small_content, edits)
    problems = check(small_content)
    assert sorted(relative(small_content, problem) for problem in problems) == sorted(expected_lines(small_content, expected))
    for problem in problems:
        for shown in (problem.as_text(), problem.as_github()):
            assert not [word for word in JARGON if word.lower() in shown.lower()], shown


@pytest.mark.parametrize(
    "name",
    [
        "three lines indented with tabs",
        "a fence of two dashes after the fields",
        "postcode pulled to the left, at the end of the block",
    ],
)
def test_the_check_command_prints_the_same_lines(small_content, name):
    edits, expected = MISTAKES[name]
    make_mistake(small_content, edits)
    result = run_command("check", "--content", str(small_content))
    assert result.returncode == 1
    prefix = small_content.as_posix() + "/"
    assert result.stdout.splitlines() == sorted(prefix + line for line in expected_lines(small_content, expected))
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "a colon in text with an apostrophe",
        "an apostrophe inside single quotes",
        "a value that starts with @",
        "a colon in a list item's text",
        "no space after the colon",
    ],
)
def test_following_the_advice_word_for_word_gives_a_correct_file(small_content, name):
    make_mistake(small_content, MISTAKES[name][0])
    [problem] = check(small_content)
    # The hint ends with the line as it should be: "write it as '...'", or "...: field: ...".
    written = problem.hint.removeprefix("write it as '")
    fixed = written[:-1] if written != problem.hint else problem.hint.split(": ", 1)[1]
    path = Path(problem.source)
    lines = path.read_text().split("\n")
    line = lines[problem.line - 1]
    lines[problem.line - 1] = line[: len(line) - len(line.lstrip())] + fixed
    path.write_text("\n".join(lines))
    assert check(small_content) == []


def test_github_format_has_no_parser_words_and_json_keeps_them_as_a_detail(small_content):
    make_mistake(small_content, MISTAKES["a colon and a space in text"][0])
    github = run_command("check", "--content", str(small_content), "--format", "github").stdout
    assert github.startswith("::error file=") and "has a colon and a space" in github
    assert not [word for word in JARGON if word.lower() in github.lower()]
    [problem] = json.loads(run_command("check", "--content", str(small_content), "--format", "json").stdout)
    assert problem["field"] == "summary" and problem["line"] == line_of(small_content / ROVERS, "summary:")
    assert "mapping values are not allowed here" in problem["detail"]


def test_problems_from_validation_carry_no_detail(small_content):
    make_mistake(small_content, MISTAKES["a misspelt field"][0])
    [problem] = json.loads(run_command("check", "--content", str(small_content), "--format", "json").stdout)
    assert "detail" not in problem


def _yaml_files() -> list[Path]:
    return sorted(
        path
        for root in (EXAMPLE_CONTENT, SMALL_CONTENT)
        for path in root.rglob("*")
        if path.suffix in (".yml", ".md") and path.is_file() and path.name != "index.md"
    )


def _fields(path: Path) -> tuple[str, bool]:
    text = path.read_text()
    return (split_front_matter(text)[0], True) if path.suffix == ".md" else (text, False)


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda path: path.relative_to(path.parents[2]).as_posix())
def test_the_line_reading_finds_nothing_wrong_in_correct_files(path):
    text, front_matter = _fields(path)
    assert diagnose(text, path.name, front_matter=front_matter) == []
    # The same data in the other ways YAML may be written: flow style, quoted, folded, wider indents.
    data = yaml.safe_load(text)
    for style in ({"default_flow_style": None}, {"width": 30}, {"indent": 4}, {"default_style": '"'}):
        written = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, **style)
        assert diagnose(written, path.name) == [], (style, written)


# One-line slips on every line of a real asset file: whatever the parser
# makes of them, staff see plain words at a line of the file.
_SLIPS = {
    "a tab": lambda line: "\t" + line.lstrip(" ") if line.startswith("  ") else None,
    "a colon in the text": lambda line: line + ": more" if ": " in line and not line.endswith("|") else None,
    "no colon": lambda line: line.replace(": ", " ", 1) if ": " in line else None,
    "an open quote": lambda line: line.replace(": ", ': "', 1) if ": " in line else None,
    "an apostrophe in quotes": lambda line: line.replace(": ", ": 'it's ", 1) if ": " in line else None,
    "one space less": lambda line: line[1:] if line.startswith("  ") else None,
    "one space more": lambda line: " " + line if line.strip() else None,
    "a leading @": lambda line: line.replace(": ", ": @", 1) if ": " in line else None,
    "two dashes": lambda line: "--",
}


@pytest.mark.parametrize("slip", _SLIPS)
def test_any_slip_on_any_line_is_told_in_plain_words(slip):
    lines = (SMALL_CONTENT / ROVERS).read_text().split("\n")
    for number, line in enumerate(lines):
        changed = _SLIPS[slip](line)
        if changed is None:
            continue
        _, problems = parse_yaml("\n".join(lines[:number] + [changed] + lines[number + 1 :]), "rovers.yml")
        for problem in problems:
            assert 1 <= problem.line <= len(lines) and problem.message, (number + 1, problem)
            assert not [word for word in JARGON if word.lower() in problem.as_text().lower()], (number + 1, problem)
