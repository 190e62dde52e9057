"""The map after a list: its files, its setting, and how it works in Chromium.

The list stays first and complete; the map repeats it, opens only when asked,
works by keyboard (Tab to a marker, Enter for its popup), passes axe, and
leaves the plain list when JavaScript is off or the map pictures cannot load.
Map pictures never leave the machine here: each test answers the tile
server's requests itself, with a 1×1 picture or a failure.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from signpost.collect.collections import Collections
from signpost.core.kinds import KINDS, TAXONOMIES
from signpost.core.problems import errors_in
from signpost.core.theme import THEME
from tests.conftest import EXAMPLE_CONTENT, TODAY, build

CONTENT = load_content(EXAMPLE_CONTENT, TODAY)[0].public()
LISTS = Collections(CONTENT)
TILES = CONTENT.site.map_tiles
TILE_ORIGIN = CONTENT.site.map_tiles_origin()
VENDOR = THEME / "assets" / "javascripts" / "vendor" / "leaflet-1.9.4"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AREA = "moor-villages"
AXE = Axe()


def one_pixel_png() -> bytes:
    """A 1×1 grey PNG, to stand in for every map picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xcc")) + chunk(b"IEND", b"")


def answer_tiles(tab, fail: bool = False) -> list[str]:
    """Answer every request to the tile server in ``tab`` (a picture, or a failure); returns the addresses asked for."""
    asked: list[str] = []

    def handle(route):
        asked.append(route.request.url)
        if fail:
            route.abort()
        else:
            route.fulfill(status=200, content_type="image/png", body=one_pixel_png())

    tab.route(f"{TILE_ORIGIN}/**", handle)
    return asked


def mapped(records) -> list:
    return [record for record in records if record.item.location and record.item.location.latitude is not None]


def label(names: list[str]) -> str:
    """What a marker says: the name of the activity there, or how many and every name."""
    return names[0] if len(names) == 1 else f"{len(names)} activities: " + ", ".join(names[:-1]) + " and " + names[-1]


def every_marker(tab) -> dict[str, list[str]]:
    """Each marker's label mapped to the names its popup links to, opening each one from the keyboard."""
    found = {}
    markers = tab.locator(".leaflet-marker-icon")
    for index in range(markers.count()):
        markers.nth(index).focus()
        tab.keyboard.press("Enter")
        popup = tab.locator(".leaflet-popup")
        popup.wait_for()
        found[markers.nth(index).get_attribute("alt")] = popup.locator(".sp-map__list a").all_inner_texts()
        tab.keyboard.press("Escape")
        popup.wait_for(state="detached")
    return found


def open_map(tab, base: str, path: str) -> None:
    tab.goto(base + path, wait_until="load")
    tab.get_by_role("button", name="Show on a map").click()
    tab.wait_for_selector("[data-map][data-map-ready]", timeout=15_000)


# ----- files and settings -----


@pytest.mark.parametrize("taxonomy", ["area", "domain"])
def test_each_group_map_file_holds_every_place_in_the_group(example_site, taxonomy):
    members = LISTS.by_area if taxonomy == "area" else LISTS.by_domain
    assert any(mapped(records) for records in members.values())
    for identifier, records in members.items():
        path = example_site / TAXONOMIES[taxonomy].url(identifier) / "map.json"
        places = mapped(records)
        if not places:
            assert not path.exists(), identifier
            continue
        features = json.loads(path.read_text())["features"]
        expected = [
            (r.item.name, KINDS["asset"].url(r.stem), [r.item.location.longitude, r.item.location.latitude]) for r in places
        ]
        shown = [(f["properties"]["name"], f["properties"]["url"], f["geometry"]["coordinates"]) for f in features]
        assert shown == expected, identifier


