"""The live preview's part of ``make bench``: from saving one activity to its page served again.

Starts ``python build.py serve`` on a content folder, waits until it serves,
then changes one activity's summary at a time (two activities in turn) and
asks for that activity's page until the new words are in it. Every edit is
timed from just before the file is written. The preview's full build in the
background runs while the later edits are timed, as it would while someone
edits file after file.

Imports nothing of Signpost, for the reason in ``bench.measure``.

    python -m bench.edit CONTENT [EDITS]
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.measure import REPO, MeasureError, signpost_arguments

# Generous: at 1,000 activities the preview's first build takes a while.
START_SECONDS = 900.0
EDIT_SECONDS = 60.0
# A summary on one line, or folded over indented lines as YAML writers do.
_SUMMARY = re.compile(r"^summary:.*(?:\n[ \t]+\S.*)*", re.MULTILINE)


def measure_edits(content: Path, edits: int = 3) -> list[float]:
    """Seconds from each saved edit to its page being served with the change, ``edits`` times."""
    assets = sorted((content / "assets").glob("a0*.yml"))[:2]  # synthetic copies (see bench.prepare)
    if len(assets) < 2:
        raise MeasureError(f"no synthetic activities to edit in {content}/assets")
    with tempfile.TemporaryFile("w+") as log:
        preview, address = _start(content, log)
        try:
            _wait_until_served(preview, address)
            times = []
            for number in range(edits):
                path = assets[number % 2]
                # Permanent addresses (see README): /directory/<file name>/.
                # Words no earlier run can have left in the file.
                summary = f"Edited for the bench, number {number + 1} of run {time.time_ns()}."
                times.append(_time_edit(path, f"{address}directory/{path.stem}/", summary))
                time.sleep(1)  # as a person would look at the page before the next save
            return times
        except MeasureError as error:
            log.seek(0)
            raise MeasureError(f"{error}\nThe preview said:\n{log.read()[-2000:]}") from None
        finally:
            preview.terminate()
            preview.wait(timeout=60)


def _start(content: Path, log) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, str(REPO / "build.py"), *signpost_arguments("serve", content, "--dev-addr", f"127.0.0.1:{port}")]
    preview = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log)
    return preview, f"http://127.0.0.1:{port}/"


def _wait_until_served(preview: subprocess.Popen, address: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if preview.poll() is not None:
            break
        try:
            urllib.request.urlopen(address, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise MeasureError("the preview did not start serving")


def _time_edit(path: Path, page: str, summary: str) -> float:
    """Change the summary in ``path``; seconds until ``page`` shows it."""
    text, count = _SUMMARY.subn(f"summary: {summary}", path.read_text(), count=1)
    if count != 1:
        raise MeasureError(f"{path} has no summary to change")
    start = time.perf_counter()
    path.write_text(text)
    while time.perf_counter() - start < EDIT_SECONDS:
        try:
            if summary in urllib.request.urlopen(page, timeout=5).read().decode():
                return time.perf_counter() - start
        except OSError:
            pass  # a page being written at this moment
        time.sleep(0.01)
    raise MeasureError(f"{page} did not show the change to {path} within {EDIT_SECONDS:g} s")


if __name__ == "__main__":
    figures = measure_edits(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    print(" ".join(f"{seconds:.3f}" for seconds in figures))
