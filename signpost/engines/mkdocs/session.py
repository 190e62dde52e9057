"""Write single pages of a site MkDocs has built again: the live preview's quick pages.

A full build at 1,000 activities takes MkDocs many seconds; one page takes a
fraction of one. The session keeps MkDocs' view of the last full build (its
configuration, files, navigation and theme environment) and writes a page
the way that build wrote it, with the new body swapped into the page MkDocs
already knows, so the navigation around it stays right.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.structure.files import File

from signpost.core.outputs import FileOutput, Output, Page
from signpost.engines.mkdocs.plugin import KeptBuild, RenderedPage, page_file, source_uri, write_file_output


class MkDocsSession:
    """MkDocs' view of the last full build, kept to write its pages and files again."""

    def __init__(self, kept: KeptBuild, site_dir: Path):
        self.kept = kept
        self.site_dir = Path(site_dir)

    def move_to(self, site_dir: Path) -> None:
        """The site's folder was moved (swapped into place): write there from now on."""
        self.site_dir = Path(site_dir)

    def write(self, outputs: Iterable[Output]) -> bool:
        """Write pages the full build wrote, and plain files, again; False, writing nothing, for a new page.

        A page the build did not write has no place in the navigation or the
        files MkDocs knows, and news posts and pictures are MkDocs' own to
        publish: those wait for the next full build.
        """
        outputs = list(outputs)
        files = [self._file_of(output) if isinstance(output, Page) else None for output in outputs]
        if any(
            (isinstance(output, Page) and file is None) or not isinstance(output, Page | FileOutput)
            for output, file in zip(outputs, files, strict=True)
        ):
            return False
        for output, file in zip(outputs, files, strict=True):
            if isinstance(output, FileOutput):
                with _in_place(self.site_dir / output.path) as written:
                    write_file_output(written, output)
            else:
                self._write_page(output, file)
        return True

    def _file_of(self, page: Page) -> File | None:
        file = self.kept.files.get_file_from_path(source_uri(page.url))
        if file is not None and isinstance(file.page, RenderedPage):
            return file
        # A page outside the navigation was written after MkDocs' own, from a page of its own.
        return page_file(page, self.kept.config) if page.url in self.kept.outside_navigation else None

    def _write_page(self, output: Page, file: File) -> None:
        file.page.show(output)
        # The build wrote into a staging folder, since swapped into place.
        with _in_place(self.site_dir / file.dest_uri) as written:
            file.abs_dest_path = str(written)
            self.kept.write_page(file.page)


@contextmanager
def _in_place(path: Path) -> Iterator[Path]:
    """A file to write beside ``path``, then renamed over it: the preview never serves half a page."""
    written = path.with_name(f".{path.name}.signpost-new")
    try:
        yield written
        os.replace(written, path)
    finally:
        written.unlink(missing_ok=True)
