"""The page of every published record, and each kind's list page.

A record's page is the first of the outputs made from it
(:func:`signpost.render.registry.record_outputs`); other modules add the
rest (an activity's card and calendar, an event's flyer and calendar), and
the live preview writes the same outputs when one file is saved.
"""

from __future__ import annotations

from collections.abc import Iterator

from signpost.core.content import Record
from signpost.core.kinds import KINDS
from signpost.core.outputs import Output, Page
from signpost.render.registry import generator, record_generator, record_outputs
from signpost.render.site import SiteRenderer


def _record_page(kind: str):
    def page(renderer: SiteRenderer, record: Record) -> Iterator[Page]:
        yield renderer.record_page(KINDS[kind], record)

    page.__name__ = f"{kind}_page"
    page.__doc__ = f"The page of one published {KINDS[kind].noun}."
    return page


# One page for each published record of every kind with a template, first of the outputs made from it.
for _kind in (name for name, kind in KINDS.items() if kind.template):
    record_generator(kind=_kind, order=0, makes=f"{KINDS[_kind].url('<stem>')}: the page of each {KINDS[_kind].noun}")(
        _record_page(_kind)
    )


@generator(order=40, makes="directory/<stem>/: every activity's page and the files made from it")
def activity_outputs(renderer: SiteRenderer) -> Iterator[Output]:
    """Every activity, in the order of the content."""
    for record in renderer.content.assets.values():
        yield from record_outputs(renderer, "asset", record)


@generator(order=50, makes="events/, case-studies/ and newsletter/: each list page, then each record's page and files")
def listed_kinds(renderer: SiteRenderer) -> Iterator[Output]:
    """Events by start, stories and newsletter issues: the list page, then each record's outputs."""
    records = {
        "event": renderer.lists.events_by_start,
        "case_study": renderer.lists.case_studies,
        "newsletter": renderer.lists.newsletters,
    }
    for name in records:
        kind = KINDS[name]
        assert kind.index_template and kind.index_title and kind.index_description  # each of these kinds has a list page
        yield renderer.page(kind.index_template, kind.index_url, kind.index_title, kind.index_description, f"{name}-list")
        for record in records[name]:
            yield from record_outputs(renderer, name, record)
