"""Which dates a session meets on: the next dates, and what a date looks like to a filter.

Fortnightly sessions are pinned to the weeks of their ``meets_on`` date;
monthly ones to the first to fourth or last of their weekdays in a month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from signpost.models.schedule import WEEKDAYS, Schedule, Session

# Any Monday will do: weeks are counted from it to tell fortnights apart.
_EPOCH_MONDAY = dt.date(2000, 1, 3)
_ORDINALS = ("first", "second", "third", "fourth")
# How far ahead to look for the next dates: a year and a bit covers any pattern.
_HORIZON = dt.timedelta(days=400)


def week_parity(day: dt.date) -> int:
    """0 or 1: which of two alternating weeks ``day`` falls in (weeks start on Monday)."""
    return ((day - _EPOCH_MONDAY).days // 7) % 2


def weeks_of_month(day: dt.date) -> set[str]:
    """Where ``day`` falls among its weekdays in the month: {'second'}, or {'fourth', 'last'}."""
    weeks = {_ORDINALS[(day.day - 1) // 7]} if day.day <= 28 else set()
    if (day + dt.timedelta(days=7)).month != day.month:
        weeks.add("last")
    return weeks


def meets(session: Session, day: dt.date) -> bool:
    """True when ``session`` meets on ``day``."""
    if session.repeats == "once":
        return day in session.dates
    if session.repeats == "daily":
        return True
    if WEEKDAYS[day.weekday()] not in session.days:
        return False
    if session.repeats == "fortnightly":
        return session.meets_on is not None and week_parity(day) == week_parity(session.meets_on)
    if session.repeats == "monthly":
        return bool(weeks_of_month(day) & set(session.weeks))
    return True


def next_dates(session: Session, today: dt.date, count: int = 3) -> list[dt.date]:
    """The next ``count`` dates the session meets on, from ``today`` on."""
    if session.repeats == "once":
        return [day for day in sorted(session.dates) if day >= today][:count]
    found = []
    for day in _days(today, today + _HORIZON):
        if meets(session, day):
            found.append(day)
            if len(found) == count:
                break
    return found


def next_meeting(schedule: Schedule, today: dt.date) -> dt.date | None:
    """The soonest date any session meets on, from ``today`` on."""
    dates = [dates[0] for session in schedule.sessions if (dates := next_dates(session, today, 1))]
    return min(dates, default=None)


def time_of_day(session: Session) -> str:
    """morning (starts before 12:00), afternoon (12:00 to 16:59) or evening (17:00 or later)."""
    if session.starts.hour < 12:
        return "morning"
    return "afternoon" if session.starts.hour < 17 else "evening"


def session_weekdays(session: Session) -> list[str]:
    """The weekdays a session can fall on, in week order."""
    if session.repeats == "daily":
        return list(WEEKDAYS)
    if session.repeats == "once":
        return [day for day in WEEKDAYS if day in {WEEKDAYS[date.weekday()] for date in session.dates}]
    return [day for day in WEEKDAYS if day in session.days]


def meeting_days(schedule) -> list[str]:
    """The weekdays any of a schedule's sessions can fall on, in week order."""
    days = {day for session in schedule.sessions for day in session_weekdays(session)}
    return [day for day in WEEKDAYS if day in days]


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)
