"""Symbolic links in a content folder: found, reported, never followed.

A link can point anywhere on the machine that builds the site. A pull
request that adds ``media/photo.jpg`` as a link to ``/proc/self/environ`` or
to a key in the home folder would otherwise have the build publish that file
for anyone to download, or quote it in an error message in a public CI log.
Content files have no need of links (the CMS and git both store the files
themselves), so every link is an error at its own path, and nothing is read
through one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from signpost.core.problems import Problem


def links_in(root: Path) -> list[Path]:
    """Every symbolic link (or Windows junction) under ``root``, in a stable order, without following any.

    Hidden files and folders are left out, as the loader never reads them;
    so is a folder that cannot be opened (nothing in it can be read either).
    """
    return sorted(Path(entry.path) for entry in _entries(root, hidden=False) if _is_link(entry))


def _entries(folder: Path, hidden: bool) -> Iterator[os.DirEntry]:
    """Every entry in ``folder`` and the folders inside it, going into no link and no folder that cannot be opened.

    Hidden entries (and what is inside a hidden folder) only when ``hidden``.
    """
    folders = [folder]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") and not hidden:
                continue
            yield entry
            if not _is_link(entry) and entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))


def _is_link(place: os.DirEntry | Path) -> bool:
    # A junction is Windows' link to a folder; Python knows it from 3.12.
    return place.is_symlink() or getattr(place, "is_junction", lambda: False)()


def link_problem(path: Path) -> Problem:
    """The error for a link at ``path``: it is not read, and what to put there instead."""
    what = "folder" if path.is_dir() else "file"
    return Problem(
        path.as_posix(),
        1,
        "",
        f"is a shortcut (a symbolic link) to another {what}, so it is not read or published",
        f"put the {what} itself here instead of a shortcut to it",
    )


def link_problems(root: Path) -> list[Problem]:
    """One error for each symbolic link under ``root``."""
    return [link_problem(path) for path in links_in(root)]


def first_link(root: Path, path: Path) -> Path | None:
    """The first of ``path`` and the folders between ``root`` and it that is a link; None when none is.

    A path outside ``root`` is its own answer: nothing outside is read either.
    """
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return path
    here = root
    for part in parts:
        here = here / part
        if _is_link(here):
            return here
    return None


def readable_folder(root: Path, folder: Path) -> bool:
    """True when ``folder`` is a folder reached from ``root`` through no link."""
    return folder.is_dir() and first_link(root, folder) is None


def files_under(root: Path, folder: Path, hidden: bool = True) -> list[Path]:
    """Every file in ``folder`` and the folders inside it, in a stable order, reached through no link.

    Hidden files, and the files in hidden folders, only when ``hidden``.
    """
    if not readable_folder(root, folder):
        return []
    return sorted(Path(entry.path) for entry in _entries(folder, hidden) if entry.is_file(follow_symlinks=False))
