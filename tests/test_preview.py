"""The live preview: a saved file shows at once, the rest of the site follows, mistakes show as a page.

Each test starts ``build.py serve`` on its own copy of the small fixture and
edits the copy. What the preview prints is kept in ``preview.log`` in the
test's folder, so a test can tell a page written at once from one written by
a full build.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

QUICK = "Updated the page of"  # what the preview prints when it wrote one page at once, not the whole site
# Generous bounds for a busy machine: `make bench` has the real figure, and
# the tests tell a page written at once from a full build by what was printed.
AT_ONCE, FULL_BUILD = 20, 180  # seconds


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(small_content: Path, tmp_path: Path):
    """The address of a preview of ``small_content`` (test_csp uses it too)."""
    port, log = free_port(), tmp_path / "preview.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "build.py"),
                "serve",
                "--content",
                str(small_content),
                "--dev-addr",
                f"127.0.0.1:{port}",
                "--today",
                "2026-11-22",
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url), FULL_BUILD, "the preview did not start", lambda: log.read_text())
    except BaseException:
        process.kill()
        raise
    yield url
    process.terminate()
    process.wait(timeout=30)


def wait_for(check: Callable[[], object], seconds: float, failure: str, said: Callable[[], str]) -> None:
    """Wait until ``check()`` is true (a request that fails counts as not yet); fail with what the preview said."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.05)
    pytest.fail(f"{failure}; the preview said:\n{said()}")


def set_field(path: Path, name: str, value: str) -> None:
    """Give the one-line field ``name`` a new value in a content file."""
    text, count = re.subn(rf"^{name}: .*$", f"{name}: {value}", path.read_text(), count=1, flags=re.MULTILINE)
    assert count == 1, f"{path} has no {name}"
    path.write_text(text)


def area_url(asset: Path) -> str:
    return f"areas/{yaml.safe_load(asset.read_text())['area']}/"


@pytest.fixture
def said(tmp_path: Path) -> Callable[[], str]:
    """What the preview has printed so far."""
    return lambda: (tmp_path / "preview.log").read_text()


@pytest.mark.browser
def test_a_saved_change_shows_in_the_open_page_at_once(page, preview, small_content, said):
    rovers = small_content / "assets" / "rovers.yml"
    page.goto(preview + "directory/rovers/", wait_until="load")
    summary = "Football on Thursday evenings, changed a moment ago."
    set_field(rovers, "summary", summary)
    page.wait_for_selector(f"text={summary}", timeout=AT_ONCE * 1000)  # the page reloads by itself
    # Its page was written alone, not by a whole build (said a moment after).
    wait_for(lambda: QUICK in said(), AT_ONCE, "the page was not written at once", said)


@pytest.mark.browser
def test_a_saved_mistake_shows_its_problems_and_the_fix_brings_the_page_back(page, preview, small_content):
    rovers = small_content / "assets" / "rovers.yml"
    page.goto(preview + "directory/rovers/", wait_until="load")
    assert page.locator("h1").inner_text() == "Hollinsford Rovers Football Club"
    rovers.write_text(rovers.read_text().replace("name: Hollinsford Rovers", "nmae: Hollinsford Rovers"))
    page.wait_for_selector("text=to fix before the site can be shown", timeout=AT_ONCE * 1000)  # the page reloads by itself
    assert "nmae: is not a field we know — did you mean 'name'?" in page.inner_text("body")
    assert f"{rovers.as_posix()}:1" in page.inner_text("body")
    rovers.write_text(rovers.read_text().replace("nmae: Hollinsford Rovers", "name: Hollinsford Rovers Club"))
    page.wait_for_selector("h1:text('Hollinsford Rovers Club Football Club')", timeout=AT_ONCE * 1000)


def test_the_lists_follow_and_a_later_build_never_puts_back_an_older_page(preview, small_content, said):
    rovers = small_content / "assets" / "rovers.yml"
    listing = area_url(rovers)
    set_field(rovers, "name", "Rovers First Rename")
    wait_for(
        lambda: "Rovers First Rename" in fetch(preview + "directory/rovers/"), AT_ONCE, "the first change did not show", said
    )
    # Saved again while the full build for the first change runs: that build
    # read the first name, and must not put its page back when it finishes.
    set_field(rovers, "name", "Rovers Second Rename")
    names = []

    def listing_shows_second_name() -> bool:
        names.append(re.search(r"<h1[^>]*>(.*?)</h1>", fetch(preview + "directory/rovers/"), re.DOTALL).group(1).strip())
        return "Rovers Second Rename" in fetch(preview + listing)

    wait_for(listing_shows_second_name, FULL_BUILD, "the area's list did not follow", said)
    seen_second = names.index("Rovers Second Rename")
    assert set(names[seen_second:]) == {"Rovers Second Rename"}, names
    assert "Rovers Second Rename" in fetch(preview + "directory/rovers/")
    assert said().count(QUICK) == 2
    # Asset pages are kept out of the navigation on purpose: MkDocs' notes about it are not for staff.
    assert "not included" not in said()


def test_an_event_shows_at_once_and_its_flyer_follows(preview, small_content, said):
    workshop = small_content / "events" / "mapping-workshop.md"
    set_field(workshop, "title", "Mapping workshop, new title")
    # The page is written a moment before the preview says so: wait for both.
    wait_for(
        lambda: "Mapping workshop, new title" in fetch(preview + "events/mapping-workshop/") and QUICK in said(),
        AT_ONCE,
        "the event did not change at once",
        said,
    )
    wait_for(
        lambda: "Mapping workshop, new title" in fetch(preview + "events/mapping-workshop/flyer/"),
        AT_ONCE,
        "the flyer did not follow",
        said,
    )


def test_a_change_only_a_full_build_can_show_is_shown_too(preview, small_content, said):
    rovers = small_content / "assets" / "rovers.yml"
    listing = area_url(rovers)
    areas = small_content / "areas.yml"
    area = yaml.safe_load(areas.read_text())[0]
    areas.write_text(areas.read_text().replace(f"name: {area['name']}", "name: Renamed town centre", 1))
    wait_for(
        lambda: "Renamed town centre" in fetch(preview + f"areas/{area['id']}/"), FULL_BUILD, "the area was not renamed", said
    )
    assert QUICK not in said()
    assert "Hollinsford Rovers Football Club" in fetch(preview + listing)
