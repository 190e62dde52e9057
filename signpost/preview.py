"""A live preview for staff: build, serve on this computer, rebuild on every save.

Engine-free: it builds with the same pipeline as ``build`` into a private
folder and serves that folder. While it serves, each page gets a small
script that reloads it after a rebuild; the built files themselves never
carry it. When a save brings a mistake, every page shows the list of
problems instead, until the file is fixed.
"""

from __future__ import annotations

import functools
import html
import http.server
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from signpost.pipeline import BuildOptions, Engine, build_site
from signpost.problems import ContentError, Problem, errors_in, format_problems
from signpost.sourcelines import forget_lines

VERSION_PATH = "/.signpost-preview/version"
_RELOAD = f"""<script>
(function () {{
  var seen = null;
  function poll() {{
    fetch("{VERSION_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (v) {{
      if (seen !== null && v !== seen) {{ location.reload(); }}
      seen = v;
    }}).catch(function () {{}}).then(function () {{ setTimeout(poll, 700); }});
  }}
  poll();
}})();
</script>"""


@dataclass
class PreviewState:
    """The latest build: a version number that changes on each rebuild, and its problems."""

    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def finished(self, problems: list[Problem]) -> None:
        """Record a rebuild and what it found."""
        with self.lock:
            self.version += 1
            self.problems = problems


def serve(content: Path, engine: Engine, options: BuildOptions, address: str, watched: list[Path]) -> None:
    """Build, serve at ``address`` and rebuild on every change under ``watched`` until stopped."""
    host, _, port = address.rpartition(":")
    state = PreviewState()
    with tempfile.TemporaryDirectory(prefix="signpost-preview-") as folder:
        output = Path(folder) / "site"
        rebuild = functools.partial(_rebuild, content, engine, options, output, state)
        rebuild()
        server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), functools.partial(_Handler, output, state))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Preview at http://{host or '127.0.0.1'}:{server.server_address[1]}/ (press Ctrl+C to stop).", file=sys.stderr)
        try:
            _watch(watched, rebuild)
        finally:
            server.shutdown()
            shutil.rmtree(output, ignore_errors=True)


def _rebuild(content: Path, engine: Engine, options: BuildOptions, output: Path, state: PreviewState) -> None:
    forget_lines()
    try:
        warnings = build_site(content, output, engine, options)
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        state.finished(list(error.problems))
        return
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    print("Rebuilt the preview.", file=sys.stderr)
    state.finished(warnings)


def _snapshot(watched: list[Path]) -> dict[str, float]:
    files = {}
    for root in watched:
        paths = [root] if root.is_file() else (path for path in root.rglob("*") if path.is_file())
        for path in paths:
            try:
                files[str(path)] = path.stat().st_mtime
            except OSError:
                continue
    return files


def _watch(watched: list[Path], rebuild) -> None:
    seen = _snapshot(watched)
    while True:
        time.sleep(0.4)
        now = _snapshot(watched)
        if now != seen:
            seen = now
            rebuild()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the preview folder; adds the reload script, or the problem page."""

    def __init__(self, output: Path, state: PreviewState, *args, **kwargs):
        self.state = state
        super().__init__(*args, directory=str(output), **kwargs)

    def log_message(self, *args) -> None:  # the terminal is for problems, not requests
        pass

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            return self._send(str(self.state.version).encode(), "text/plain")
        errors = errors_in(self.state.problems)
        if errors and self._wants_page():
            return self._send(_problem_page(errors).encode(), "text/html; charset=utf-8")
        if self._wants_page():
            path = Path(self.translate_path(self.path))
            page = path / "index.html" if path.is_dir() else path
            if page.is_file() and page.suffix == ".html":
                text = page.read_text(encoding="utf-8").replace("</body>", _RELOAD + "</body>", 1)
                return self._send(text.encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def _wants_page(self) -> bool:
        last = self.path.split("?")[0].rsplit("/", 1)[-1]
        return last == "" or last.endswith(".html")

    def _send(self, data: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


def _problem_page(problems: list[Problem]) -> str:
    items = "".join(
        f"<li><code>{html.escape(problem.source)}:{problem.line}</code>: {html.escape(problem.explanation())}</li>"
        for problem in problems
    )
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{count} to fix</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font:1.1rem/1.6 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "li{margin-bottom:.8rem}code{background:#eee;padding:0 .2rem}</style></head><body>"
        f"<h1>{count} to fix before the site can be shown</h1>"
        "<p>Fix each line below and save the file. This page reloads by itself when the site builds again.</p>"
        f"<ol>{items}</ol>{_RELOAD}</body></html>"
    )
