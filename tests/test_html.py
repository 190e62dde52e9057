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


class HtmlCheckerError(AssertionError):
    """The Nu Html Checker crashed or did not check every page, so its silence proves nothing."""


def nu_checker_errors(pages: list[Path], root: Path) -> list[str]:
    """Check ``pages`` with the Nu Html Checker; return each error as 'page:line: message'.

    Raises HtmlCheckerError unless the checker exited normally (0: valid, 1: errors
    reported), wrote its JSON report, and named every page as checked.
    """
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--verbose", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    said = f"exit code {result.returncode}; stderr: {result.stderr[-2000:]!r}; stdout: {result.stdout[-500:]!r}"
    if result.returncode not in (0, 1):
        raise HtmlCheckerError(f"the Nu Html Checker crashed: {said}")
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        raise HtmlCheckerError(f"the Nu Html Checker wrote no JSON report: {said}") from None
    if not isinstance(report, dict) or not isinstance(report.get("messages"), list) or "version" not in report:
        raise HtmlCheckerError(f"that is not the Nu Html Checker's report: {said}")
    # --verbose names each file on stdout as it is checked; a file it could not
    # read is skipped silently, with exit code 0.
    checked = [line for line in result.stdout.splitlines() if line.strip()]
    if sorted(checked) != sorted(map(str, pages)):
        missing = sorted(set(map(str, pages)) - set(checked))
        raise HtmlCheckerError(f"the Nu Html Checker checked {len(checked)} of {len(pages)} pages; not checked: {missing[:10]}")
    errors = []
    for message in report["messages"]:
        if message.get("type") in ("info", "warning"):
            continue
        url = message.get("url", "")
        where = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url or "?")
        where = where.relative_to(root) if where.is_relative_to(root) else where
        kind = "" if message.get("type") == "error" else f"[{message.get('type')}/{message.get('subType', '')}] "
        errors.append(f"{where}:{message.get('lastLine', '?')}: {kind}{message.get('message', message)}")
    if (result.returncode == 1) != bool(errors):
        raise HtmlCheckerError(f"the Nu Html Checker's exit code does not match its {len(errors)} errors: {said}")
    return errors


needs_vnu = pytest.mark.skipif(
    not VNU.is_file() or not shutil.which("java"), reason="run 'make test' to install vnu-jar and Java"
)


@needs_vnu
def test_every_page_is_valid_html(example_site, record_property):
    pages = html_files(example_site)
    assert pages, "the example site has no pages"
    errors = nu_checker_errors(pages, example_site)
    record_property("checked:vnu (Nu Html Checker)", len(pages))
    assert errors == [], "\n".join(errors[:40])


@needs_vnu
def test_the_html_checker_notices_an_invalid_page_and_an_unread_one(tmp_path):
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    good.write_text('<!doctype html><html lang="en"><title>Good</title><p>Fine.</p></html>')
    bad.write_text('<!doctype html><html lang="en"><title>Bad</title><p><div></span></div></html>')
    assert nu_checker_errors([good], tmp_path) == []
    assert "bad.html:1: Stray end tag “span”." in nu_checker_errors([good, bad], tmp_path)
    with pytest.raises(HtmlCheckerError, match="checked 1 of 2 pages"):
        nu_checker_errors([good, tmp_path / "missing.html"], tmp_path)


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
        cache[path] = {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all("a", attrs={"name": True})
        }
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
                if (
                    link.startswith(("mailto:", "tel:", "data:", "webcal:"))
                    or urlsplit(link).scheme in ("http", "https")
                    and not link.startswith(SITE_ROOT)
                ):
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
    home.write_text(
        home.read_text().replace("</article>", '<a href="directory/no-such-club/">x</a><a href="#no-such-id">y</a></article>', 1)
    )
    assert broken_links(site) == ["index.html -> directory/no-such-club/", "index.html -> #no-such-id (no #no-such-id)"]
