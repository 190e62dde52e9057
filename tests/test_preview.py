"""The live preview: a saved file shows at once, the rest of the site follows, mistakes show as a page.

Each test starts ``build.py serve`` on its own copy of the small fixture and
edits the copy. What the preview printed is kept in a file, so a test can
tell a page written at once from one written by a full build.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

QUICK = "Updated the page of"  # what the preview prints when it wrote one page at once
FULL = "Rebuilt the preview."  # ... and after each full build


@dataclass
class Preview:
    """A running preview: its address, and the file holding what it printed."""

    url: str
    log: Path

    def said(self) -> str:
        return self.log.read_text()

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(small_content: Path, tmp_path: Path):
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
    running = Preview(f"http://127.0.0.1:{port}/", log)
    try:
        wait_for(lambda: running.get("") is not None, 60, "the preview did not start: " + log.read_text())
    except BaseException:
        process.kill()
        raise
    yield running
    process.terminate()
    process.wait(timeout=30)


def wait_for(check: Callable[[], object], seconds: float, failure: str) -> None:
    """Wait until ``check()`` is true (a request that fails counts as not yet)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.05)
    pytest.fail(failure)


def set_field(path: Path, name: str, value: str) -> None:
    """Give the one-line field ``name`` a new value in a content file."""
    text, count = re.subn(rf"^{name}: .*$", f"{name}: {value}", path.read_text(), count=1, flags=re.MULTILINE)
    assert count == 1, f"{path} has no {name}"
    path.write_text(text)


def area_url(asset: Path) -> str:
    return f"areas/{yaml.safe_load(asset.read_text())['area']}/"


@pytest.mark.browser
def test_a_saved_change_shows_in_the_open_page_at_once(page, preview, small_content):
    rovers = small_content / "assets" / "rovers.yml"
    page.goto(preview.url + "directory/rovers/", wait_until="load")
    set_field(rovers, "summary", "Football on Thursday evenings, changed a moment ago.")
    # The page reloads by itself. Generous for a loaded machine: `make bench` has the real figure.
    page.wait_for_selector("text=Football on Thursday evenings, changed a moment ago.", timeout=10_000)
    assert QUICK in preview.said()  # its page was written alone, not by a whole build


@pytest.mark.browser
def test_a_saved_mistake_shows_its_problems_and_the_fix_brings_the_page_back(page, preview, small_content):
    rovers = small_content / "assets" / "rovers.yml"
    page.goto(preview.url + "directory/rovers/", wait_until="load")
    assert page.locator("h1").inner_text() == "Hollinsford Rovers Football Club"
    rovers.write_text(rovers.read_text().replace("name: Hollinsford Rovers", "nmae: Hollinsford Rovers"))
    page.wait_for_selector("text=to fix before the site can be shown", timeout=30_000)  # the page reloads by itself
    assert "nmae: is not a field we know — did you mean 'name'?" in page.inner_text("body")
    assert f"{rovers.as_posix()}:1" in page.inner_text("body")
    rovers.write_text(rovers.read_text().replace("nmae: Hollinsford Rovers", "name: Hollinsford Rovers Club"))
    page.wait_for_selector("h1:text('Hollinsford Rovers Club Football Club')", timeout=30_000)


def test_the_lists_follow_and_a_later_build_never_puts_back_an_older_page(preview, small_content):
    rovers = small_content / "assets" / "rovers.yml"
    listing = area_url(rovers)
    wait_for(lambda: preview.said().count(FULL) == 1, 30, "the first build did not finish")
    set_field(rovers, "name", "Rovers First Rename")
    wait_for(lambda: "Rovers First Rename" in preview.get("directory/rovers/"), 10, "the first change did not show")
    # Saved again while the full build for the first change runs: that build
    # read the first name, and must not put its page back when it finishes.
    set_field(rovers, "name", "Rovers Second Rename")
    names = []

    def listing_shows_second_name() -> bool:
        names.append(re.search(r"<h1[^>]*>(.*?)</h1>", preview.get("directory/rovers/"), re.DOTALL).group(1).strip())
        return "Rovers Second Rename" in preview.get(listing)

    wait_for(listing_shows_second_name, 60, f"the area's list did not follow: {preview.said()}")
    seen_second = names.index("Rovers Second Rename")
    assert set(names[seen_second:]) == {"Rovers Second Rename"}, names
    assert "Rovers Second Rename" in preview.get("directory/rovers/")
    assert preview.said().count(QUICK) == 2
    # Asset pages are kept out of the navigation on purpose: MkDocs' notes about it are not for staff.
    assert "not included" not in preview.said()


def test_an_event_shows_at_once_and_its_flyer_follows(preview, small_content):
    workshop = small_content / "events" / "mapping-workshop.md"
    set_field(workshop, "title", "Mapping workshop, new title")
    wait_for(lambda: "Mapping workshop, new title" in preview.get("events/mapping-workshop/"), 10, "the event did not change")
    assert QUICK in preview.said()
    wait_for(
        lambda: "Mapping workshop, new title" in preview.get("events/mapping-workshop/flyer/"), 10, "the flyer did not follow"
    )


def test_a_change_only_a_full_build_can_show_is_shown_too(preview, small_content):
    rovers = small_content / "assets" / "rovers.yml"
    listing = area_url(rovers)
    areas = small_content / "areas.yml"
    area = yaml.safe_load(areas.read_text())[0]
    areas.write_text(areas.read_text().replace(f"name: {area['name']}", "name: Renamed town centre", 1))
    wait_for(lambda: "Renamed town centre" in preview.get(f"areas/{area['id']}/"), 60, "the area was not renamed")
    assert QUICK not in preview.said()
    assert "Hollinsford Rovers Football Club" in preview.get(listing)
