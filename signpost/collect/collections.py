"""Derived views of published content: listings, counts, upcoming events.

Everything here takes the public copy of the content (see
``Content.public``), so nothing unpublished can leak into a listing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from signpost.collect.occurrences import meeting_days
from signpost.collect.review import default_period
from signpost.core.content import Content, Record
from signpost.models.schedule import WEEKDAYS


@dataclass
class Collections:
    """Listings built once and shared by every page that needs them."""

    content: Content

    @cached_property
    def listed_assets(self) -> list[Record]:
        """Assets that appear in listings.

        Closed ones, and ones whose only sessions are one-off dates now past,
        keep their page (old links still work) but are not listed.
        """
        records = [record for record in self.content.assets.values() if not record.item.is_closed and not self.finished(record)]
        return sorted(records, key=self._listing_order)

    def _listing_order(self, record: Record) -> tuple[bool, str, str]:
        # Name order, except that very overdue entries come after the rest (see signpost.collect.review).
        return (self.very_overdue(record), record.item.name.casefold(), record.stem)

    @cached_property
    def _search_ranks(self) -> dict[str, int]:
        records = sorted(self.content.assets.values(), key=self._listing_order)
        return {record.stem: rank for rank, record in enumerate(records)}

    def search_rank(self, record: Record) -> int:
        """An asset's place in name order among every published asset, as the search index sorts them.

        The listing order (very overdue entries last), as a number: the index
        is split into shards that sort their own pages, and numbers shared out
        in turn keep the shards' orders in step (see signpost.build.search_index).
        """
        return self._search_ranks[record.stem]

    def very_overdue(self, record: Record) -> bool:
        """True when an asset has reached the "very overdue" stage of the site's review period (see signpost.collect.review)."""
        period = default_period(self.content.site)
        return period.stage_of(record.item.last_checked, self.content.today) == "very-overdue"

    def finished(self, record: Record) -> bool:
        """True when every session is a one-off and the last date has passed."""
        sessions = record.item.schedule.sessions
        if not sessions or any(session.repeats != "once" for session in sessions):
            return False
        return max(day for session in sessions for day in session.dates) < self.content.today

    @cached_property
    def by_domain(self) -> dict[str, list[Record]]:
        """Listed assets grouped by domain id, in name order."""
        groups: dict[str, list[Record]] = {identifier: [] for identifier in self.content.domains}
        for record in self.listed_assets:
            for identifier in record.item.domains:
                groups[identifier].append(record)
        return groups

    @cached_property
    def by_area(self) -> dict[str, list[Record]]:
        """Listed assets grouped by area id, in name order."""
        groups: dict[str, list[Record]] = {identifier: [] for identifier in self.content.areas}
        for record in self.listed_assets:
            groups[record.item.area].append(record)
        return groups

    def members(self, taxonomy: str) -> dict[str, list[Record]]:
        """Listed assets grouped by the ids of a taxonomy ("domain" or "area")."""
        return {"domain": self.by_domain, "area": self.by_area}[taxonomy]

    @cached_property
    def by_day(self) -> dict[str, list[Record]]:
        """Listed assets by the weekdays they meet on, in name order."""
        groups: dict[str, list[Record]] = {day: [] for day in WEEKDAYS}
        for record in self.listed_assets:
            for day in meeting_days(record.item.schedule):
                groups[day].append(record)
        return groups

    @cached_property
    def events_by_start(self) -> list[Record]:
        """All published events, soonest first."""
        return sorted(self.content.events.values(), key=lambda record: (record.item.start_local, record.stem))

    @cached_property
    def upcoming_events(self) -> list[Record]:
        """Events that end today or later (a repeating one by its next date), soonest first."""
        today = self.content.today
        upcoming = [record for record in self.content.events.values() if not record.item.is_over(today)]
        return sorted(upcoming, key=lambda record: (record.item.when(today)[0], record.stem))

    @cached_property
    def past_events(self) -> list[Record]:
        """Events that have ended, most recent first."""
        today = self.content.today
        past = [record for record in self.content.events.values() if record.item.is_over(today)]
        return sorted(past, key=lambda record: (record.item.when(today)[0], record.stem), reverse=True)

    @cached_property
    def latest_news(self) -> list[Record]:
        """Published news posts, newest first."""
        return sorted(self.content.news.values(), key=lambda record: (record.item.date, record.stem), reverse=True)

    @cached_property
    def case_studies(self) -> list[Record]:
        """Published case studies, newest first."""
        return sorted(self.content.case_studies.values(), key=lambda record: (record.item.date, record.stem), reverse=True)

    @cached_property
    def newsletters(self) -> list[Record]:
        """Published newsletter issues, newest first."""
        return sorted(self.content.newsletters.values(), key=lambda record: (record.item.number, record.stem), reverse=True)

    def needs_check(self, record: Record) -> bool:
        """True when an asset's details are older than the site's review period."""
        age = self.content.today - record.item.last_checked
        return age > dt.timedelta(days=self.content.site.review_after_days)


# A listing page holds at most this many cards, so no page grows with the
# number of assets: more make more pages, each linked by "Next page".
PAGE_SIZE = 40


@dataclass(frozen=True)
class ListingPage:
    """One page of a long listing."""

    number: int
    count: int
    records: Sequence[Record]
    total: int
    size: int = PAGE_SIZE

    @property
    def first(self) -> int:
        """The position (from 1) of the first record on this page."""
        return (self.number - 1) * self.size + 1


def paginate(records: Sequence[Record], size: int = PAGE_SIZE) -> list[ListingPage]:
    """Split a listing into pages of at most ``size``; an empty listing is one empty page."""
    count = max(1, -(-len(records) // size))
    return [
        ListingPage(number, count, records[(number - 1) * size : number * size], len(records), size)
        for number in range(1, count + 1)
    ]
