"""Pages for staff: the activities due a check, and the coverage map.

Both are unlisted: no link from the public pages, no place in the search
index or the sitemap, and a ``noindex`` tag for search engines. They are
rendered like every other page, from the public copy of the content, so
nothing staff-only (``staff_notes``, drafts) can reach them; the contact
details they show are the ones each activity's own page shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from signpost.collect.collections import Collections
from signpost.collect.review import STAGE_NAMES, STAGES, by_stage_and_area, default_period, months_text, review_entries
from signpost.core import urls
from signpost.core.content import Content, Record
from signpost.core.outputs import Page
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer

REVIEW_URL = "staff/review/"
COVERAGE_URL = "staff/coverage/"
# Linked from the staff pages alone, like the flyer's stylesheet.
STYLESHEET = "assets/stylesheets/staff.css"


@generator(order=160, makes="staff/: the review list and the coverage page, kept out of search and the sitemap")
def staff_pages(renderer: SiteRenderer) -> Iterator[Page]:
    """The review list and the coverage map, both kept out of search and the sitemap."""
    content = renderer.content
    period = default_period(content.site)
    yield _unlisted(
        renderer.page(
            "review.html",
            REVIEW_URL,
            "Activities due a check",
            "For staff: the activities whose details have not been checked for a while, with who to contact.",
            "staff",
            period=period,
            months_text=months_text,
            stages=STAGES,
            stage_names=STAGE_NAMES,
            groups=by_stage_and_area(content, review_entries(content, period)),
            edit_url=lambda record: content.site.edit_url(content.relative_source(record)),
            coverage_url=COVERAGE_URL,
            stylesheet=STYLESHEET,
        )
    )
    yield _unlisted(
        renderer.page(
            "coverage.html",
            COVERAGE_URL,
            "Coverage: activities by type and area",
            "For staff: how many activities are listed for each type of activity in each area, to show the gaps.",
            "staff",
            coverage=coverage(content, renderer.lists),
            find_link=find_link,
            review_url=REVIEW_URL,
            stylesheet=STYLESHEET,
        )
    )


def _unlisted(page: Page) -> Page:
    return dataclasses.replace(page, noindex=True)


@dataclass(frozen=True)
class Coverage:
    """Counts of listed activities for each type of activity (row) in each area (column)."""

    domains: dict[str, str]
    areas: dict[str, str]
    counts: dict[tuple[str, str], int]
    domain_totals: dict[str, int]
    area_totals: dict[str, int]
    total: int

    def gaps(self) -> list[tuple[str, str]]:
        """Every (domain, area) with nothing listed, in table order."""
        return [(domain, area) for domain in self.domains for area in self.areas if not self.counts[domain, area]]


def coverage(content: Content, lists: Collections) -> Coverage:
    """The coverage of the activities the site lists (open ones, whose dates have not all passed)."""
    records: list[Record] = lists.listed_assets
    counts = {(domain, area): 0 for domain in content.domains for area in content.areas}
    for record in records:
        for domain in record.item.domains:
            counts[domain, record.item.area] += 1
    return Coverage(
        domains={key: record.item.name for key, record in content.domains.items()},
        areas={key: record.item.name for key, record in content.areas.items()},
        counts=counts,
        domain_totals={domain: sum(domain in record.item.domains for record in records) for domain in content.domains},
        area_totals={area: sum(record.item.area == area for record in records) for area in content.areas},
        total=len(records),
    )


def find_link(**filters: str) -> str:
    """The find page filtered to ``filters``, site-relative: ``find/?domain=sport&area=northgate``."""
    return f"{urls.FIND}?{urlencode(filters)}"
