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
from pathlib import Path

from signpost.problems import Problem


def links_in(root: Path) -> list[Path]:
    """Every symbolic link under ``root``, in a stable order, without following any.

    Hidden files and folders are left out, as the loader never reads them.
    """
    found: list[Path] = []
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    found.append(Path(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
    return sorted(found)


def link_problem(path: Path) -> Problem:
    """The error for a link at ``path``: it is not read, and what to put there instead."""
    what = "folder" if path.is_dir() else "file"
    return Problem(
        path.as_posix(),
        1,
        "",
        f"is a link to another {what}, so it is not read or published",
        f"put the {what} itself here instead of a link to it",
    )


def link_problems(root: Path) -> list[Problem]:
    """One error for each symbolic link under ``root``."""
    return [link_problem(path) for path in links_in(root)]


def through_link(root: Path, path: Path) -> bool:
    """True when ``path``, or any folder between ``root`` and it, is a symbolic link."""
    here = root
    for part in path.relative_to(root).parts:
        here = here / part
        if here.is_symlink():
            return True
    return False
