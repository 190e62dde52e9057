"""The pictures in the content's media folder, published as they are."""

from __future__ import annotations

from collections.abc import Iterator

from signpost.check.loader import media_files
from signpost.core.outputs import SourceFile
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer


@generator(order=100, makes="media/: the pictures, as they are")
def media_sources(renderer: SiteRenderer) -> Iterator[SourceFile]:
    """Every picture under the media folder (hidden files left out)."""
    root = renderer.content.root
    for path in media_files(root):
        yield SourceFile(path.relative_to(root).as_posix(), path, "media")
