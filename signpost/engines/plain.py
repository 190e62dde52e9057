"""Write outputs as they are, with no engine: each page's body, each file's bytes.

Used for golden-output tests and for looking at what the core produced
before any theme wraps it. Each page is written to ``<url>index.html`` as
a small HTML document: its typed fields in ``<meta>`` tags, then the body.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterable
from pathlib import Path

from signpost.core.outputs import FileOutput, Output, Page, SourceFile


def write_outputs(outputs: Iterable[Output], folder: Path) -> list[str]:
    """Write every output under ``folder``; return the paths written, in order."""
    written = []
    for output in outputs:
        if isinstance(output, Page):
            path, data = output.path, _page_document(output).encode()
        elif isinstance(output, FileOutput):
            path, data = output.path, output.content()
        else:
            path, data = _source_path(output), output.source.read_bytes()
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(path)
    return written


def _source_path(output: SourceFile) -> str:
    return f"_sources/{output.path}"


def _page_document(page: Page) -> str:
    fields = {
        "kind": page.kind,
        "description": page.description,
        "searchable": str(page.searchable).lower(),
        "edit-url": page.edit_url or "",
        "noindex": str(page.noindex).lower(),
    }
    meta = "\n".join(f'<meta name="signpost:{name}" content="{html.escape(value)}">' for name, value in fields.items())
    return f"<!doctype html>\n<title>{html.escape(page.title)}</title>\n{meta}\n{page.body.strip()}\n"


def clear(folder: Path) -> None:
    """Remove ``folder`` and everything in it, if it exists."""
    shutil.rmtree(folder, ignore_errors=True)
