"""``directory/<stem>/card.json``: what the find, search and shortlist pages show of an activity."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS
from signpost.core.outputs import FileOutput
from signpost.render.cards import card
from signpost.render.registry import record_generator
from signpost.render.site import SiteRenderer


@record_generator(kind="asset", order=10, makes="directory/<stem>/card.json: an open activity's card, for the scripts")
def card_file(renderer: SiteRenderer, record: Record) -> Iterator[FileOutput]:
    """An open activity's card (a closed one has none: it leaves find and search)."""
    if not record.item.is_closed:
        url = KINDS["asset"].url(record.stem)
        # Made when the file is written: one card per activity adds up.
        yield FileOutput(f"{url}card.json", partial(_card_json, record, renderer.content, url))


def _card_json(record: Record, content: Content, url: str) -> bytes:
    return card(record, content, url).json()
