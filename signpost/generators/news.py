"""The news index and each published post, handed to the engine's blog to publish from their Markdown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from signpost.core.kinds import KINDS, NEWS_INDEX
from signpost.core.outputs import SourceFile
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer


@generator(order=80, makes="news/ and news/<stem>/: the news index and posts (the engine's blog writes the pages)")
def news_sources(renderer: SiteRenderer) -> Iterator[SourceFile]:
    """The news index, then each published post, newest first."""
    content, site, kind = renderer.content, renderer.site, KINDS["news"]
    yield SourceFile(NEWS_INDEX, content.root / NEWS_INDEX, "news-list", kind.index_url, False, site.edit_url(NEWS_INDEX))
    for record in renderer.lists.latest_news:
        relative = content.relative_source(record)
        yield SourceFile(relative, Path(record.source), kind.name, kind.url(record.stem), True, site.edit_url(relative))
