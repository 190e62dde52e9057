"""The peak memory of a whole process tree: a build and every process it starts.

The kernel's own figures (``ru_maxrss``) give one process at a time: the
build, or its largest child. What a machine must hold is the sum while they
run side by side (the build process keeps its memory while Pagefind indexes),
so this reads the resident memory of the process and its descendants from
``/proc`` every 50 ms while it runs, and keeps the largest total. A spike
shorter than that can be missed; Pagefind's runs last seconds.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path
from typing import NamedTuple

POLL_SECONDS = 0.05


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            # The name in brackets may hold spaces: the fields come after its ')'.
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while the list was read
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _resident_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _is_python(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().startswith("python")
    except OSError:
        return False


class Peaks(NamedTuple):
    """The largest memory (MB) seen: of the whole tree, and of its largest Python process."""

    tree_mb: float
    python_mb: float


def tree_now(root: int) -> Peaks:
    """The resident memory (MB) of process ``root`` and all its descendants now, and of the largest Python one."""
    children, total, largest, waiting = _children_by_parent(), 0, 0, [root]
    while waiting:
        pid = waiting.pop()
        resident = _resident_kb(pid)
        total += resident
        if _is_python(pid):
            largest = max(largest, resident)
        waiting.extend(children.get(pid, []))
    return Peaks(total / 1024, largest / 1024)


def run_watched(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, Peaks]:
    """Run ``command`` to the end; return its result (output captured as text) and the peaks of its tree.

    The build writes its pages in a child process (signpost.build.apart), so the
    largest Python process is the build's own figure, whichever one it is.
    """
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        # Read the output in the background: a full pipe would stop the build.
        peak, output = Peaks(0.0, 0.0), _Reader(process)
        while process.poll() is None:
            now = tree_now(process.pid)
            peak = Peaks(max(peak.tree_mb, now.tree_mb), max(peak.python_mb, now.python_mb))
            time.sleep(POLL_SECONDS)
        stdout, stderr = output.finish()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), peak


class _Reader:
    """Drains a process's stdout and stderr on threads, so neither pipe fills up."""

    def __init__(self, process: subprocess.Popen) -> None:
        self._texts = {"out": "", "err": ""}
        self._threads = [
            threading.Thread(target=self._drain, args=(name, stream), daemon=True)
            for name, stream in (("out", process.stdout), ("err", process.stderr))
        ]
        for thread in self._threads:
            thread.start()

    def _drain(self, name: str, stream) -> None:
        self._texts[name] = stream.read()

    def finish(self) -> tuple[str, str]:
        """The whole stdout and stderr, once the process has closed them."""
        for thread in self._threads:
            thread.join()
        return self._texts["out"], self._texts["err"]
