"""Build a site: load → validate → collect → render → write, then index and swap.

This module knows no site engine. The engine that wraps each page in the
site's look and writes the files is passed in (the command line chooses the
MkDocs adapter); anything with a ``publish`` method of the same shape will do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from signpost.loader import load_content
from signpost.models import SiteSettings
from signpost.outputs import Output, Page, SourceFile
from signpost.problems import ContentError, Problem, errors_in
from signpost.publish import build_lock, staging_folder, swap_into_place, unsafe_output
from signpost.render import NAVIGATION, render_site
from signpost.search import PAGES_PER_SHARD, index_site


class Engine(Protocol):
    """Wraps pages in the site's look and writes every output into a folder."""

    def publish(self, outputs: Iterable[Output], site: SiteSettings, navigation: tuple, site_dir: Path, today: dt.date) -> None:
        """Write ``outputs`` into ``site_dir``; raise ContentError with plain problems on failure."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the date that counts as today, where templates are, what to keep safe."""

    today: dt.date
    templates_dir: Path
    protected: dict[str, Path] = field(default_factory=dict)
    pages_per_shard: int = PAGES_PER_SHARD


def build_site(content_dir: Path, output: Path, engine: Engine, options: BuildOptions) -> list[Problem]:
    """Build the site into ``output``; return warnings, raise ContentError on errors.

    A failed build leaves the previous site in ``output`` untouched.
    """
    content, problems = load_content(content_dir, options.today)
    if content is None or errors_in(problems):
        raise ContentError(problems)
    _check_output(output, {"content folder": content_dir, **options.protected})
    site = content.site
    outputs = render_site(content, options.templates_dir)
    del content  # the renderer holds the public copy; the full one is no longer needed
    searchable: list[str] = []
    with build_lock(output), staging_folder(output) as staging:
        engine.publish(_noting_searchable(outputs, searchable), site, NAVIGATION, staging, options.today)
        index_site(staging, searchable, options.pages_per_shard)
        swap_into_place(staging, output)
    return problems


def _noting_searchable(outputs: Iterable[Output], searchable: list[str]) -> Iterator[Output]:
    """Pass outputs on, noting the file of each page that belongs in the search index."""
    for output in outputs:
        if isinstance(output, Page) and output.searchable:
            searchable.append(output.path)
        elif isinstance(output, SourceFile) and output.searchable and output.url is not None:
            searchable.append(f"{output.url}index.html")
        yield output


def _check_output(output: Path, protected: dict[str, Path]) -> None:
    reason = unsafe_output(output, protected)
    if reason:
        raise ContentError(
            [
                Problem(
                    str(output),
                    1,
                    "",
                    f"cannot build the site here: {reason}",
                    "choose an empty or new folder with --output, such as site (delete an old copy of the site first)",
                )
            ]
        )
