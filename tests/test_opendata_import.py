"""build.py import hsds|csv: files that pass check, drafts with marked placeholders, one line
per problem, nothing overwritten without --force, the same result twice, and a round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signpost.build.outputs import render_site
from signpost.check.loader import load_content
from signpost.cli import main
from signpost.core.theme import PAGE_TEMPLATES
from signpost.engines.plain import write_outputs
from signpost.load.yamlsource import parse_yaml
from signpost.opendata.ids import asset_id
from signpost.opendata.yaml_emit import scalar
from tests.conftest import EXAMPLE_CONTENT, TODAY, build, tree_digest

EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "hsds" / "examples"
TEMPLATES = PAGE_TEMPLATES
# One line per problem: "source:record N (name): what is wrong — what to do", or the same for a whole file.
REPORT_LINE = re.compile(r"^\S[^:]*(:\d+)?(:record \d+( \(.+?\))?)?: .+ — .+$")


@pytest.fixture
def empty_content(tmp_path: Path) -> Path:
    """A content folder with the example's settings, domains, areas and news, and no assets."""
    target = tmp_path / "content"
    target.mkdir()
    for name in ("site.yml", "domains.yml", "areas.yml"):
        shutil.copy(EXAMPLE_CONTENT / name, target / name)
    # The news too: a site needs at least one page for the search index.
    shutil.copytree(EXAMPLE_CONTENT / "news", target / "news")
    return target


def run_import(capsys, *args: str) -> tuple[int, list[str]]:
    """Run ``build.py import ...`` in-process; the exit code and the lines it printed to stderr."""
    capsys.readouterr()  # what earlier commands printed
    code = main(["import", *args, "--today", TODAY.isoformat()])
    return code, capsys.readouterr().err.splitlines()


def problems_of(lines: list[str]) -> list[str]:
    """The report lines, without the summary at the end."""
    return [line for line in lines if not re.match(r"^\d+ records?: |^Next: |^(Checked|Wrote) ", line)]


def check(content: Path) -> int:
    return main(["check", "--content", str(content), "--today", TODAY.isoformat()])


def assets_in(content: Path) -> dict:
    loaded, _ = load_content(content, TODAY)
    return {stem: record.item for stem, record in loaded.assets.items()}


def test_the_uk_profile_examples_import_as_drafts_that_pass_check_and_build(empty_content, tmp_path, capsys):
    code, lines = run_import(capsys, "hsds", str(EXAMPLES / "service_full.json"), "--content", str(empty_content))
    assert code == 0, lines
    assert problems_of(lines) and all(REPORT_LINE.match(line) for line in problems_of(lines)), lines
    assert check(empty_content) == 0
    (stem, asset), *others = assets_in(empty_content).items()
    assert others == []
    source = json.loads((EXAMPLES / "service_full.json").read_text())
    assert asset.name == source["name"] and asset.contact.email == source["email"]
    assert (asset.audience.min_age, asset.audience.max_age) == (source["minimum_age"], source["maximum_age"])
    assert asset.last_checked.isoformat() == source["assured_date"]
    session = asset.schedule.sessions[0]
    assert (session.repeats, session.days, session.starts, session.ends) == (
        "weekly",
        ["thursday", "friday"],
        dt.time(10, 0),
        dt.time(18, 0),
    )
    assert asset.location.venue == source["service_at_locations"][0]["location"]["name"]
    assert asset.location.latitude is None, "100, 101 is not in the UK"
    # No domain or area in the source: marked placeholders, so it stays a draft.
    text = (empty_content / "assets" / f"{stem}.yml").read_text()
    assert asset.draft and "domains: [other]  # MISSING" in text and "area: town-centre  # MISSING" in text
    assert build(empty_content, tmp_path / "site") == 0
    assert not (tmp_path / "site" / "directory" / stem).exists(), "a draft is not published"

    other = tmp_path / "other"
    shutil.copytree(empty_content, other, ignore=shutil.ignore_patterns("assets"))
    code, lines = run_import(capsys, "hsds", str(EXAMPLES / "service_list.json"), "--content", str(other))
    assert code == 0 and any("page 1 of 10" in line for line in lines)
    assert check(other) == 0
    (listed,) = assets_in(other).values()
    assert listed.draft and listed.schedule.note.startswith("MISSING")


