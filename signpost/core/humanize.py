"""Turn structured facts into short, plain English for the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from signpost.models.common import Cost
from signpost.models.schedule import Schedule, Session


def join_words(words: Sequence[str]) -> str:
    """``['a', 'b', 'c']`` → ``'a, b and c'``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def clock(moment: dt.time) -> str:
    """``18:30`` → ``6:30pm``; ``12:00`` → ``12 noon``; ``00:00`` → ``midnight``."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def long_date(day: dt.date) -> str:
    """``2013-02-08`` → ``Friday 8 February 2013``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_and_date(day: dt.date, today: dt.date | None = None) -> str:
    """``Tuesday 24 November``, with the year when it is not ``today``'s year."""
    year = f" {day.year}" if today is None or day.year != today.year else ""
    return f"{day:%A} {day.day} {day:%B}{year}"


def short_date(day: dt.date) -> str:
    """``2013-02-08`` → ``8 February 2013``."""
    return f"{day.day} {day:%B %Y}"


def time_range(starts: dt.time, ends: dt.time | None) -> str:
    """``6:30pm to 8pm``, or ``from 6:30pm`` when there is no end time."""
    return f"{clock(starts)} to {clock(ends)}" if ends else f"from {clock(starts)}"


def session_text(session: Session) -> str:
    """One session in words, for example 'Every Tuesday, 6:30pm to 8pm'."""
    days = join_words([day.capitalize() for day in session.days])
    when = {
        "daily": "Every day",
        "weekly": f"Every {days}",
        "fortnightly": f"Every other {days}",
        "monthly": f"The {join_words(session.weeks)} {days} of the month",
        "once": join_words([long_date(day) for day in session.dates]),
    }[session.repeats]
    return f"{when}, {time_range(session.starts, session.ends)}"


def schedule_lines(schedule: Schedule) -> list[str]:
    """Each session as a line, then the note."""
    return [session_text(session) for session in schedule.sessions] + ([schedule.note] if schedule.note else [])


def schedule_short(schedule: Schedule) -> str:
    """A one-line summary for listings: the days it meets, or the note."""
    if schedule.sessions:
        return session_text(schedule.sessions[0]) + (" (and other times)" if len(schedule.sessions) > 1 else "")
    return schedule.note or ""


def pounds(amount: Decimal) -> str:
    """``Decimal('2.00')`` → ``£2``; ``Decimal('3.5')`` → ``£3.50``."""
    return f"£{amount:,.0f}" if amount == amount.to_integral() else f"£{amount:,.2f}"


def cost_sentence(cost: Cost) -> str:
    """The price with its concessions and note, each said once."""
    parts = [cost_text(cost)]
    parts += [extra for extra in (cost.concessions, cost.note) if extra and extra not in parts]
    return " ".join(part if part.endswith((".", "!", "?")) else part + "." for part in parts)


def event_when(start: dt.datetime, end: dt.datetime) -> str:
    """'Friday 8 February 2013, 9:30am to 2pm', or both dates for a longer event."""
    if start.date() == end.date():
        return f"{long_date(start.date())}, {time_range(start.time(), end.time())}"
    return f"{long_date(start.date())}, {clock(start.time())} to {long_date(end.date())}, {clock(end.time())}"


def cost_text(cost: Cost) -> str:
    """'Free', or the price with what it pays for, for example '£2 a session'."""
    if cost.free:
        return "Free"
    if cost.amount is None:
        return cost.note or "There is a charge"
    per = {
        "session": " a session",
        "week": " a week",
        "month": " a month",
        "term": " a term",
        "year": " a year",
        "course": " for the course",
        "event": "",
    }.get(cost.per or "", "")
    return pounds(cost.amount) + per
