"""A printable A4 flyer for each event, with a QR code to the event's page.

The flyer is a page of its own (``events/<stem>/flyer/``), kept out of
search and the sitemap. Its stylesheet, linked from the flyer alone, lays it
out on one sheet of A4 with none of the site's navigation. The QR code is an
inline SVG drawn by segno: a vector, so it prints sharply at any size, and
nothing is fetched to show it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import segno
from markupsafe import Markup

from signpost.core.content import Record
from signpost.core.kinds import KINDS
from signpost.core.outputs import Page
from signpost.core.urls import flyer_url
from signpost.models import Event
from signpost.render.registry import record_generator
from signpost.render.site import SiteRenderer

STYLESHEET = "assets/stylesheets/flyer.css"


def qr_svg(data: str, label: str) -> Markup:
    """A QR code for ``data`` as an inline SVG element (medium error correction, a four-module quiet zone)."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="sp-qr", lineclass=None)
    attributes = f'role="img" aria-label="{Markup.escape(label)}" shape-rendering="crispEdges" '
    return Markup(svg.replace("<svg ", "<svg " + attributes, 1))


@record_generator(kind="event", order=10, makes="events/<stem>/flyer/: an A4 flyer with a QR code to the event's page")
def flyer_pages(renderer: SiteRenderer, record: Record[Event]) -> Iterator[Page]:
    """The flyer of one event."""
    yield flyer_page(renderer, record)


def flyer_page(renderer: SiteRenderer, record: Record[Event]) -> Page:
    """The flyer page of one event: not searchable, not indexed."""
    event = record.item
    page_url = renderer.site.absolute(KINDS["event"].url(record.stem))
    page = renderer.page(
        "flyer.html",
        flyer_url(record.stem),
        f"Flyer: {event.title}",
        f"A flyer to print on A4 paper for {event.title}.",
        "flyer",
        event=event,
        record=record,
        event_address=page_url,
        qr=qr_svg(page_url, f"QR code: scan it to open {page_url}"),
        stylesheet=STYLESHEET,
    )
    return dataclasses.replace(page, noindex=True)
