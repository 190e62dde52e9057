"""The open data under /data/: Open Referral UK that validates, a spreadsheet, GeoJSON and our
own JSON, each holding exactly the published assets, nothing private, and ids that stay put."""

from __future__ import annotations

import csv
import io
import json
import shutil
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from signpost.build.outputs import render_site
from signpost.check.loader import load_content
from signpost.core.theme import PAGE_TEMPLATES
from signpost.engines.plain import write_outputs
from tests.conftest import EXAMPLE_CONTENT, TODAY

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "hsds" / "schema"
TEMPLATES = PAGE_TEMPLATES
PRIVATE_KEYS = {"staff_notes", "draft"}


def published(content_dir: Path) -> dict:
    """The assets a site may publish, from the content files: every asset file that is not a draft."""
    content, _ = load_content(content_dir, TODAY)
    return {stem: record.item for stem, record in content.assets.items() if not record.item.draft}


def staff_notes(content_dir: Path) -> list[str]:
    """Every staff note written in the content's asset files."""
    content, _ = load_content(content_dir, TODAY)
    return [record.item.staff_notes for record in content.assets.values() if record.item.staff_notes]


def render_core(content_dir: Path, output: Path) -> Path:
    """Render a content folder with the core alone (no engine): the data files are the core's."""
    content, _ = load_content(content_dir, TODAY)
    write_outputs(render_site(content, TEMPLATES), output)
    return output


def validator(name: str) -> Draft202012Validator:
    """A validator for one of the UK profile's compiled schemas, with every schema file in the registry."""
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in sorted(SCHEMAS.glob("*.json"))
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def read_services(site: Path) -> list[dict]:
    return json.loads((site / "data" / "openreferral" / "services.json").read_text(encoding="utf-8"))["contents"]


@pytest.mark.parametrize("schema", ["service.json", "service_list.json"])
def test_the_open_referral_export_validates_against_the_uk_profile_with_zero_errors(example_site, schema):
    services = read_services(example_site)
    check = validator(schema)
    errors = [
        f"{service['name']}: {'/'.join(map(str, error.path))}: {error.message}"
        for service in services
        for error in check.iter_errors(service)
    ]
    assert errors == []
    assert len(services) == len(published(EXAMPLE_CONTENT))


def test_the_open_referral_export_carries_each_asset_schedules_and_places(example_site):
    services = {service["name"]: service for service in read_services(example_site)}
    assets = published(EXAMPLE_CONTENT)
    assert set(services) == {asset.name for asset in assets.values()}
    for asset in assets.values():
        service = services[asset.name]
        assert service["assured_date"] == asset.last_checked.isoformat()
        assert len({schedule["id"] for schedule in service.get("schedules", [])}) == len(service.get("schedules", []))
        terms = {attribute["taxonomy_term"]["term"] for attribute in service.get("attributes", [])}
        assert set(asset.domains) <= terms
        for session in asset.schedule.sessions:
            if session.repeats == "fortnightly":
                rule = next(s for s in service["schedules"] if s.get("dtstart") == session.meets_on.isoformat())
                assert (rule["freq"], rule["interval"], rule["wkst"]) == ("WEEKLY", 2, "MO")
            if session.repeats == "monthly":
                assert any(s["freq"] == "MONTHLY" for s in service["schedules"])
        if asset.location and asset.location.latitude is not None:
            location = service["service_at_locations"][0]["location"]
            assert (location["latitude"], location["longitude"]) == (asset.location.latitude, asset.location.longitude)
        if asset.audience.min_age is not None:
            assert service["minimum_age"] == asset.audience.min_age