def test_importing_twice_changes_nothing_and_force_is_needed_to_replace_a_changed_file(empty_content, capsys):
    source = str(EXAMPLES / "service_full.json")
    assert run_import(capsys, "hsds", source, "--content", str(empty_content))[0] == 0
    written = tree_digest(empty_content)
    code, lines = run_import(capsys, "hsds", source, "--content", str(empty_content))
    assert code == 0 and "1 record: 0 written, 1 unchanged, 0 left out." in lines
    assert tree_digest(empty_content) == written
    (path,) = (empty_content / "assets").glob("*.yml")
    edited = path.read_text().replace("name: Community Counselling", "name: Community Counselling (edited by staff)")
    path.write_text(edited)
    code, lines = run_import(capsys, "hsds", source, "--content", str(empty_content))
    assert code == 1
    assert [line for line in lines if "--force" in line] == [
        f"{source}:record 1 (Community Counselling): {path.as_posix()} already exists and is different — use --force to replace it"
    ]
    assert path.read_text() == edited
    assert run_import(capsys, "hsds", source, "--content", str(empty_content), "--force")[0] == 0
    assert tree_digest(empty_content) == written


def test_bad_records_are_reported_one_line_each_and_the_rest_imported(empty_content, tmp_path, capsys):
    folder = tmp_path / "feed"
    folder.mkdir()
    good = {
        "id": "0f4a3c55-7d2b-4a6e-9f8e-1b2c3d4e5f60",
        "name": "Good Group",
        "description": "A group that meets every week.\n\nTea and biscuits.",
        "status": "active",
        "email": "hello@good.example.org",
        "assured_date": "2026-10-01",
        "schedules": [{"id": "s1", "freq": "WEEKLY", "byday": "MO", "opens_at": "10:00:00", "closes_at": "11:30:00"}],
        "service_areas": [{"id": "a1", "name": "Northgate"}],
        "cost_options": [{"id": "c1", "amount": 0}],
        "attributes": [{"id": "t1", "taxonomy_term": {"id": "x", "name": "Sport", "description": "Sport"}}],
    }
    odd = {
        "id": "1f4a3c55-7d2b-4a6e-9f8e-1b2c3d4e5f61",
        "name": "Odd Values Club",
        "minimum_age": "twelve",
        "email": "not an email",
        "url": "javascript:alert(1)",
        "status": "paused-ish",
        "assured_date": "2099-01-01",
        "schedules": [{"id": "s2", "freq": "YEARLY", "byday": "MO", "opens_at": "10:00"}],
        "phones": [{"id": "p1", "number": "01632 960 999"}],
        "service_at_locations": [
            {
                "id": "l1",
                "location": {
                    "id": "l2",
                    "location_type": "physical",
                    "name": "Village Hall",
                    "latitude": 100,
                    "longitude": 101,
                    "addresses": [{"id": "d1", "address_1": "1 High Street", "city": "Scarth", "postal_code": "NOT A CODE"}],
                },
            }
        ],
    }
    records = [
        "just some text",
        {"id": "nameless", "description": "No name here"},
        good,
        {**good, "name": "Good Group again"},
        odd,
    ]
    (folder / "a-list.json").write_text(json.dumps(records))
    (folder / "b-broken.json").write_text('{"contents": [\n{"name": "Cut off"')
    (folder / "c-windows.json").write_bytes(
        json.dumps({"id": "w", "name": "Caf\u00e9 Club", "email": "c@x.org"}, ensure_ascii=False).encode("cp1252")
    )
    mangled = {"id": "m", "name": "Caf\u00e9 Mangled", "description": "Caf\u00e9 by the river.", "email": "m@x.org"}
    (folder / "d-mojibake.json").write_text(json.dumps(mangled, ensure_ascii=False).encode("utf-8").decode("cp1252"))
    code, lines = run_import(capsys, "hsds", str(folder), "--content", str(empty_content))
    assert code == 1, "records were left out"
    report = problems_of(lines)
    assert report and all(REPORT_LINE.match(line) for line in report), [line for line in report if not REPORT_LINE.match(line)]
    assert not any("Traceback" in line for line in lines)
    listing = folder.as_posix() + "/a-list.json"
    left_out = [line for line in report if "left out;" in line and ":record " in line and "—" in line]
    for number in (1, 2, 4):
        assert len([line for line in report if line.startswith(f"{listing}:record {number}")]) == 1, number
    assert any(
        line.startswith(f"{listing}:record 4 (Good Group again): has the same id as {listing}:record 3") for line in left_out
    )
    assert any(line.startswith(folder.as_posix() + "/b-broken.json:2: is not valid JSON") for line in report)
    assert any("c-windows.json: is not UTF-8 text" in line for line in report)
    odd_lines = [line for line in report if line.startswith(f"{listing}:record 5 (Odd Values Club)")]
    for words in ("twelve", "not an email", "javascript:", "paused-ish", "2099-01-01", "YEARLY", "not in the UK", "NOT A CODE"):
        assert any(words in line for line in odd_lines), words
    assert check(empty_content) == 0
    assets = {asset.name: asset for asset in assets_in(empty_content).values()}
    assert set(assets) == {"Good Group", "Odd Values Club", "Café Club", "Café Mangled"}
    assert assets["Good Group"].domains == ["sport"] and assets["Good Group"].area == "northgate"
    assert assets["Good Group"].cost.free and not assets["Good Group"].draft
    assert assets["Café Mangled"].description == "Café by the river."
    odd_asset = assets["Odd Values Club"]
    assert odd_asset.draft and odd_asset.contact.phone == "01632 960 999" and odd_asset.contact.email is None
    assert odd_asset.last_checked == TODAY and odd_asset.location.postcode is None


