"""The review cycle: which activities are due a check, and how long overdue.

Staff keep the directory fresh by ringing each organiser now and then and
setting ``last_checked`` to the day they did. An entry goes through three
stages as it ages, counted in whole calendar months since ``last_checked``
against a review period of N months (``--months``, by default
``review_after_days`` from site.yml in months: 365 days is 12 months):

- **due a check**: N months or more;
- **overdue**: N + 3 months or more;
- **very overdue**: 2N months or more, and never less than N + 6.

Very overdue entries are listed after fresh ones and their pages say they
may be out of date (see ``collect.Collections``). Drafts and closed
activities are never due: nobody needs to ring a group that has closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from signpost.core import humanize
from signpost.core.content import Content, Record
from signpost.models import Asset, SiteSettings

# Most urgent first: the order staff work through them.
STAGES = ("very-overdue", "overdue", "due")
STAGE_NAMES = {"due": "Due a check", "overdue": "Overdue", "very-overdue": "Very overdue"}
# Average days in a month, to turn review_after_days into months.
_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class ReviewPeriod:
    """How many months an entry may go unchecked, and the stages that follow."""

    months: int

    def threshold(self, stage: str) -> int:
        """The age in whole months at which an entry reaches ``stage``."""
        return {"due": self.months, "overdue": self.months + 3, "very-overdue": max(2 * self.months, self.months + 6)}[stage]

    def stage_of(self, last_checked: dt.date, today: dt.date) -> str | None:
        """The most urgent stage an entry checked on ``last_checked`` has reached by ``today``, if any."""
        age = months_between(last_checked, today)
        return next((stage for stage in STAGES if age >= self.threshold(stage)), None)

    def describe(self) -> str:
        """The three stages in one plain sentence."""
        return (
            f"Due a check means not checked for {months_text(self.threshold('due'))} or more; "
            f"overdue, {months_text(self.threshold('overdue'))} or more; "
            f"very overdue, {months_text(self.threshold('very-overdue'))} or more."
        )


def months_text(months: int) -> str:
    """``1 month``, ``2 months``: a count of months in words staff read."""
    return "1 month" if months == 1 else f"{months} months"


def default_period(site: SiteSettings) -> ReviewPeriod:
    """The site's review period: ``review_after_days`` as whole months (365 days is 12)."""
    return ReviewPeriod(max(1, round(site.review_after_days / _DAYS_PER_MONTH)))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (14 March to 13 May is one)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


@dataclass(frozen=True)
class ReviewEntry:
    """One activity that is due a check, with what staff need to ring it."""

    record: Record[Asset]
    stage: str
    months: int

    @property
    def asset(self) -> Asset:
        """The activity."""
        return self.record.item

    def contact_lines(self) -> list[str]:
        """Who to ask for and how to reach them, as the entry has them."""
        contact = self.asset.contact
        parts = [("Ask for", contact.name), ("Phone", contact.phone), ("Email", contact.email), ("Website", contact.website)]
        return [f"{label}: {value}" for label, value in parts if value] + ([contact.note] if contact.note else [])

    def summary(self) -> str:
        """``last checked 14 March 2026 (20 months ago)``."""
        return f"last checked {humanize.short_date(self.asset.last_checked)} ({months_text(self.months)} ago)"


def review_entries(content: Content, period: ReviewPeriod) -> list[ReviewEntry]:
    """Every activity that has reached a stage, by stage (most urgent first), area and age (oldest first)."""
    entries = []
    for record in content.assets.values():
        asset = record.item
        if asset.draft or asset.is_closed:
            continue
        stage = period.stage_of(asset.last_checked, content.today)
        if stage is not None:
            entries.append(ReviewEntry(record, stage, months_between(asset.last_checked, content.today)))
    areas = list(content.areas)
    return sorted(entries, key=lambda entry: _order(entry, areas))


def _order(entry: ReviewEntry, areas: list[str]) -> tuple:
    area = areas.index(entry.asset.area) if entry.asset.area in areas else len(areas)
    return (STAGES.index(entry.stage), area, entry.asset.last_checked, entry.asset.name.casefold(), entry.record.stem)


def by_stage_and_area(content: Content, entries: Iterable[ReviewEntry]) -> dict[str, dict[str, list[ReviewEntry]]]:
    """Entries grouped by stage (every stage, even an empty one), then by area name."""
    groups: dict[str, dict[str, list[ReviewEntry]]] = {stage: {} for stage in STAGES}
    for entry in entries:
        area = content.areas.get(entry.asset.area)
        name = area.item.name if area else entry.asset.area
        groups[entry.stage].setdefault(name, []).append(entry)
    return groups