def test_the_spreadsheet_has_one_row_per_published_asset_and_nothing_for_staff(example_site):
    raw = (example_site / "data" / "assets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the byte-order mark lets Excel read UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(row["id"] for row in rows) == sorted(published(EXAMPLE_CONTENT))
    header = set(rows[0])
    assert not header & PRIVATE_KEYS
    assert {"name", "schedule.sessions", "contact.phone", "last_checked"} <= header
    text = raw.decode("utf-8-sig")
    notes = staff_notes(EXAMPLE_CONTENT)
    assert notes, "the example content has staff notes to look for"
    assert [note for note in notes if note[:40] in text] == []
    rovers = next(row for row in rows if row["id"] == "hollinsford-rovers-football-club")
    assert rovers["schedule.sessions"] == "Every Tuesday and Thursday, 6:30pm to 8pm"
    assert rovers["domains"] == "sport" and rovers["accessibility.step_free"] == "yes"


def test_the_map_points_are_exactly_the_published_assets_with_coordinates(example_site):
    collection = json.loads((example_site / "data" / "assets.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    expected = {
        stem: (asset.location.longitude, asset.location.latitude)
        for stem, asset in published(EXAMPLE_CONTENT).items()
        if asset.location and asset.location.latitude is not None
    }
    assert expected, "the example content has assets with coordinates"
    assert {feature["id"]: tuple(feature["geometry"]["coordinates"]) for feature in collection["features"]} == expected
    site_url = load_content(EXAMPLE_CONTENT, TODAY)[0].site.site_url
    for feature in collection["features"]:
        assert feature["properties"]["url"] == f"{site_url}directory/{feature['id']}/"
        assert {"name", "summary", "domains", "area"} <= set(feature["properties"])


def test_our_own_json_has_every_published_asset_and_no_private_key(example_site):
    data = json.loads((example_site / "data" / "assets.json").read_text(encoding="utf-8"))
    assert [asset["id"] for asset in data["assets"]] == sorted(published(EXAMPLE_CONTENT))

    def keys(value) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {key for item in value.values() for key in keys(item)}
        if isinstance(value, list):
            return {key for item in value for key in keys(item)}
        return set()

    assert not keys(data) & PRIVATE_KEYS
    assert data["licence"]["name"] == load_content(EXAMPLE_CONTENT, TODAY)[0].site.licence.name


def test_the_open_data_page_lists_each_file_with_its_size_and_the_licence_and_the_footer_links_it(example_site):
    page = BeautifulSoup((example_site / "data" / "index.html").read_text(), "html.parser")
    links = {link["href"] for link in page.select("article a, .md-content a")}
    for name in ("assets.csv", "assets.json", "assets.geojson", "openreferral/services.json"):
        assert name in links
        assert (example_site / "data" / name).is_file()
    text = page.get_text(" ", strip=True)
    site = load_content(EXAMPLE_CONTENT, TODAY)[0].site
    assert site.licence.name in text
    assert f"{len(published(EXAMPLE_CONTENT))} activities" in text
    assert " KB" in text
    home = BeautifulSoup((example_site / "index.html").read_text(), "html.parser")
    assert [link["href"] for link in home.select("footer a") if link.get_text(strip=True) == "Open data"] == ["data/"]
    sitemap = (example_site / "sitemap.xml").read_text()
    assert f"<loc>{site.site_url}data/</loc>" in sitemap


def test_drafts_are_left_out_and_ids_stay_the_same_from_build_to_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    first = render_core(content, tmp_path / "first")
    again = render_core(content, tmp_path / "again")
    for name in ("assets.csv", "assets.json", "assets.geojson", "openreferral/services.json"):
        assert (first / "data" / name).read_bytes() == (again / "data" / name).read_bytes(), name
    # Add a draft and a new asset, and remove one: the others keep their ids.
    rovers = (content / "assets" / "hollinsford-rovers-football-club.yml").read_text()
    (content / "assets" / "a-draft-club.yml").write_text(rovers.replace("Hollinsford Rovers", "Draft Rovers") + "draft: true\n")
    (content / "assets" / "aaa-new-club.yml").write_text(rovers.replace("Hollinsford Rovers", "New Rovers"))
    (content / "assets" / "scarth-chapel.yml").unlink()
    _drop_links_to(content, "scarth-chapel")
    later = render_core(content, tmp_path / "later")
    before = {service["name"]: service["id"] for service in read_services(first)}
    after = {service["name"]: service["id"] for service in read_services(later)}
    assert "Draft Rovers Football Club" not in after
    assert "New Rovers Football Club" in after
    common = set(before) & set(after)
    assert len(common) == len(before) - 1
    assert {name: before[name] for name in common} == {name: after[name] for name in common}
    assert all(uuid.UUID(identifier).version == 5 for identifier in after.values())
    rows = list(csv.DictReader(io.StringIO((later / "data" / "assets.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(row["id"] for row in rows) == sorted(published(content))


def _drop_links_to(content: Path, stem: str) -> None:
    """Remove ``stem`` from every list that names it, so the content stays correct without it."""
    for path in [*content.glob("assets/*.yml"), *content.glob("case-studies/*.md")]:
        text = path.read_text()
        cleaned = text.replace(f", {stem}]", "]").replace(f"[{stem}, ", "[").replace(f"- {stem}\n", "")
        if cleaned != text:
            path.write_text(cleaned)