def test_a_large_import_shows_its_progress(empty_content, tmp_path, capsys):
    services = [
        {"id": f"00000000-0000-4000-8000-{number:012d}", "name": f"Group {number}", "email": f"g{number}@x.org"}
        for number in range(250)
    ]
    (tmp_path / "many.json").write_text(json.dumps({"total_pages": 1, "contents": services}))
    code, lines = run_import(capsys, "hsds", str(tmp_path / "many.json"), "--content", str(empty_content))
    assert code == 0
    assert "Checked 100 of 250 records…" in lines and "Wrote 250 of 250 records…" in lines
    assert len(list((empty_content / "assets").glob("*.yml"))) == 250


# Fields of ours that Open Referral UK (HSDS 3.0) does not carry, so the round trip cannot
# bring them back: easy_read, travel (sent as words in the location's transportation, read
# back as a note), welcome, connections, taking_new_people, contact.booking_needed, and the
# accessibility of an asset with no location (HSDS keeps access per location). staff_notes
# and draft are never exported at all.
CARRIED = (
    "name",
    "summary",
    "description",
    "domains",
    "area",
    "audience",
    "schedule",
    "format",
    "cost",
    "last_checked",
    "status",
)
CARRIED_CONTACT = ("name", "phone", "email", "website", "note")


def test_example_content_makes_a_round_trip_through_open_referral(empty_content, tmp_path, capsys):
    original, _ = load_content(EXAMPLE_CONTENT, TODAY)
    write_outputs(render_site(original, TEMPLATES), tmp_path / "site")
    original = original.public()
    code, lines = run_import(
        capsys, "hsds", str(tmp_path / "site" / "data" / "openreferral" / "services.json"), "--content", str(empty_content)
    )
    assert code == 0, lines
    assert check(empty_content) == 0
    by_id = {asset_id(original.site, stem): record.item for stem, record in original.assets.items()}
    imported = assets_in(empty_content)
    assert len(imported) == len(by_id)
    differences = []
    for stem, asset in imported.items():
        source = by_id[re.search(r"Open Referral id ([0-9a-f-]{36})", asset.staff_notes)[1]]
        fields = [(name, getattr(source, name), getattr(asset, name)) for name in CARRIED]
        fields += [(f"contact.{name}", getattr(source.contact, name), getattr(asset.contact, name)) for name in CARRIED_CONTACT]
        fields += [("location", source.location, asset.location)]
        if source.location is not None:
            fields += [("accessibility", source.accessibility, asset.accessibility)]
        differences += [(stem, name, before, after) for name, before, after in fields if before != after]
    assert differences == []
    assert all(not asset.draft for asset in imported.values())


