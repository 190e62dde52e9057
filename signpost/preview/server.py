"""A live preview for staff: build, serve on this computer, show each save at once.

Engine-free: it builds with the same pipeline as ``build`` into a private
folder and serves that folder. A saved activity, event, story or newsletter
shows on its page at once (within a second at 1,000 activities); the rest
of the site follows from a full build in the background (see
:mod:`signpost.preview.builds`). While it serves, each page gets a small
script that reloads it when the site changes; the built files themselves
never carry it. When a save brings a mistake, every page shows the list of
problems instead, until the file is fixed.
"""

from __future__ import annotations

import errno
import functools
import html
import http.server
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from signpost.build.pipeline import BuildOptions, LiveEngine
from signpost.core.problems import Problem, errors_in
from signpost.preview.builds import LiveBuilds

VERSION_PATH = "/.signpost-preview/version"
# The reload script is a file the preview serves, not an inline script, so
# the pages' Content Security Policy ('self' scripts only) lets it run.
RELOAD_PATH = "/.signpost-preview/reload.js"
# Each page names the version of the site it was served from (?v=), so a
# change made while the page was loading still reloads it.
_RELOAD_SCRIPT = f"""(function () {{
  var seen = new URL(document.currentScript.src).searchParams.get("v");
  function poll() {{
    fetch("{VERSION_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (v) {{
      if (v !== seen) {{ location.reload(); }}
    }}).catch(function () {{}}).then(function () {{ setTimeout(poll, 250); }});
  }}
  poll();
}})();
"""


def _reload_tag(version: int) -> str:
    return f'<script src="{RELOAD_PATH}?v={version}"></script>'


@dataclass
class PreviewState:
    """What is shown: a version number that changes with each build or quick page, and the problems found."""

    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def finished(self, problems: list[Problem]) -> None:
        """Record a change to the site (or to its problems): open pages reload."""
        with self.lock:
            self.version += 1
            self.problems = problems


# How often the files are looked at. Looking at 1,000 files takes a few
# milliseconds, and a saved page should show within a second.
POLL_SECONDS = 0.2


class PreviewError(Exception):
    """The preview cannot start for a reason staff can put right; the message says how."""


def serve(content: Path, engine: LiveEngine, options: BuildOptions, address: str, watched: list[Path]) -> None:
    """Build, serve at ``address`` and show every change under ``watched`` until stopped."""
    host, _, port = address.rpartition(":")
    host = host or "127.0.0.1"
    state = PreviewState()
    with tempfile.TemporaryDirectory(prefix="signpost-preview-") as folder:
        output = Path(folder) / "site"
        # The port is taken before the first build, so a port in use is said at once, not after the build.
        server = _listen(host, int(port), functools.partial(_Handler, output, state))
        _stop_when_terminated()
        builds = LiveBuilds(content, engine, options, output, state.finished)
        # Files as they were before the first build: a file saved while it runs
        # (or the moment it is served) is then seen as a change, never missed.
        before = _snapshot(watched)
        try:
            builds.build_now()
        except BaseException:
            server.server_close()
            raise
        threading.Thread(target=_watch, args=(watched, builds.saved, before), daemon=True).start()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Preview at http://{host}:{server.server_address[1]}/ (press Ctrl+C to stop).", file=sys.stderr)
        try:
            builds.keep_building()  # here, in the main thread, so that Ctrl+C stops a build at once
        finally:
            builds.stop()
            server.shutdown()
            server.server_close()


def _listen(host: str, port: int, handler: Callable) -> _Server:
    """The preview's server, listening on ``host:port``; a PreviewError saying what to do if it cannot."""
    try:
        return _Server((host, port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            problem = f"port {port} on {host} is already in use"
            fix = f"stop the other preview (Ctrl+C in its window) or choose another port with --dev-addr {host}:{port + 1 if port < 65535 else 8000}"
        elif error.errno == errno.EACCES:
            problem = f"port {port} on {host} needs administrator rights"
            fix = f"choose a port from 1024 up with --dev-addr {host}:8000"
        else:
            problem = f"{host}:{port} cannot be used ({error.strerror or error})"
            fix = "choose another address with --dev-addr 127.0.0.1:8000"
        raise PreviewError(f"The preview could not start: {problem} — {fix}") from None


def _stop_when_terminated() -> None:
    """Stop as Ctrl+C does when asked to terminate, so the private folder is removed."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)


def _snapshot(watched: list[Path]) -> dict[str, tuple[int, int]]:
    """Each file's modification time and size. Hidden files (editors' swap files) are skipped, as the loader skips them."""
    files: dict[str, tuple[int, int]] = {}
    folders = []
    for root in watched:
        if root.is_dir():
            folders.append(str(root))
        else:
            _note(files, str(root), root.stat)
    # os.scandir rather than Path.rglob: several times faster on 1,000 files.
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    else:
                        _note(files, entry.path, entry.stat)
        except OSError:
            continue  # a folder removed while we looked
    return files


def _note(files: dict[str, tuple[int, int]], path: str, stat: Callable[[], os.stat_result]) -> None:
    try:
        result = stat()
    except OSError:
        return  # a file removed while we looked
    files[path] = (result.st_mtime_ns, result.st_size)


def _watch(watched: list[Path], saved: Callable[[set[Path], bool], None], seen: dict[str, tuple[int, int]]) -> None:
    """Call ``saved(changed paths, only modified)`` whenever files under ``watched`` differ from ``seen``."""
    while True:
        time.sleep(POLL_SECONDS)
        now = _snapshot(watched)
        if now != seen:
            changed = {Path(path) for path in now.keys() | seen.keys() if now.get(path) != seen.get(path)}
            only_modified = now.keys() == seen.keys()
            seen = now
            try:
                saved(changed, only_modified)
            except Exception as error:  # a fault in Signpost: keep watching
                print(f"The preview could not show a change because of an internal problem: {error!r}", file=sys.stderr)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser reloading or closing a tab while a page is sent is normal, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the preview folder; adds the reload script, or the problem page."""

    # The site's scripts are ES modules, which a browser runs only when they
    # come as JavaScript; some systems' type tables (Windows' registry) call
    # .js text/plain, so the type is not left to them.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

    def __init__(self, output: Path, state: PreviewState, *args, **kwargs):
        self.state = state
        super().__init__(*args, directory=str(output), **kwargs)

    def log_message(self, *args) -> None:  # the terminal is for problems, not requests
        pass

    def do_GET(self) -> None:
        address = self.path.split("?")[0]
        if address == VERSION_PATH:
            return self._send(str(self.state.version).encode(), "text/plain")
        if address == RELOAD_PATH:
            return self._send(_RELOAD_SCRIPT.encode(), "text/javascript")
        # The version first: a page read after a newer change only reloads once more.
        version, problems = self.state.version, self.state.problems
        errors = errors_in(problems)
        if errors and self._wants_page():
            return self._send(_problem_page(errors, version).encode(), "text/html; charset=utf-8")
        if self._wants_page():
            path = Path(self.translate_path(self.path))
            page = path / "index.html" if path.is_dir() else path
            if page.is_file() and page.suffix == ".html":
                text = page.read_text(encoding="utf-8").replace("</body>", _reload_tag(version) + "</body>", 1)
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


def _problem_page(problems: list[Problem], version: int) -> str:
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
        f"<ol>{items}</ol>{_reload_tag(version)}</body></html>"
    )