def test_a_listing_page_names_its_map_file_but_holds_no_places(example_site):
    records = LISTS.by_area[AREA]
    page = example_site / TAXONOMIES["area"].url(AREA) / "index.html"
    html = page.read_text()
    part = BeautifulSoup(html, "html.parser").select_one("[data-map]")
    assert part is not None and part.has_attr("hidden")
    assert urljoin(f"/{TAXONOMIES['area'].url(AREA)}", part["data-source"]) == f"/{TAXONOMIES['area'].url(AREA)}map.json"
    assert part["data-tiles"] == TILES
    assert f"{len(mapped(records))} of the {len(records)} activities" in " ".join(part.get_text(" ").split())
    for record in mapped(records):
        assert str(record.item.location.latitude) not in html


def test_an_area_with_no_places_has_no_map(example_site):
    empty = [identifier for identifier, records in LISTS.by_area.items() if records and not mapped(records)]
    assert empty, "the example needs an area whose activities have no place on the map"
    for identifier in empty:
        html = (example_site / TAXONOMIES["area"].url(identifier) / "index.html").read_text()
        assert "data-map" not in html and "map.js" not in html


def test_without_a_tile_setting_there_is_no_map(small_content, tmp_path):
    assert "map_tiles" not in (small_content / "site.yml").read_text()
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    assert not list(output.rglob("map.json"))
    assert not [page for page in output.rglob("*.html") if "data-map" in page.read_text()]


@pytest.mark.parametrize(
    ("tiles", "words"),
    [
        ("http://tile.example.org/{z}/{x}/{y}.png", "https://"),
        ("https://tile.example.org/{z}/{x}.png", "{y}"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "fixed host"),
        ("javascript:alert(1)//{z}/{x}/{y}", "https://"),
    ],
)
def test_the_tile_address_is_checked(small_content, tiles, words):
    site = small_content / "site.yml"
    site.write_text(site.read_text() + f"map_tiles: '{tiles}'\nmap_attribution: Map makers\n")
    errors = errors_in(load_content(small_content, TODAY)[1])
    assert [problem.field for problem in errors] == ["map_tiles"]
    assert words in errors[0].message


def test_tiles_need_an_attribution(small_content):
    site = small_content / "site.yml"
    site.write_text(site.read_text() + "map_tiles: https://tile.example.org/{z}/{x}/{y}.png\n")
    errors = errors_in(load_content(small_content, TODAY)[1])
    assert [problem.field for problem in errors] == ["map_attribution"]
    assert "map_tiles" in errors[0].message and "OpenStreetMap" in errors[0].as_text()


def test_the_vendored_leaflet_is_the_pinned_one():
    sums = (VENDOR / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in sums:
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    files = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file() and p.name != "SHA256SUMS"}
    assert files == set(listed) and {"leaflet.js", "leaflet.css", "LICENSE", "images/marker-icon.png"} <= files
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


# ----- in the browser -----


@pytest.mark.browser
@pytest.mark.xdist_group("map")
@pytest.mark.parametrize("path", [f"areas/{AREA}/", "domains/sport/"])
def test_a_marker_is_reached_by_tab_and_its_popup_links_to_each_activity(page, example_url, path):
    answer_tiles(page)
    records = LISTS.by_area[AREA] if path.startswith("areas/") else LISTS.by_domain["sport"]
    expected = [record.item.name for record in mapped(records)]
    links = {record.item.name: KINDS["asset"].url(record.stem) for record in records}
    open_map(page, example_url, path)
    page.get_by_role("button", name="Hide the map").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')"):
            break
    else:
        pytest.fail("Tab never reached a marker")
    marker = page.evaluate("document.activeElement.getAttribute('alt')")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    named = popup.locator(".sp-map__list a")
    assert named.count() >= 1 and marker == label(named.all_inner_texts())
    for link in named.all():
        assert urljoin(page.url, link.get_attribute("href")) == example_url + links[link.inner_text()]
    # The popup took the focus to its first link; Escape closes it and goes back to the marker.
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('alt')") == marker
    # Every activity with a place is on exactly one marker, and each marker names all of its own.
    markers = every_marker(page)
    assert sorted(name for names in markers.values() for name in names) == sorted(expected)
    assert all(alt == label(names) for alt, names in markers.items())
    assert all(icon.get_attribute("tabindex") == "0" for icon in page.locator(".leaflet-marker-icon").all())


