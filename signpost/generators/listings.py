"""The browsing pages: every type of activity, area and day, each with its paginated list of activities.

Every activity stays reachable from these plain lists, without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator

from signpost.collect.collections import paginate
from signpost.core import urls
from signpost.core.content import Record
from signpost.core.kinds import DAYS, TAXONOMIES, Taxonomy
from signpost.core.outputs import Page
from signpost.models.schedule import WEEKDAYS
from signpost.render import maps
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer

_DESCRIPTIONS = {
    "domain": "Browse clubs, groups, classes and volunteering by type of activity.",
    "area": "Browse clubs, groups, classes and volunteering by where they meet.",
}


@generator(order=20, makes="domains/ and areas/: the list of each, then each one's activities a page at a time")
def taxonomy_pages(renderer: SiteRenderer) -> Iterator[Page]:
    """Each taxonomy's list of groups, then each group's listing."""
    for taxonomy in TAXONOMIES.values():
        groups = getattr(renderer.content, taxonomy.attribute)
        members = renderer.lists.members(taxonomy.name)
        yield renderer.page(
            "groups.html",
            taxonomy.index_url,
            taxonomy.index_title,
            _DESCRIPTIONS[taxonomy.name],
            "groups",
            source=taxonomy.file,
            taxonomy=taxonomy,
            groups=groups,
            members=members,
        )
        for identifier, record in groups.items():
            yield from _listing_pages(renderer, taxonomy, identifier, record.item, members[identifier], taxonomy.file)


@generator(order=30, makes="days/: a plain list of the activities on each day of the week")
def day_pages(renderer: SiteRenderer) -> Iterator[Page]:
    """The list of days, then each day's listing."""
    yield renderer.page(
        "days.html",
        DAYS.index_url,
        DAYS.index_title,
        "Activities for each day of the week.",
        "groups",
        days=WEEKDAYS,
        members=renderer.lists.by_day,
    )
    for day in WEEKDAYS:
        group = _Group(
            day.capitalize(),
            f"Activities that meet on a {day.capitalize()}, in name order (any not checked for a long time come last). "
            "Some meet every week, some every other week or once a month: each entry says which.",
        )
        yield from _listing_pages(renderer, DAYS, day, group, renderer.lists.by_day[day], source=None)


def _listing_pages(
    renderer: SiteRenderer, taxonomy: Taxonomy, identifier: str, group, records: list[Record], source: str | None
) -> Iterator[Page]:
    """One group's listing, a page at a time, linked by "Previous page" and "Next page"."""
    first_page = taxonomy.url(identifier)
    group_map = maps.group_map(renderer.site, taxonomy, identifier, records)
    for listing in paginate(records):
        title = group.name if listing.number == 1 else f"{group.name} (page {listing.number} of {listing.count})"
        yield renderer.page(
            "listing.html",
            urls.numbered(first_page, listing.number),
            title,
            group.description,
            "listing",
            source=source,
            group=group,
            taxonomy=taxonomy,
            listing=listing,
            first_page=first_page,
            group_map=group_map,
        )


class _Group:
    """A group with no file of its own (a day of the week), shaped like a domain or an area."""

    def __init__(self, name: str, description: str):
        self.name, self.description = name, description
