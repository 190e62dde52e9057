"""Write a finished site into place in one step, so readers never see half a site.

A build writes into a staging folder beside the output. Only when it has
finished is the staging folder swapped with the old output: on Linux with one
atomic ``renameat2(RENAME_EXCHANGE)`` call, elsewhere with two renames.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from signpost.core.problems import ContentError, Problem

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# Written into every site we build, so we only ever replace our own output.
MARKER = ".signpost-site"


def unsafe_output(output: Path, protected: dict[str, Path]) -> str | None:
    """Why ``output`` must not be replaced, or None when it is safe.

    ``protected`` names folders that must survive a build (the content, the
    project, the current folder). The output may not be one of them, hold
    one of them, or sit inside the content. An existing folder is replaced
    only when an earlier build left the marker in it.
    """
    output = output.resolve()
    for name, folder in protected.items():
        folder = folder.resolve()
        if output == folder or folder.is_relative_to(output):
            return f"it would replace the {name}"
        if name == "content folder" and output.is_relative_to(folder):
            return "it is inside the content folder"
    if output.exists() and not (output / MARKER).is_file() and any(output.iterdir()):
        return "it already holds files that Signpost did not build"
    return None


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Hold the output's lock for the whole build; refuse when another build holds it.

    Two builds swapping into one folder at once could each retire the
    other's work; with the lock the second stops at once with a plain line.
    The lock file is removed afterwards, so nothing is left beside the site.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    path = output.parent / f".{output.name}.lock"
    handle = _locked(path)
    if handle is None:
        raise ContentError(
            [
                Problem(
                    str(output), 1, "", "another build is writing this site right now", "wait for it to finish, then build again"
                )
            ]
        )
    try:
        yield
    finally:
        # Unlink before unlocking: a build waiting on this file then sees it
        # was replaced (see _locked) and takes a fresh one.
        path.unlink(missing_ok=True)
        handle.close()


def _locked(path: Path):
    """An open, exclusively locked file at ``path``, or None when another process holds it."""
    while True:
        handle = open(path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return None
        try:
            if os.fstat(handle.fileno()).st_ino == os.stat(path).st_ino:
                return handle
        except FileNotFoundError:
            pass
        handle.close()  # the file was removed while we waited: lock the new one


@contextmanager
def staging_folder(output: Path) -> Iterator[Path]:
    """A fresh folder beside ``output``; removed again if the build fails."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(output)
    staging = output.parent / f".{output.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _remove_abandoned(output: Path) -> None:
    """Delete staging folders left by builds that were killed part-way."""
    for leftover in output.parent.glob(f".{output.name}.*-*"):
        kind, _, pid = leftover.name.rpartition("-")
        if kind.endswith((".staging", ".retired")) and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_into_place(staging: Path, output: Path) -> None:
    """Replace ``output`` with ``staging``; the old output is then deleted."""
    (staging / MARKER).write_text("This folder is built by Signpost; each build replaces it.\n")
    output = output.resolve()
    if not output.exists():
        os.rename(staging, output)
        return
    if not _exchange(staging, output):
        retired = output.parent / f".{output.name}.retired-{os.getpid()}"
        os.rename(output, retired)
        os.rename(staging, output)
        staging = retired
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths (Linux 3.15+); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link ``source`` at ``target`` (no bytes copied), or copy it where links are not possible."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
