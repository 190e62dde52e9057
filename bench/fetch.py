"""Bytes a visitor's browser fetches before it shows the first result.

Run as ``python -m bench.fetch SITE`` (a fresh process, so the bench's own
process stays small). It serves the built site the way a static host does
(gzip for text files; Pagefind's own files are already compressed), opens
each page in Chromium with an empty cache, and counts the bytes the server
sent until the first result is on the screen. Prints JSON.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
# What to open, and what shows that the first result is there.
JOURNEYS = {
    "search": ("search/?q=football", ".sp-result"),
    "find": ("find/", "[data-results] > li"),
    "find_facet": ("find/?day=tuesday", "[data-results] > li"),
}
_TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
MARK = "/__first-result"
# Runs in every page before its own scripts: the moment a result is put on
# the screen, tell the server, which counts the bytes sent until then.
_WATCH = """
new MutationObserver(function (changes, observer) {
  if (document.querySelector("[data-results] > li, .sp-result")) {
    observer.disconnect();
    fetch("MARK", {cache: "no-store"});
  }
}).observe(document, {childList: true, subtree: true});
""".replace("MARK", MARK)


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host (gzip for text) and counts the bytes sent."""

    counter: dict

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        if self.path.startswith(MARK):
            # The page says its first result is showing: note what was sent so far.
            self.counter["mark"] = self.counter["bytes"]
            self.send_error(204)
            return None
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if path.suffix in _TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(path.read_bytes(), 6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.counter["bytes"] += len(data)
            self.counter.setdefault("files", {})[self.path] = len(data)
            self.wfile.write(data)
            return None
        handle = super().send_head()
        if handle is not None and path.is_file():
            self.counter["bytes"] += path.stat().st_size
            self.counter.setdefault("files", {})[self.path] = path.stat().st_size
        return handle


def bytes_before_results(site: Path) -> dict[str, int]:
    """For each journey, the bytes sent before its first result appeared."""
    counter = {"bytes": 0}
    handler = type("Handler", (_CountingHandler,), {"counter": counter})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for name, (path, ready) in JOURNEYS.items():
                context = browser.new_context()  # an empty cache each time
                context.add_init_script(_WATCH)
                counter.update(bytes=0, files={}, mark=None)
                page = context.new_page()
                page.goto(base + path, wait_until="commit")
                page.wait_for_selector(ready, timeout=120_000)
                page.wait_for_function("true")
                while counter["mark"] is None:
                    page.wait_for_timeout(50)
                figures[name] = counter["mark"]
                if "--files" in sys.argv:
                    print(name, sorted(counter["files"].items(), key=lambda item: -item[1]), file=sys.stderr)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return figures


if __name__ == "__main__":
    print(json.dumps(bytes_before_results(Path(sys.argv[1]))))