@pytest.mark.browser
@pytest.mark.xdist_group("map")
def test_axe_finds_no_problem_with_the_map_and_a_popup_open(page, example_url):
    answer_tiles(page)
    open_map(page, example_url, f"areas/{AREA}/")
    page.locator(".leaflet-marker-icon").first.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup").wait_for()
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
@pytest.mark.xdist_group("map")
def test_without_javascript_the_page_is_the_plain_list(browser, example_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    asked = answer_tiles(tab)
    try:
        tab.goto(example_url + f"areas/{AREA}/", wait_until="load")
        assert tab.locator(".sp-cards > li").count() == len(LISTS.by_area[AREA])
        assert not tab.locator("[data-map]").is_visible()
        assert tab.get_by_role("button", name="Show on a map").count() == 0
        assert tab.locator(".sp-map__box").bounding_box() is None
    finally:
        context.close()
    assert asked == []


@pytest.mark.browser
@pytest.mark.xdist_group("map")
def test_nothing_is_fetched_for_the_map_until_it_is_asked_for(page, example_url):
    asked = answer_tiles(page)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(example_url + f"areas/{AREA}/", wait_until="networkidle")
    assert page.get_by_role("button", name="Show on a map").is_visible()
    assert asked == [] and not [url for url in fetched if "leaflet" in url or url.endswith("map.json")]
    page.get_by_role("button", name="Show on a map").click()
    page.wait_for_selector("[data-map][data-map-ready]")
    # A loaded picture was answered by the handler above, so ``asked`` holds it by now
    # (waiting for "networkidle" again returned at once: the page had reached it before).
    page.wait_for_selector(".leaflet-tile-loaded", state="attached")
    assert asked and all(url.startswith(TILE_ORIGIN + "/") for url in asked)


@pytest.mark.browser
@pytest.mark.xdist_group("map")
def test_when_the_map_pictures_cannot_load_the_page_is_the_list(page, example_url):
    answer_tiles(page, fail=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(example_url + f"areas/{AREA}/", wait_until="load")
    page.get_by_role("button", name="Show on a map").click()
    status = page.locator("[data-map-status]")
    status.get_by_text("could not be loaded").wait_for(timeout=15_000)
    assert not page.locator(".sp-map__box").is_visible()
    assert page.get_by_role("button", name="Show on a map").get_attribute("aria-expanded") == "false"
    assert page.locator(".sp-cards > li").count() == len(LISTS.by_area[AREA])
    assert errors == []


@pytest.mark.browser
@pytest.mark.xdist_group("map")
def test_the_find_page_maps_the_results_listed(page, example_url):
    answer_tiles(page)
    address = f"find/?area={AREA}"
    page.goto(example_url + address, wait_until="load")
    page.wait_for_selector("[data-find][data-ready]", timeout=15_000)
    shown = [link.inner_text() for link in page.locator("[data-results] h2 a").all()]
    records = [record for record in LISTS.listed_assets if record.item.name in shown]
    page.get_by_role("button", name="Show on a map").click()
    page.wait_for_selector("[data-map][data-map-ready]", timeout=15_000)
    markers = every_marker(page)
    assert sorted(name for names in markers.values() for name in names) == sorted(r.item.name for r in mapped(records))
    note = " ".join(page.locator("[data-map-note]").inner_text().split())
    assert note.startswith(f"{len(mapped(records))} of the {len(shown)} results")


@pytest.mark.browser
@pytest.mark.xdist_group("map")
@pytest.mark.parametrize("width", [320, 375])
def test_the_open_map_fits_a_phone_and_its_controls_are_big_enough(browser, example_url, width):
    context = browser.new_context(viewport={"width": width, "height": 700}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    answer_tiles(tab)
    try:
        open_map(tab, example_url, f"areas/{AREA}/")
        assert tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        targets = tab.locator(".leaflet-marker-icon, .leaflet-control-zoom a, [data-map-toggle]").all()
        assert len(targets) > 3
        for target in targets:
            box = target.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, target.evaluate("e => e.outerHTML")
    finally:
        context.close()
