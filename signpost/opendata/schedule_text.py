"""Sessions as plain words for a spreadsheet, and the same words read back.

The words are the ones the site shows ("Every Tuesday, 6:30pm to 8pm"), with
the date of one meeting added to a fortnightly session so the weeks it meets
survive a trip through a spreadsheet. The reader also takes common variants
a person might type ("18:30-20:00", "Tuesdays").
"""

from __future__ import annotations

import datetime as dt
import re

from signpost.core import humanize
from signpost.models.schedule import WEEKDAYS, Session

WEEK_WORDS = ("first", "second", "third", "fourth", "last")
_WEEK_ALIASES = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_RANGE_SPLIT = re.compile(r"\s*(?:\bto\b|-|–|—)\s*")


def session_words(session: Session) -> str:
    """One session in words; a fortnightly one names a date it meets on."""
    text = humanize.session_text(session)
    if session.repeats != "fortnightly" or session.meets_on is None:
        return text
    when, _, times = text.rpartition(", ")
    return f"{when} (including {humanize.long_date(session.meets_on)}), {times}"


def parse_session(text: str) -> dict | None:
    """The session fields (as written in a content file) that ``text`` describes, or None."""
    when, separator, times = text.strip().rstrip(".").rpartition(", ")
    if not separator:
        return None
    clock = parse_times(times)
    pattern = _parse_when(when.strip())
    if clock is None or pattern is None:
        return None
    starts, ends = clock
    return {**pattern, "starts": starts, **({"ends": ends} if ends else {})}


def parse_times(text: str) -> tuple[str, str | None] | None:
    """``'6:30pm to 8pm'`` → ``('18:30', '20:00')``; ``'from 10am'`` → ``('10:00', None)``."""
    text = text.strip().lower()
    if text.startswith("from "):
        start = parse_clock(text[5:])
        return (start, None) if start else None
    parts = _RANGE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 1:
        start = parse_clock(parts[0])
        return (start, None) if start else None
    first, second = parts[0].strip(), parts[1].strip()
    start, end = parse_clock(first), parse_clock(second)
    if start is None and end and re.fullmatch(r"\d{1,2}(?:[:.]\d{2})?", first) and second.endswith(("am", "pm")):
        # "7 to 9pm": the start borrows the end's am or pm, unless that puts it after the end.
        start = parse_clock(first + second[-2:])
        if start and start > end:
            start = parse_clock(first + "am")
    return (start, end) if start and end else None


def parse_clock(text: str) -> str | None:
    """``'6:30pm'``, ``'6.30 pm'``, ``'18:30'``, ``'12 noon'``, ``'midnight'`` → ``'HH:MM'``; else None."""
    text = text.strip().lower().replace(".", ":")
    if text in ("noon", "12 noon", "midday"):
        return "12:00"
    if text == "midnight":
        return "00:00"
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(am|pm)?", text)
    if not match:
        return None
    hour, minute, meridiem = int(match[1]), int(match[2] or 0), match[3]
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif match[2] is None and hour > 0:
        return None  # a bare "7" is not a time we can trust
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _parse_when(text: str) -> dict | None:
    lowered = text.lower()
    if lowered in ("every day", "daily", "each day"):
        return {"repeats": "daily"}
    match = re.fullmatch(r"every other (.+?)(?: \(including (.+)\))?", lowered)
    if match:
        days, meets_on = parse_days(match[1]), parse_date(match[2] or "")
        return {"repeats": "fortnightly", "days": days, "meets_on": meets_on.isoformat()} if days and meets_on else None
    match = re.fullmatch(r"(?:the )?(.+?) (\S+) of (?:the|each|every) month", lowered)
    if match:
        return _monthly(match[1], match[2])
    match = re.fullmatch(r"(?:every |each |on )?(.+)", lowered)
    days = parse_days(match[1]) if match else None
    if days:
        return {"repeats": "weekly", "days": days}
    parts = _LIST_SPLIT.split(text)
    dates = [day for day in map(parse_date, parts) if day is not None]
    if dates and len(dates) == len(parts):
        return {"repeats": "once", "dates": [day.isoformat() for day in dates]}
    return None


def _monthly(weeks_text: str, days_text: str) -> dict | None:
    # "first and third Thursday": the last word of the first group may be a
    # day when several days are listed ("first Monday and Tuesday").
    words = _LIST_SPLIT.split(f"{weeks_text} {days_text}")
    weeks, days = [], []
    for word in words:
        for token in word.split():
            token = _WEEK_ALIASES.get(token, token)
            if token in WEEK_WORDS:
                weeks.append(token)
            elif (day := _weekday(token)) is not None:
                days.append(day)
            else:
                return None
    if not weeks or not days:
        return None
    return {"repeats": "monthly", "weeks": list(dict.fromkeys(weeks)), "days": list(dict.fromkeys(days))}


def parse_days(text: str) -> list[str] | None:
    """``'Tuesday and Thursday'`` → ``['tuesday', 'thursday']``; None unless every part is a day."""
    parts = [part for part in _LIST_SPLIT.split(text.strip()) if part]
    days = [day for day in map(_weekday, parts) if day is not None]
    if not days or len(days) < len(parts):
        return None
    return list(dict.fromkeys(days))


def _weekday(word: str) -> str | None:
    word = word.strip().lower()
    for day in WEEKDAYS:
        if word in (day, day + "s") or (len(word) >= 3 and day.startswith(word.rstrip("."))):
            return day
    return None


def parse_date(text: str) -> dt.date | None:
    """``'Friday 8 February 2013'``, ``'8 February 2013'``, ``'2013-02-08'`` or ``'08/02/2013'`` → a date."""
    text = re.sub(r"\s+", " ", text.strip())
    if not text:
        return None
    words = text.split(" ")
    if words and _weekday(words[0]) and len(words) == 4:
        text = " ".join(words[1:])
    for form in ("%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None
