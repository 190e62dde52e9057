"""Every page type in a real browser makes no request to anyone but the site itself.

People looking for help may be in danger from whoever sees their browsing, so a
page must not fetch fonts, scripts, images, maps or analytics from a third party:
each of those would tell the third party who looked at what. Failed requests and
console errors are reported too, since a page that quietly fails to load a part
of itself is broken for someone.

The one exception is the map pictures from the tile server the site sets
(``map_tiles`` in site.yml), and only after someone presses "Show on a map":
so every page as it opens is held to no request at all, and the pages with a
map, once it is open, to requests to that one origin and nowhere else. The
tile server is answered in the test itself, so nothing leaves the machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import serve_folder
from tests.test_accessibility import PAGE_TYPES, open_page
from tests.test_map import TILE_ORIGIN, answer_tiles

pytestmark = pytest.mark.browser

IGNORED_SCHEMES = ("data", "blob")
THIRD_PARTY = "https://offsite.invalid/x.png"  # .invalid never resolves, so nothing really leaves the machine


@dataclass
class PageTraffic:
    """What one page did on the network and in the console."""

    offsite: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request to another site: {url}" for url in self.offsite]
            + [f"failed request: {failure}" for failure in self.failed]
            + [f"console error: {text}" for text in self.console_errors]
        )


def origin(url: str) -> tuple[str, str | None, int | None]:
    """Scheme, host and port: what the browser's same-origin rule compares."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, parts.hostname, port


def page_traffic(tab, base: str, path: str, then: Callable[[object], None] | None = None) -> PageTraffic:
    """Open ``base + path`` in ``tab`` (and do ``then`` there) and record every request until the network is idle."""
    home = origin(base)
    traffic = PageTraffic()
    seen: set[str] = set()

    def note(url: str) -> None:
        if url in seen or urlsplit(url).scheme in IGNORED_SCHEMES:
            return
        seen.add(url)
        if origin(url) != home:
            traffic.offsite.append(url)

    def on_response(response) -> None:
        if response.status >= 400:
            traffic.failed.append(f"{response.url} (HTTP {response.status})")

    # The context sees requests from workers as well as from the page's frames.
    tab.context.on("request", lambda request: note(request.url))
    tab.context.on("requestfailed", lambda request: traffic.failed.append(f"{request.url} ({request.failure})"))
    tab.context.on("response", on_response)
    tab.on(
        "console",
        lambda message: (
            message.type == "error" and traffic.console_errors.append(f"{message.text} at {message.location.get('url', '?')}")
        ),
    )
    tab.on("pageerror", lambda error: traffic.console_errors.append(f"uncaught {error}"))

    open_page(tab, base, path)
    if then:
        then(tab)
    tab.wait_for_load_state("networkidle")
    # What the page itself says it loaded, in case an event was missed.
    for url in tab.evaluate("performance.getEntries().map(entry => entry.name).filter(name => name.includes(':'))"):
        note(url)
    return traffic


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_request_leaves_the_site(page, example_url, path, record_property):
    traffic = page_traffic(page, example_url, path)
    record_property("checked:no third-party requests", 1)
    assert traffic.problems() == [], f"{example_url}{path}:\n" + "\n".join(traffic.problems())


# A find address whose results include places on the map.
MAP_PAGES = {"area": PAGE_TYPES["area"], "domain": PAGE_TYPES["domain"], "find": "find/?area=riverside"}


def show_the_map(tab) -> None:
    tab.get_by_role("button", name="Show on a map").click()
    tab.wait_for_selector("[data-map][data-map-ready]", timeout=15_000)


@pytest.mark.parametrize("path", MAP_PAGES.values(), ids=MAP_PAGES.keys())
def test_an_open_map_asks_only_the_tile_server_the_site_sets(page, example_url, path):
    assert TILE_ORIGIN, "the example site sets map_tiles, so its map pages can be checked"
    asked = answer_tiles(page)
    traffic = page_traffic(page, example_url, path, then=show_the_map)
    assert asked, "the open map asked for no map picture"
    assert traffic.offsite and all(origin(url) == origin(TILE_ORIGIN) for url in traffic.offsite), traffic.offsite
    others = [line for line in traffic.problems() if not line.startswith(f"request to another site: {TILE_ORIGIN}/")]
    assert others == [], f"{example_url}{path}:\n" + "\n".join(others)


def test_the_offsite_check_notices_a_third_party_image(page, example_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    home = site / "index.html"
    html = home.read_text()
    assert "</main>" in html
    home.write_text(html.replace("</main>", f'<img src="{THIRD_PARTY}" alt=""></main>', 1))
    server, url = serve_folder(Path(site))
    try:
        traffic = page_traffic(page, url, "")
    finally:
        server.shutdown()
    assert traffic.offsite == [THIRD_PARTY]
    assert any(THIRD_PARTY in failure for failure in traffic.failed)
    assert any(line.startswith(f"request to another site: {THIRD_PARTY}") for line in traffic.problems())
