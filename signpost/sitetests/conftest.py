"""The site under test: its folder (``--site``, default the current folder), checked and built once per session."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from signpost.sitetests.browser import launch_chromium, serve_folder


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--site DIR``: the site's folder, holding content/ and mkdocs.yml (default: the current folder)."""
    group = parser.getgroup("signpost", "Signpost site tests")
    group.addoption("--site", default=".", help="The site's folder, with content/ and mkdocs.yml (default: the current one).")
    group.addoption("--site-content", default="content", help="Its content folder, relative to --site (default: content).")
    group.addoption("--site-today", default=None, help="Check and build as if on this day, YYYY-MM-DD (default: today).")


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker the browser tests carry, so a site's pytest settings need not."""
    config.addinivalue_line("markers", "browser: runs pages in headless Chromium")


class Site:
    """A site's folder and where its parts are."""

    def __init__(self, folder: Path, content: str, today: str | None) -> None:
        self.folder = folder.resolve()
        self.content = self.folder / content
        self.config = self.folder / "mkdocs.yml"
        self.workflows = self.folder / ".github" / "workflows"
        self.today = ["--today", today] if today else []


@pytest.fixture(scope="session")
def site(pytestconfig: pytest.Config) -> Site:
    """The site under test; stops the session at once when it is not a site's folder."""
    options = (pytestconfig.getoption(name) for name in ("site", "site_content", "site_today"))
    found = Site(Path(next(options)), *options)
    if not found.content.is_dir() or not found.config.is_file():
        pytest.exit(f"{found.folder} is not a site's folder: it needs content/ and mkdocs.yml (give another with --site)", 2)
    return found


def run_signpost(*arguments: str) -> tuple[int, str]:
    """Run a signpost command in this process; its exit code and everything it printed."""
    from signpost.cli import main

    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(list(arguments))
    return code, said.getvalue()


@pytest.fixture(scope="session")
def built_site(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session into a temporary folder, as the publishing workflow builds it."""
    output = tmp_path_factory.mktemp("site") / "site"
    code, said = run_signpost(
        "build", "--content", str(site.content), "--config", str(site.config), "--output", str(output), *site.today
    )
    assert code == 0, f"the site does not build:\n{said}"
    return output


@pytest.fixture(scope="session")
def base_path(site: Site) -> str:
    """The path of the site's address in site.yml (``/dales/`` for https://example.org/dales/), where it is published."""
    settings = yaml.safe_load((site.content / "site.yml").read_text(encoding="utf-8")) or {}
    path = urlsplit(str(settings.get("site_url", "/"))).path or "/"
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def site_url(built_site: Path, base_path: str):
    """The built site served over HTTP at its own path (search and the finder need real requests)."""
    server, url = serve_folder(built_site, base_path)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    chromium = launch_chromium()
    yield chromium
    chromium.close()


@pytest.fixture
def tab(browser):
    """A fresh browser tab at a desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()
