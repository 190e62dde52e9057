"""Shared fixtures: real content folders, real builds into temporary folders.

The engine's tests read only the content folders under tests/ (the frozen
example, the small one, the golden cases), never the repository's content/:
that folder is the example site's, and a team that replaces it keeps a
working test suite. The site's own checks are in signpost/sitetests/.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from signpost.cli import main
from signpost.sitetests.browser import CHROMIUM, CHROMIUM_ARGS, launch_chromium  # noqa: F401 (others import them from here)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A frozen copy of the example site's content as it was when the engine's
# tests were written against it; their expected values come from its files.
EXAMPLE_CONTENT = FIXTURES / "example"
SMALL_CONTENT = FIXTURES / "small"
CONFIG = REPO / "mkdocs.yml"
# The example site's own templates folder: only overrides (none today); the default look is THEME.
TEMPLATES = REPO / "templates"
TODAY = dt.date(2026, 11, 22)


def build(content: Path, output: Path, today: dt.date = TODAY, extra: list[str] | None = None) -> int:
    """Build ``content`` into ``output`` through the real command line code."""
    return main(
        [
            "build",
            "--content",
            str(content),
            "--output",
            str(output),
            "--config",
            str(CONFIG),
            "--templates",
            str(TEMPLATES),
            "--today",
            today.isoformat(),
            *(extra or []),
        ]
    )


def run_command(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python build.py ...`` as a person would, capturing its output."""
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` mapped to the SHA-256 of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def readable_bytes(path: Path) -> bytes:
    """A file's bytes, decompressed when gzip-compressed (sitemaps, Pagefind)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    # Pagefind writes its own signature before gzip data in some files.
    start = data.find(b"\x1f\x8b\x08")
    if 0 < start < 64:
        try:
            return data + gzip.decompress(data[start:])
        except OSError:
            return data
    return data


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    """A private copy of the small fixture content, safe to edit."""
    target = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, target)
    return target


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example content, safe to edit."""
    target = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per test session."""
    output = tmp_path_factory.mktemp("example") / "site"
    assert build(EXAMPLE_CONTENT, output) == 0
    return output


# ---------------------------------------------------------------------------
# Browser support: a built site served on loopback, and Debian's Chromium
# driven by Playwright.


def serve_folder(folder: Path):
    """Serve ``folder`` on a free loopback port; returns (server, base URL)."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output readable
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):  # a browser closing early is normal
            pass

    handler = functools.partial(Handler, directory=str(folder))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class HeldRequests:
    """A browser route handler that holds matching requests until ``release()``, then lets all through.

    ``held`` lists the requests waiting: a test sees what the page asked for
    before it could go on.
    """

    def __init__(self) -> None:
        self.held: list = []
        self._released = False

    def __call__(self, route) -> None:
        if self._released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        """Let the held requests through, and every later one."""
        self._released = True
        for route in self.held:
            route.continue_()

    def wait_for_some(self, tab, waiting: str) -> None:
        """Wait (up to 5 s) until ``tab`` has asked for something held; fail saying what should be ``waiting``."""
        for _ in range(100):
            if self.held:
                return
            tab.wait_for_timeout(50)
        pytest.fail(f"{waiting} should be waiting for its results' details")


def press_twice_while_the_next_page_waits(tab, more) -> None:
    """Press ``more`` ("Show more") twice, the second time while the first press's results are held.

    Their details (Pagefind's fragments) are let through after a moment in
    which a second, wrong page would have been asked for.
    """
    details = HeldRequests()
    tab.route(re.compile(r"/pagefind/fragment/"), details)
    more.click()
    details.wait_for_some(tab, "the next page")
    more.click()
    tab.wait_for_timeout(200)  # time for a second page to be asked for
    details.release()


@pytest.fixture(scope="session")
def example_url(example_site: Path):
    """The example site served over HTTP (Pagefind needs real requests)."""
    server, url = serve_folder(example_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    chromium = launch_chromium()
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab at a desktop size."""
    # bypass_csp: the tests' wait_for_function strings are evaluated as code,
    # which the pages' Content Security Policy (no 'unsafe-eval') would refuse.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


def pytest_terminal_summary(terminalreporter):
    """Print how many pages each quality gate checked (summed over workers)."""
    totals: dict[str, int] = {}
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        if report.when != "call":
            continue
        for name, value in getattr(report, "user_properties", []):
            if name.startswith("checked:"):
                totals[name[8:]] = totals.get(name[8:], 0) + int(value)
    for name, value in sorted(totals.items()):
        terminalreporter.write_line(f"quality gate: {name}: {value} pages checked")


# ---------------------------------------------------------------------------
# No engine test reads the repository's content/ (the example site's): every
# file, folder listing and signpost command a test in tests/ starts is
# watched, from its fixtures' setup to their teardown, and any that touches
# that folder fails the test. The site tests (signpost/sitetests/) are the
# ones that read a site's content, and this conftest does not reach them.

SITE_CONTENT = REPO / "content"
# The events that name a path a test reads, lists or runs a command in.
PATH_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "os.chdir"})


class ContentReads:
    """What the running engine test read in the repository's content/, noted by an audit hook."""

    def __init__(self, content: Path = SITE_CONTENT) -> None:
        self.content = content
        self.watching = False
        self.seen: list[str] = []

    def __call__(self, event: str, args: tuple) -> None:
        if not self.watching:
            return
        if event in PATH_EVENTS and isinstance(args[0], str | bytes | os.PathLike):
            if self._inside(os.fsdecode(args[0])):
                self.seen.append(f"{event} {os.fsdecode(args[0])}")
        elif event == "subprocess.Popen":
            self._command(args[1], args[2])

    def _command(self, argv, cwd) -> None:
        # A signpost command reads its --content folder, content/ of where it runs unless told.
        words = [os.fsdecode(word) for word in argv] if isinstance(argv, list | tuple) else [os.fsdecode(argv)]
        if not any(word.endswith("build.py") or word == "signpost" for word in words):
            return
        if any(word in _READ_NO_CONTENT for word in words):
            return  # `init` writes a new folder; `--version` reads nothing
        content = next((word.split("=", 1)[1] for word in words if word.startswith("--content=")), "content")
        if "--content" in words[:-1]:
            content = words[words.index("--content") + 1]
        folder = Path(cwd or os.getcwd()) / content
        if self._inside(str(folder)):
            self.seen.append(f"runs {' '.join(words[1:])} on {folder}")

    def _inside(self, path: str) -> bool:
        absolute = Path(os.path.abspath(path))
        return absolute == self.content or self.content in absolute.parents

    def start(self) -> None:
        self.seen, self.watching = [], True

    def stop(self) -> list[str]:
        self.watching = False
        return self.seen


# Signpost commands that read no content folder.
_READ_NO_CONTENT = {"init", "--version"}

CONTENT_READS = ContentReads()
sys.addaudithook(CONTENT_READS)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Start watching before the test's fixtures are made (a session's first build too)."""
    CONTENT_READS.start()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Fail, after its teardown, an engine test that read the repository's content/."""
    outcome = yield
    if call.when != "teardown":
        return
    seen = CONTENT_READS.stop()
    report = outcome.get_result()
    if seen and report.passed:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} reads the repository's content/ (the example site's); an engine test reads its own "
            f"fixtures (tests/fixtures/), and a check of a site's content is a site test (signpost/sitetests/):\n"
            + "\n".join(sorted(set(seen))[:10])
        )
