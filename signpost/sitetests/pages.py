"""One page of each type, picked from a built site by the shape of its address.

A type is an address with every name in it replaced by ``*``: ``directory/*/``
is an activity, ``events/*/flyer/`` an event's flyer, ``news/*/*/`` a news
category. The first page of each shape (in address order) stands for all of
them, so the same test runs on any site, whatever its content.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

from bs4 import BeautifulSoup

# Not the site's own pages: the staff's form (Decap CMS, a vendored library
# with its own interface) and each newsletter's e-mail copy (for mail programs).
NOT_PAGES = (re.compile(r"^admin/"), re.compile(r"/email\.html$"))
SEARCH = "search/"
FIND = "find/"


def address(site: Path, path: Path) -> str:
    """The address of a built file relative to the site's root: ``directory/x/`` for ``directory/x/index.html``."""
    relative = path.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def shape(url: str) -> str:
    """The type of a page: its address with every name after the first folder replaced by ``*``."""
    parts = url.split("/")
    names = [part if number == 0 or part == "" or part.endswith(".html") else "*" for number, part in enumerate(parts)]
    return "/".join(names) or "home"


def page_types(site: Path) -> dict[str, str]:
    """The first address of each type of page, by type; the search page with words to find."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        url = address(site, path)
        if not any(pattern.search(url) for pattern in NOT_PAGES):
            found.setdefault(shape(url), url)
    if SEARCH in found.values():
        found["search results"] = f"{SEARCH}?q={quote(search_words(site, found))}"
    return found


def search_words(site: Path, pages: dict[str, str]) -> str:
    """Words that find something: the longest word of an activity's title, or of the home page's when there is none."""
    source = pages.get("directory/*/", "")
    heading = BeautifulSoup((site / source / "index.html").read_text(), "html.parser").find("h1")
    words = re.findall(r"[^\W\d_]{3,}", heading.get_text() if heading else "")
    return max(words, key=len, default="welcome")


def open_page(tab, base: str, url: str) -> None:
    """Open ``url`` and wait until what its scripts show is there (search results, the finder's list)."""
    tab.goto(base + url, wait_until="load")
    if url.startswith(SEARCH + "?q="):
        from playwright.sync_api import expect

        words = unquote(url.split("=", 1)[1])
        expect(tab.locator("#sp-search-status")).to_contain_text(words, timeout=15_000)
    if url.startswith(FIND):
        tab.wait_for_selector("[data-find][data-ready]", timeout=15_000)
