"""A built site served on loopback, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import atexit
import functools
import http.server
import shutil
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# One Playwright per process: a second sync_playwright() beside a running one
# refuses to start, and the engine's tests and the site tests share a process
# when they run together.
_playwright: list = []


def launch_chromium():
    """A new headless Chromium from the process's one Playwright (started on first use, stopped at exit)."""
    if not _playwright:
        from playwright.sync_api import sync_playwright

        _playwright.append(sync_playwright().start())
        atexit.register(_playwright[0].stop)
    return _playwright[0].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, base: str = "/", **kwargs):
        self.base = base
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        # A site published at https://example.org/dales/ is served at /dales/ here too;
        # anything outside that path is not the site's (the 404 page answers it).
        if not path.startswith(self.base):
            return str(Path(self.directory) / "404.html.missing")
        return super().translate_path("/" + path[len(self.base) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output readable
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a browser closing early is normal
        pass


def serve_folder(folder: Path, base: str = "/"):
    """Serve ``folder`` on a free loopback port at the path ``base``, as it is published; returns (server, its URL)."""
    handler = functools.partial(_QuietHandler, directory=str(folder), base=base)
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{base}"


def axe_violations(tab):
    """axe's WCAG 2.2 A and AA results for the page open in ``tab`` (violations only)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(tab, options=options)


def sideways_scroll(tab) -> tuple[int, list[str]]:
    """How far the open page scrolls sideways, and up to five elements that stick out."""
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wide = tab.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    return overflow, wide


def focused(tab) -> dict:
    """The focused element's text, link and whether its focus can be seen."""
    return tab.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return {text: (e.innerText || e.getAttribute('aria-label') || '').trim(), href: e.getAttribute('href'),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none'};
    }""")
