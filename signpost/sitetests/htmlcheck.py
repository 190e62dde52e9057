"""Checks of a built site's files: the Nu Html Checker, and links and pictures that resolve."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# Where .ci/install-test-tools puts the Nu Html Checker, under a project folder.
VNU_UNDER_PROJECT = Path(".cache") / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "form": "action"}
SITE_ROOT = "http://site.invalid/"
# Addresses that are not files of the site.
ELSEWHERE = ("mailto:", "tel:", "data:", "webcal:")


class HtmlCheckerError(AssertionError):
    """The Nu Html Checker crashed or did not check every page, so its silence proves nothing."""


def find_vnu(*projects: Path) -> Path | None:
    """The Nu Html Checker's jar: $SIGNPOST_VNU if set, else the first project folder that has one installed."""
    if os.environ.get("SIGNPOST_VNU"):
        return Path(os.environ["SIGNPOST_VNU"])
    return next((project / VNU_UNDER_PROJECT for project in projects if (project / VNU_UNDER_PROJECT).is_file()), None)


def html_files(site: Path) -> list[Path]:
    """Every page of a built site, in a stable order."""
    return sorted(site.rglob("*.html"))


def nu_checker_errors(vnu: Path, pages: list[Path], root: Path) -> list[str]:
    """Check ``pages`` with the Nu Html Checker at ``vnu``; return each error as 'page:line: message'.

    Raises HtmlCheckerError unless the checker exited normally (0: valid, 1: errors
    reported), wrote its JSON report, and named every page as checked.
    """
    command = ["java", "-jar", str(vnu), "--errors-only", "--format", "json", "--verbose", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    said = f"exit code {result.returncode}; stderr: {result.stderr[-2000:]!r}; stdout: {result.stdout[-500:]!r}"
    if result.returncode not in (0, 1):
        raise HtmlCheckerError(f"the Nu Html Checker crashed: {said}")
    report = _report(result.stderr, said)
    # --verbose names each file on stdout as it is checked; a file it could not
    # read is skipped silently, with exit code 0.
    checked = [line for line in result.stdout.splitlines() if line.strip()]
    if sorted(checked) != sorted(map(str, pages)):
        missing = sorted(set(map(str, pages)) - set(checked))
        raise HtmlCheckerError(f"the Nu Html Checker checked {len(checked)} of {len(pages)} pages; not checked: {missing[:10]}")
    errors = [_as_line(message, root) for message in report["messages"] if message.get("type") not in ("info", "warning")]
    if (result.returncode == 1) != bool(errors):
        raise HtmlCheckerError(f"the Nu Html Checker's exit code does not match its {len(errors)} errors: {said}")
    return errors


def _report(text: str, said: str) -> dict:
    """The checker's JSON report, or HtmlCheckerError when ``text`` is not one."""
    try:
        report = json.loads(text)
    except json.JSONDecodeError:
        raise HtmlCheckerError(f"the Nu Html Checker wrote no JSON report: {said}") from None
    if not isinstance(report, dict) or not isinstance(report.get("messages"), list) or "version" not in report:
        raise HtmlCheckerError(f"that is not the Nu Html Checker's report: {said}")
    return report


def _as_line(message: dict, root: Path) -> str:
    """One checker message as 'page:line: message', the page relative to ``root``."""
    url = message.get("url", "")
    where = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url or "?")
    where = where.relative_to(root) if where.is_relative_to(root) else where
    kind = "" if message.get("type") == "error" else f"[{message.get('type')}/{message.get('subType', '')}] "
    return f"{where}:{message.get('lastLine', '?')}: {kind}{message.get('message', message)}"


def page_url(site: Path, path: Path, base: str = "/") -> str:
    """The address a file is served at, under a made-up site root and the site's own path (``base``)."""
    relative = path.relative_to(site).as_posix()
    return SITE_ROOT + base[1:] + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def target_file(site: Path, url: str, base: str = "/") -> Path | None:
    """The file a site URL points at, or None when it is outside the site (or outside its path ``base``)."""
    root = SITE_ROOT + base[1:]
    if not url.startswith(root):
        return None
    path = unquote(urlsplit(url).path)[len(base) :]
    candidate = site / path
    return candidate / "index.html" if path == "" or path.endswith("/") or candidate.is_dir() else candidate


def anchors_in(path: Path, cache: dict) -> set[str]:
    """The ids (and old-style anchor names) a page has, read once."""
    if path not in cache:
        soup = BeautifulSoup(path.read_text(), "html.parser")
        cache[path] = {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all("a", attrs={"name": True})
        }
    return cache[path]


def links_of(path: Path) -> list[str]:
    """Every link, script, picture, frame and form address on a page that could be a file of the site."""
    soup = BeautifulSoup(path.read_text(), "html.parser")
    found = []
    for tag, attribute in LINKING.items():
        for element in soup.find_all(tag, attrs={attribute: True}):
            link = str(element[attribute])  # one address (only class-like attributes are lists)
            elsewhere = urlsplit(link).scheme in ("http", "https") and not link.startswith(SITE_ROOT)
            if not (link.startswith(ELSEWHERE) or elsewhere):
                found.append(link)
    return found


def broken_links(site: Path, base: str = "/") -> list[str]:
    """Every internal link, picture or fragment that does not resolve, as 'page -> link'.

    ``base`` is the path of the site's address (``/`` for https://example.org/,
    ``/dales/`` for https://example.org/dales/): the site is published there.
    """
    broken: list[str] = []
    cache: dict = {}
    for path in html_files(site):
        # The 404 page is served at any address, so its links start from the host.
        here = SITE_ROOT if path.name == "404.html" else page_url(site, path, base)
        for link in links_of(path):
            absolute = urljoin(here, link)
            # A link to a part of the same page ("#main") stays on the page, wherever it is served.
            target = path if link.startswith("#") else target_file(site, absolute, base)
            fragment = urlsplit(absolute).fragment
            if target is None or not target.is_file():
                broken.append(f"{path.relative_to(site)} -> {link}")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in anchors_in(target, cache):
                broken.append(f"{path.relative_to(site)} -> {link} (no #{fragment})")
    return broken
