"""The whole built site is valid HTML (Nu Html Checker) and has no broken internal links."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO

VNU = REPO / ".cache" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "form": "action"}
SITE_ROOT = "http://site.invalid/"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.skipif(not VNU.is_file() or not shutil.which("java"), reason="run 'make test' to install vnu-jar and Java")
def test_every_page_is_valid_html(example_site, record_property):
    pages = html_files(example_site)
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(example_site)}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    record_property("checked:vnu (Nu Html Checker)", len(pages))
    assert errors == [], "\n".join(errors[:40])


def page_url(site: Path, path: Path) -> str:
    """The address a file is served at, under a made-up site root."""
    relative = path.relative_to(site).as_posix()
    return SITE_ROOT + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def target_file(site: Path, url: str) -> Path | None:
    """The file a site URL points at, or None when it is outside the site."""
    if not url.startswith(SITE_ROOT):
        return None
    path = unquote(urlsplit(url).path)[1:]
    candidate = site / path
    return candidate / "index.html" if path == "" or path.endswith("/") or candidate.is_dir() else candidate


def anchors_in(path: Path, cache: dict) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(), "html.parser")
        cache[path] = {tag["id"] for tag in soup.find_all(id=True)} | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return cache[path]


def broken_links(site: Path) -> list[str]:
    """Every internal link or fragment that does not resolve, as 'page -> link'."""
    broken, cache = [], {}
    for path in html_files(site):
        here = page_url(site, path)
        if path.name == "404.html":
            here = SITE_ROOT  # served at any address; its links are root-relative
        soup = BeautifulSoup(path.read_text(), "html.parser")
        for tag, attribute in LINKING.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                link = element[attribute]
                if link.startswith(("mailto:", "tel:", "data:")) or urlsplit(link).scheme in ("http", "https") and not link.startswith(SITE_ROOT):
                    continue
                absolute = urljoin(here, link)
                target = target_file(site, absolute)
                fragment = urlsplit(absolute).fragment
                if target is None or not target.is_file():
                    broken.append(f"{path.relative_to(site)} -> {link}")
                elif fragment and target.suffix == ".html" and unquote(fragment) not in anchors_in(target, cache):
                    broken.append(f"{path.relative_to(site)} -> {link} (no #{fragment})")
    return broken


def test_no_broken_internal_links_or_fragments(example_site, record_property):
    record_property("checked:links", len(html_files(example_site)))
    assert broken_links(example_site) == []


def test_the_link_checker_notices_a_missing_page(example_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    home = site / "index.html"
    home.write_text(home.read_text().replace("</article>", '<a href="directory/no-such-club/">x</a><a href="#no-such-id">y</a></article>', 1))
    assert broken_links(site) == ["index.html -> directory/no-such-club/", "index.html -> #no-such-id (no #no-such-id)"]
