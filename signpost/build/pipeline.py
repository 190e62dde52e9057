"""Build a site: load → validate → collect → render → write, then index and swap.

This module knows no site engine. The engine that wraps each page in the
site's look and writes the files is passed in (the command line chooses the
MkDocs adapter); anything with a ``publish`` method of the same shape will do.
The live preview builds with :func:`build_live`, which also keeps the checked
content and an engine session that can write single pages again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from signpost.build.apart import run_apart
from signpost.build.outputs import render_site
from signpost.build.search_index import PAGES_PER_SHARD, index_site
from signpost.build.staging import build_lock, staging_folder, swap_into_place, unsafe_output
from signpost.check.loader import load_content
from signpost.core.content import Content
from signpost.core.outputs import Output, Page, SourceFile
from signpost.core.problems import ContentError, Problem, errors_in
from signpost.models import SiteSettings
from signpost.render.site import NAVIGATION

T = TypeVar("T")


class Engine(Protocol):
    """Wraps pages in the site's look and writes every output into a folder."""

    def publish(self, outputs: Iterable[Output], site: SiteSettings, navigation: tuple, site_dir: Path, today: dt.date) -> None:
        """Write ``outputs`` into ``site_dir``; raise ContentError with plain problems on failure."""


class PageSession(Protocol):
    """An engine's hold on a site it has written, to write some of its outputs again (for a live preview)."""

    def write(self, outputs: Iterable[Output]) -> bool:
        """Write ``outputs`` over their earlier copies; False, writing nothing, when a page is new to the site."""

    def move_to(self, site_dir: Path) -> None:
        """The site's folder was moved (swapped into place): write there from now on."""


class LiveEngine(Engine, Protocol):
    """An engine that can also keep a session open on the site it wrote."""

    def publish_live(
        self, outputs: Iterable[Output], site: SiteSettings, navigation: tuple, site_dir: Path, today: dt.date
    ) -> PageSession:
        """As ``publish``, and return a session that writes single outputs into the site again."""


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
    _check_output(output, content_dir, options)
    with build_lock(output), staging_folder(output) as staging:
        # Loaded and written apart, so that its memory is given back before
        # the search index is built (see signpost.build.apart).
        problems, searchable = run_apart(_write_site, content_dir, engine, options, staging)
        index_site(staging, searchable, options.pages_per_shard)
        swap_into_place(staging, output)
    return problems


def _write_site(content_dir: Path, engine: Engine, options: BuildOptions, staging: Path) -> tuple[list[Problem], list[str]]:
    """Load, check and render the content, and have the engine write it into ``staging``.

    Returns the warnings and the pages to index, in the order to index them.
    """
    content, problems = _checked_content(content_dir, options)
    site = content.site
    outputs = render_site(content, options.templates_dir)
    del content  # the renderer holds the public copy; the full one is no longer needed
    _, pages = _publish(engine.publish, outputs, site, staging, options)
    return problems, pages


@dataclass
class LiveSite:
    """A site built for a live preview, not yet in place: its full checked content and the engine's session."""

    content: Content
    warnings: list[Problem]
    session: PageSession
    staging: Path
    output: Path

    def swap(self) -> None:
        """Put the new site in place of the served one; the session follows it."""
        swap_into_place(self.staging, self.output)
        self.session.move_to(self.output)


def build_live(
    content_dir: Path, output: Path, engine: LiveEngine, options: BuildOptions, finish: Callable[[LiveSite], None]
) -> None:
    """Build as :func:`build_site` does, keeping the content and the engine's session for a live preview.

    ``finish`` gets the site before it is in place and must call its ``swap``:
    the preview first writes into it again the pages of files saved while it
    was being built, so that a build never puts back an older page. Raises
    ContentError on errors, leaving the served site as it was.
    """
    content, problems = _checked_content(content_dir, options)
    _check_output(output, content_dir, options)
    with build_lock(output), staging_folder(output) as staging:
        outputs = render_site(content, options.templates_dir)
        session, pages = _publish(engine.publish_live, outputs, content.site, staging, options)
        index_site(staging, pages, options.pages_per_shard)
        finish(LiveSite(content, problems, session, staging, output))


def _checked_content(content_dir: Path, options: BuildOptions) -> tuple[Content, list[Problem]]:
    """The loaded content and its warnings; ContentError when there is any error."""
    content, problems = load_content(content_dir, options.today)
    if content is None or errors_in(problems):
        raise ContentError(problems)
    return content, problems


def _publish(
    publish: Callable[..., T], outputs: Iterable[Output], site: SiteSettings, staging: Path, options: BuildOptions
) -> tuple[T, list[str]]:
    """Have the engine write every output into ``staging``; what it returned, and the pages to index in order."""
    searchable: list[tuple[int | None, str]] = []
    written = publish(_noting_searchable(outputs, searchable), site, NAVIGATION, staging, options.today)
    return written, _index_order(searchable)


def _index_order(searchable: list[tuple[int | None, str]]) -> list[str]:
    """The pages to index: the ones the index sorts by name first, in that order (see index_site)."""
    return [path for _, path in sorted(searchable, key=lambda page: (page[0] is None, page[0] or 0, page[1]))]


def _noting_searchable(outputs: Iterable[Output], searchable: list[tuple[int | None, str]]) -> Iterator[Output]:
    """Pass outputs on, noting (search rank, file) of each page that belongs in the search index."""
    for output in outputs:
        if isinstance(output, Page) and output.searchable:
            searchable.append((output.search_rank, output.path))
        elif isinstance(output, SourceFile) and output.searchable and output.url is not None:
            searchable.append((None, f"{output.url}index.html"))
        yield output


def _check_output(output: Path, content_dir: Path, options: BuildOptions) -> None:
    reason = unsafe_output(output, {"content folder": content_dir, **options.protected})
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
