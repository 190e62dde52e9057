"""The live preview in a real browser: a saved mistake shows the problem page, the fix brings the site back."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(small_content: Path):
    port = free_port()
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
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=1).read()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the preview did not start: " + (process.stderr.read() if process.stderr else ""))
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_a_saved_mistake_shows_its_problems_and_the_fix_brings_the_page_back(page, preview, small_content):
    rovers = small_content / "assets" / "rovers.yml"
    page.goto(preview + "directory/rovers/", wait_until="load")
    assert page.locator("h1").inner_text() == "Hollinsford Rovers Football Club"
    rovers.write_text(rovers.read_text().replace("name: Hollinsford Rovers", "nmae: Hollinsford Rovers"))
    page.wait_for_selector("text=problems to fix", timeout=30_000)  # the page reloads by itself
    assert "nmae: is not a field we know — did you mean 'name'?" in page.inner_text("body")
    assert f"{rovers.as_posix()}:1" in page.inner_text("body")
    rovers.write_text(rovers.read_text().replace("nmae: Hollinsford Rovers", "name: Hollinsford Rovers Club"))
    page.wait_for_selector("h1:text('Hollinsford Rovers Club Football Club')", timeout=30_000)
