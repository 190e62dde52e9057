"""What the core produces: pages, files, and source files an engine publishes.

Rendering returns a stream of these. An engine adapter (``signpost.engines.mkdocs``)
hands each one to its engine and does nothing else: it never parses a title,
guesses an address or swaps a body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """A page: its body, and what the page shell needs to know.

    ``url`` is site-relative and folder-style (``directory/x/``; ``""`` is the
    home page). ``render`` makes the body, finished and safe HTML, when it is
    needed: an engine asks for it as it writes the page, so a site of 10,000
    pages never holds 10,000 bodies at once. Engines wrap the body in their
    page shell and never re-parse it.
    """

    url: str
    title: str
    description: str
    render: Callable[[], str] = field(repr=False, compare=False)
    kind: str = "page"
    searchable: bool = False
    edit_url: str | None = None
    # Staff pages and the like: no search engine, no sitemap.
    noindex: bool = False
    # An asset page's place in name order, which the search index keeps (see
    # signpost.build.search_index); None for pages the index does not sort.
    search_rank: int | None = None

    @property
    def path(self) -> str:
        """The file the page is written to, relative to the site folder."""
        return f"{self.url}index.html"

    @property
    def body(self) -> str:
        """The page's body, rendered now."""
        return self.render()


@dataclass(frozen=True)
class FileOutput:
    """Any other file: a sitemap, a calendar, a feed, an export.

    ``data`` is the bytes, or a function that makes them when the file is
    written (files made for every activity, so they are not all held at
    once). The function may return the bytes in pieces: a large export is
    then written as it is made and never held whole.
    """

    path: str
    data: bytes | Callable[[], bytes | Iterable[bytes]] = field(repr=False)

    def content(self) -> bytes:
        """The file's bytes, made now if they are made on demand."""
        return b"".join(self.pieces())

    def pieces(self) -> Iterator[bytes]:
        """The file's bytes in the pieces they are made in."""
        made = self.data() if callable(self.data) else self.data
        if isinstance(made, bytes):
            yield made
        else:
            yield from made


@dataclass(frozen=True)
class SourceFile:
    """A checked content file that the engine publishes itself.

    News posts (through the engine's blog, which turns Markdown into pages)
    and pictures. ``url`` is where the published page lives, for pages.
    """

    path: str
    source: Path
    kind: str
    url: str | None = None
    searchable: bool = False
    edit_url: str | None = None


Output = Page | FileOutput | SourceFile


def page_urls(outputs: list[Output]) -> list[str]:
    """Every page address the outputs publish, in order."""
    return [
        output.url
        for output in outputs
        if isinstance(output, Page | SourceFile) and output.url is not None  # a page always has one
    ]