def test_our_spreadsheet_makes_a_round_trip_and_other_spreadsheets_map_their_columns(empty_content, tmp_path, capsys):
    original, _ = load_content(EXAMPLE_CONTENT, TODAY)
    write_outputs(render_site(original, TEMPLATES), tmp_path / "site")
    sheet = tmp_path / "site" / "data" / "assets.csv"
    assert run_import(capsys, "csv", str(sheet), "--content", str(empty_content))[0] == 0
    assert check(empty_content) == 0
    public = {stem: record.item for stem, record in original.public().assets.items()}
    imported = assets_in(empty_content)
    assert set(imported) == set(public)
    for stem, asset in imported.items():
        assert asset.model_copy(update={"staff_notes": None}) == public[stem], stem

    theirs = tmp_path / "theirs.csv"
    rows = [
        ["Group name", "About", "When", "Tel", "Kind", "Where", "Price", "Checked"],
        [
            "Knit Club",
            "Knitting for all.",
            "Every Wednesday, 2pm to 4pm",
            "01632 960 100",
            "Arts and crafts",
            "Riverside",
            "£1.50",
            "05/10/2026",
        ],
        ["Chess Club", "", "Wednesdays 7-9pm", "01632 960 101", "arts-and-crafts", "riverside", "free", "2026-10-05"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    theirs.write_bytes(buffer.getvalue().encode("cp1252"))
    mapping = tmp_path / "columns.txt"
    mapping.write_text("# our column = their column\ndescription = About\nschedule.sessions = When\ncontact.phone = Tel\n")
    other = tmp_path / "other"
    shutil.copytree(empty_content, other, ignore=shutil.ignore_patterns("assets"))
    args = ["csv", str(theirs), "--content", str(other), "--columns", "name=Group name", "--columns", str(mapping)]
    args += [
        "--columns",
        "domains=Kind",
        "--columns",
        "area=Where",
        "--columns",
        "cost.amount=Price",
        "--columns",
        "last_checked=Checked",
    ]
    code, lines = run_import(capsys, *args)
    assert code == 0, lines
    assert check(other) == 0
    report = problems_of(lines)
    assert all(REPORT_LINE.match(line) for line in report), report
    assert any("is not UTF-8 text" in line for line in report)
    assert any("record 2 (Chess Club): schedule.sessions: 'Wednesdays 7-9pm'" in line for line in report)
    knit, chess = (assets_in(other)[stem] for stem in ("knit-club", "chess-club"))
    assert (knit.domains, knit.area, knit.cost.amount, knit.cost.free) == (
        ["arts-and-crafts"],
        "riverside",
        Decimal("1.50"),
        False,
    )
    assert knit.schedule.sessions[0].days == ["wednesday"] and knit.last_checked == dt.date(2026, 10, 5)
    assert not knit.draft, "everything the model needs was in the row"
    assert chess.schedule.note == "Wednesdays 7-9pm" and chess.cost.free
    assert chess.draft and chess.summary.startswith("MISSING"), "no summary: a draft"


def test_a_mapping_to_a_column_we_do_not_have_is_refused(empty_content, tmp_path, capsys):
    (tmp_path / "x.csv").write_text("name\nA\n")
    code, lines = run_import(capsys, "csv", str(tmp_path / "x.csv"), "--content", str(empty_content), "--columns", "nmae=Name")
    assert code == 2
    assert lines == ["--columns: 'nmae' is not one of our columns — did you mean 'name'?"]


def test_a_spreadsheet_with_old_mac_line_endings_imports(empty_content, tmp_path, capsys):
    # Older Mac spreadsheets end each line with a lone carriage return.
    sheet = tmp_path / "mac.csv"
    sheet.write_bytes(b"name,summary\rKnit Club,Knitting for all.\rChess Club,Chess on Wednesdays.\r")
    code, lines = run_import(capsys, "csv", str(sheet), "--content", str(empty_content))
    assert not any("internal problem" in line for line in lines), lines
    assert sorted(asset.name for asset in assets_in(empty_content).values()) == ["Chess Club", "Knit Club"]


UNREADABLE = {
    "a quote never closed": (
        "csv",
        "sheet.csv",
        'name,summary\nKnit Club,"Knitting\n' + "for all. " * 20_000 + "\n",
        "sheet.csv:2: has a cell longer than 131,072 characters from here on — check for a quote mark",
    ),
    "lists inside lists": (
        "hsds",
        "deep.json",
        "[" * 100_000 + "]" * 100_000,
        "deep.json: has brackets nested inside each other",
    ),
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_a_file_that_cannot_be_read_is_one_plain_line(empty_content, tmp_path, capsys, case):
    kind, name, text, said = UNREADABLE[case]
    (tmp_path / name).write_text(text)
    code, lines = run_import(capsys, kind, str(tmp_path / name), "--content", str(empty_content))
    report = problems_of(lines)
    assert code == 1
    assert len(report) == 1 and REPORT_LINE.match(report[0]) and report[0].startswith((tmp_path / said).as_posix()), lines


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_every_text_is_written_so_that_our_loader_reads_it_back_the_same(text):
    for written, expected in ((f"k: {scalar(text)}\n", {"k": text}), (f"k: [{scalar(text, in_list=True)}]\n", {"k": [text]})):
        document, problems = parse_yaml(written, "x.yml")
        assert problems == [] and document.data == expected, written
