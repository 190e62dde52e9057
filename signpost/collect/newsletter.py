"""A newsletter issue's items, as a reader sees them on the issue's page and in its email.

An issue names news posts, events and stories by file name. Here each one
becomes an :class:`IssueEntry`: its kind, title, summary, facts, the
editor's comment and its address.
"""

from __future__ import annotations

from dataclasses import dataclass

from signpost.core import humanize
from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS
from signpost.models import NewsletterIssue

# Said when every item an issue listed has been taken off the site (as in _newsletter.html).
NO_ENTRIES = "The items in this issue are no longer on the website."
# What each kind's link in an issue invites people to do.
_ACTIONS = {"news": "Read the news", "event": "See the event", "case_study": "Read the story"}


@dataclass(frozen=True)
class IssueEntry:
    """One item of an issue, as a reader sees it."""

    kind: str
    label: str
    title: str
    url: str
    summary: str
    facts: tuple[tuple[str, str], ...]
    comment: str | None
    action: str
    notice: str | None = None


def issue_entries(issue: NewsletterIssue, content: Content) -> list[IssueEntry]:
    """The issue's items, in its order, from the public ``content``.

    An item whose record is not published (consent withdrawn, a draft) is
    left out, with its comment: the content checks warn staff, and the
    page and both emails go out without it.
    """
    return [
        _entry(item.kind, record, item.comment)
        for item in issue.items
        for record in content.shown(KINDS[item.kind].attribute, [item.stem])
    ]


def _entry(kind: str, record: Record, comment: str | None) -> IssueEntry:
    thing = record.item
    label, action = KINDS[kind].label, _ACTIONS[kind]
    url = KINDS[kind].url(record.stem)
    notice = None
    facts: tuple[tuple[str, str], ...]
    if kind == "news":
        summary, facts = thing.description, (("Posted", humanize.short_date(thing.date)),)
    elif kind == "event":
        summary = thing.summary
        facts = (
            ("When", humanize.event_when(thing.start_local, thing.end_local)),
            ("Where", _place(thing)),
            ("Cost", humanize.cost_sentence(thing.cost)),
        )
        if thing.status != "scheduled":
            notice = f"This event has been {thing.status}."
    else:
        summary, facts = thing.summary, (("Setting", thing.setting),)
    return IssueEntry(kind, label, KINDS[kind].title(thing), url, summary, facts, comment, action, notice)


def _place(event) -> str:
    if event.venue is None:
        return "Online"
    venue = event.venue
    where = ", ".join(part for part in (venue.venue, venue.address) if part)
    where = f"{where} {venue.postcode}" if venue.postcode else where
    return f"{where} (or online)" if event.online else where
