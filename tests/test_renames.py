"""A field renamed or removed in a later version is told by its new name, at the old field's line.

Signpost has renamed no field yet, so the shipped table is empty; these tests
hand ``load_content`` a table of their own (``TABLE``) that renames real
fields of today's models from made-up old names, and write those old names
into a copy of the small fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from signpost.check.loader import load_content
from signpost.core.problems import errors_in
from signpost.core.renames import FIELD_CHANGES, FieldChange, table_mistakes
from tests.conftest import REPO, TODAY

ROVERS = "assets/rovers.yml"
EVENT = "events/mapping-workshop.md"

# The engine's own fixture table: one entry per place a field can be (the
# top level, a group, a list item, front matter, a taxonomy entry, the site
# file), a removed field and a field renamed twice.
TABLE = (
    FieldChange("0.2.0", "asset", "checked_on", "last_checked"),
    FieldChange("0.2.0", "asset", "travel.bus_numbers", "buses"),
    FieldChange("0.2.0", "asset", "schedule.sessions.weekdays", "days"),
    FieldChange("0.2.0", "asset", "travel.bus_stop", instead="write where to get off in 'bus_note:'"),
    FieldChange("0.2.0", "event", "organiser.team", "name"),
    FieldChange("0.2.0", "domain", "title", "name"),
    FieldChange("0.2.0", "site", "site_name", "name"),
    FieldChange("0.2.0", "asset", "cost.fee", "price"),
    FieldChange("0.3.0", "asset", "cost.price", "amount"),
)


def problems_with(content: Path, table=TABLE) -> list[str]:
    """Every problem ``check`` finds with ``table``, as text, with paths relative to ``content``."""
    _, problems = load_content(content, TODAY, changes=table)
    return [problem.as_text().replace(content.as_posix() + "/", "") for problem in problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# (file, text in the fixture, the same text with the old name, field, what follows "field: ")
OLD_NAMES = {
    "top level": (ROVERS, "last_checked:", "checked_on:", "checked_on", "is called 'last_checked' since Signpost 0.2.0"),
    "in a group": (ROVERS, "  buses:", "  bus_numbers:", "travel.bus_numbers", "is called 'buses' since Signpost 0.2.0"),
    "in a list item": (
        ROVERS,
        "      days:",
        "      weekdays:",
        "schedule.sessions[1].weekdays",
        "is called 'days' since Signpost 0.2.0",
    ),
    "in front matter": (EVENT, "  name: Hollinsford Community", "  team: Hollinsford Community", "organiser.team", None),
    "in a taxonomy entry": (
        "domains.yml",
        "  name: Learning",
        "  title: Learning",
        "title",
        "is called 'name' since Signpost 0.2.0",
    ),
    "in the site file": ("site.yml", "name: Hollinsford Connects", "site_name: Hollinsford Connects", "site_name", None),
    "renamed twice": (ROVERS, "  amount: 2.00", "  fee: 2.00", "cost.fee", "is called 'amount' since Signpost 0.3.0"),
}


@pytest.mark.parametrize("case", OLD_NAMES.values(), ids=OLD_NAMES.keys())
def test_an_old_name_is_one_problem_at_its_line_saying_the_new_name(small_content, case):
    file, text, old, field, message = case
    replace_in(small_content / file, text, old)
    new = text.split(":")[0].strip()
    message = message or f"is called '{new}' since Signpost 0.2.0"
    line = line_of(small_content / file, old)
    assert problems_with(small_content) == [f"{file}:{line}: {field}: {message} — rename it to '{new}:'"]


def test_a_removed_field_says_in_which_version_and_what_to_do_instead(small_content):
    replace_in(small_content / ROVERS, "  bus_note:", "  bus_stop: Coldwell Lane shops\n  bus_note:")
    line = line_of(small_content / ROVERS, "bus_stop:")
    assert problems_with(small_content) == [
        f"{ROVERS}:{line}: travel.bus_stop: was removed in Signpost 0.2.0 — write where to get off in 'bus_note:'"
    ]


def test_the_value_under_an_old_name_is_not_used_and_stops_the_build(small_content):
    replace_in(small_content / ROVERS, "  buses:", "  bus_numbers:")
    content, problems = load_content(small_content, TODAY, changes=TABLE)
    assert [problem.field for problem in errors_in(problems)] == ["travel.bus_numbers"]
    assert "rovers" not in content.assets
    assert content.unreadable["assets"] == {"rovers"}


def test_an_old_name_beside_its_new_one_says_to_keep_one(small_content):
    replace_in(small_content / ROVERS, "  bus_note:", "  bus_numbers: ['4']\n  bus_note:")
    line = line_of(small_content / ROVERS, "bus_numbers:")
    assert problems_with(small_content) == [
        f"{ROVERS}:{line}: travel.bus_numbers: is called 'buses' since Signpost 0.2.0"
        " — 'buses:' is here too, so keep one of them and delete the other"
    ]


def test_a_required_field_under_its_old_name_is_not_also_missing(small_content):
    # Without the table, the organiser's 'name:' is missing and 'team:' is a field nobody knows.
    replace_in(small_content / EVENT, "  name: Hollinsford Community", "  team: Hollinsford Community")
    assert [problem.split(": ", 1)[1] for problem in problems_with(small_content, table=())] == [
        "organiser.name: is missing — add 'name:' here (The organising team or body)",
        "organiser.team: is not a field we know — remove it, or use one of: name, email, website",
    ]
    assert len(problems_with(small_content)) == 1


def test_an_old_name_in_another_place_is_not_taken_for_the_renamed_field(small_content):
    # The table renames 'bus_numbers' under 'travel:' only; at the top level it is just unknown.
    replace_in(small_content / ROVERS, "last_checked:", "bus_numbers: ['4']\nlast_checked:")
    line = line_of(small_content / ROVERS, "bus_numbers:")
    [problem] = problems_with(small_content)
    assert problem.startswith(f"{ROVERS}:{line}: bus_numbers: is not a field we know — remove it, or use one of: name,")


def test_the_shipped_table_and_the_test_table_are_sound():
    assert table_mistakes(FIELD_CHANGES) == []
    assert table_mistakes(TABLE) == []


def test_a_mistaken_table_entry_is_named():
    bad = (
        FieldChange("0.2", "asset", "travel.buses", "bus_routes"),
        FieldChange("0.2.0", "shop", "till", "counter"),
        FieldChange("0.2.0", "site", "site_name"),
    )
    assert table_mistakes(bad) == [
        "travel.buses: the version '0.2' is not like 0.2.0",
        "travel.buses: 'buses' is still a field of asset",
        "travel.buses: its new name 'travel.bus_routes' is not a field of asset",
        "till: 'shop' is not a kind of file",
        "site_name: removed, but it does not say what to do instead",
    ]


def changelog_mistakes(text: str, table) -> list[str]:
    """How CHANGELOG.md's "Renamed fields" sections and ``table`` disagree; none when they agree.

    Each version in the table has a section listing exactly its entries; a
    section with none says "None.".
    """
    sections = _renamed_sections(text)
    mistakes = []
    for version in sorted({change.version for change in table} | set(sections)):
        listed = sections.get(version)
        wanted = [change.changelog_line() for change in table if change.version == version]
        if listed is None:
            mistakes.append(f"{version}: no 'Renamed fields' section")
            continue
        mistakes += [f"{version}: missing {line}" for line in wanted if line not in listed]
        mistakes += [f"{version}: not in the table {line}" for line in listed if line.startswith("- ") and line not in wanted]
        if not wanted and "None." not in listed:
            mistakes.append(f"{version}: says neither None. nor any change")
    return mistakes


def _renamed_sections(text: str) -> dict[str, list[str]]:
    """The lines of each version's "### Renamed fields" section, by version."""
    sections: dict[str, list[str]] = {}
    version, inside = "", False
    for line in text.splitlines():
        if heading := re.match(r"## \[?(\d+\.\d+\.\d+)", line):
            version, inside = heading[1], False
        elif line.startswith("#"):
            inside = line.strip() == "### Renamed fields" and bool(version)
            if inside:
                sections[version] = []
        elif inside and line.strip():
            sections[version].append(line.strip())
    return sections


def test_the_changelog_lists_every_renamed_field():
    assert changelog_mistakes((REPO / "CHANGELOG.md").read_text(), FIELD_CHANGES) == []
    assert "0.2.0" in _renamed_sections((REPO / "CHANGELOG.md").read_text())


def test_a_changelog_missing_a_change_or_listing_a_stray_one_is_caught():
    listed = "\n".join(change.changelog_line() for change in TABLE if change.version == "0.2.0")
    text = f"# Changelog\n\n## 0.3.0\n\n### Renamed fields\n\n- stray\n\n## 0.2.0\n\n### Renamed fields\n\n{listed}\n"
    assert changelog_mistakes(text, TABLE) == [
        f"0.3.0: missing {TABLE[-1].changelog_line()}",
        "0.3.0: not in the table - stray",
    ]
    assert changelog_mistakes(text.replace("- stray", TABLE[-1].changelog_line()), TABLE) == []
    assert changelog_mistakes("## 0.2.0\n\n### Renamed fields\n\nNone.\n", ()) == []
    assert changelog_mistakes("## 0.2.0\n\n### Renamed fields\n\n", ()) == ["0.2.0: says neither None. nor any change"]
