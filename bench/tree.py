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


def tree_mb(root: int) -> float:
    """The resident memory (MB) of process ``root`` and all its descendants now."""
    children, total, waiting = _children_by_parent(), 0, [root]
    while waiting:
        pid = waiting.pop()
        total += _resident_kb(pid)
        waiting.extend(children.get(pid, []))
    return total / 1024


def run_watched(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``command`` to the end; return its result (output captured as text) and its tree's peak MB."""
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        # Read the output in the background: a full pipe would stop the build.
        peak, output = 0.0, _Reader(process)
        while process.poll() is None:
            peak = max(peak, tree_mb(process.pid))
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
