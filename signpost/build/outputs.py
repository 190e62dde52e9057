"""The run loop: every registered generator, in order, over the public content.

The loop knows no kind of output. Importing :mod:`signpost.generators`
registers each of its modules (see :mod:`signpost.render.registry`); the
loop then runs them in their order and notes the address of every listed
page as it passes, for the sitemap, which runs last.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import signpost.generators  # noqa: F401  (registers every generator)
from signpost.core.content import Content
from signpost.core.outputs import Output, Page, SourceFile
from signpost.render.registry import site_generators
from signpost.render.site import SiteRenderer


def render_site(content: Content, templates_dir: Path) -> Iterator[Output]:
    """Every output of the public copy of ``content``."""
    return site_outputs(SiteRenderer(content.public(), templates_dir))


def site_outputs(renderer: SiteRenderer) -> Iterator[Output]:
    """Every output, generator by generator, noting each listed page in ``renderer.listed`` as it passes."""
    for entry in site_generators():
        for output in entry.outputs(renderer):
            if (address := _listed_address(output)) is not None:
                renderer.listed.append(address)
            yield output


def _listed_address(output: Output) -> str | None:
    """The address of a page that search engines should know of (the sitemap lists it), else None."""
    if isinstance(output, Page):
        return None if output.noindex else output.url
    return output.url if isinstance(output, SourceFile) else None
