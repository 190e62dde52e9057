"""Sessions to Open Referral schedules (RFC 5545 rules) and back.

Ours → theirs:
- weekly: ``freq: WEEKLY``, ``byday: TU,TH``;
- fortnightly: ``freq: WEEKLY``, ``interval: 2``, ``dtstart`` the ``meets_on``
  date and ``wkst: MO`` (our weeks start on Monday, so the same weeks meet);
- monthly: ``freq: MONTHLY``, ``byday: 1TH,-1TH`` (first and last Thursday);
- daily: ``freq: WEEKLY`` on all seven days (the UK profile has no DAILY);
- once: one schedule per date, ``count: 1`` from ``dtstart``, with
  ``valid_from`` and ``valid_to`` the same day.
Each carries the session in words (``description``), the schedule's note
(``notes``) and how people take part (``attending_type``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import ValidationError

from signpost.core import humanize
from signpost.models.schedule import WEEKDAYS, Schedule, Session
from signpost.opendata.schedule_text import parse_clock

BYDAY = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))
DAY_OF = {code: day for day, code in BYDAY.items()}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
WEEK_OF = {number: week for week, number in ORDINAL.items()}


def schedules_out(schedule: Schedule, new_id: Callable[[int], str], attending: str | None) -> list[dict]:
    """The Open Referral schedules of one asset's schedule."""
    # Each date of a one-off session becomes a schedule of its own.
    sessions = _one_date_each(schedule.sessions)
    found = [{**_rule(session), **_words(session, schedule.note, attending)} for session in sessions]
    if not found and schedule.note:
        found.append({"notes": schedule.note})
    return [{"id": new_id(number), **item} for number, item in enumerate(found, start=1)]


def _one_date_each(sessions: list[Session]) -> list[Session]:
    found: list[Session] = []
    for session in sessions:
        if session.repeats == "once":
            found.extend(session.model_copy(update={"dates": [day]}) for day in session.dates)
        else:
            found.append(session)
    return found


def _rule(session: Session) -> dict:
    if session.repeats == "once":
        day = session.dates[0].isoformat()
        return {"freq": "WEEKLY", "count": 1, "dtstart": day, "valid_from": day, "valid_to": day}
    days = WEEKDAYS if session.repeats == "daily" else session.days
    if session.repeats == "monthly":
        byday = [f"{ORDINAL[week]}{BYDAY[day]}" for week in session.weeks for day in days]
        return {"freq": "MONTHLY", "interval": 1, "byday": ",".join(byday)}
    rule = {"freq": "WEEKLY", "interval": 2 if session.repeats == "fortnightly" else 1, "byday": ",".join(BYDAY[d] for d in days)}
    if session.repeats == "fortnightly":
        assert session.meets_on is not None  # Session's validation asks every fortnightly session for it
        rule.update(dtstart=session.meets_on.isoformat(), wkst="MO")
    return rule


def _words(session: Session, note: str | None, attending: str | None) -> dict:
    words = {"opens_at": session.starts.strftime("%H:%M")}
    if session.ends is not None:
        words["closes_at"] = session.ends.strftime("%H:%M")
    words["description"] = humanize.session_text(session)
    if note:
        words["notes"] = note
    if attending:
        words["attending_type"] = attending
    return words


# --- Theirs → ours -----------------------------------------------------------


def sessions_in(schedules: list, today: dt.date) -> tuple[list[dict], list[str], list[str]]:
    """Sessions (as content-file fields), note texts and problems from Open Referral schedules."""
    sessions: list[dict] = []
    notes: list[str] = []
    problems: list[str] = []
    for number, schedule in enumerate(schedules, start=1):
        if not isinstance(schedule, dict):
            problems.append(f"schedules[{number}]: is not a schedule — it is left out")
            continue
        found, problem = _sessions_of(schedule, today)
        if problem:
            problems.append(f"schedules[{number}]: {problem}")
        checked = [session for session in found if _valid(session)]
        if len(checked) < len(found):
            problems.append(f"schedules[{number}]: its times do not make sense — it is kept as a note; check it")
        sessions.extend(checked)
        notes.extend(_texts(schedule, checked, fallback=not found or len(checked) < len(found)))
    return _merge_once(sessions), list(dict.fromkeys(notes)), problems


def _valid(session: dict) -> bool:
    try:
        Session.model_validate(session)
    except ValidationError:
        return False
    return True


def _texts(schedule: dict, sessions: list[dict], fallback: bool) -> list[str]:
    """The schedule's notes, and its description unless it only says what the sessions say."""
    ours = {humanize.session_text(Session.model_validate(session)) for session in sessions}
    texts = [_text(schedule.get("notes"))]
    description = _text(schedule.get("description"))
    if description and (description not in ours or fallback):
        texts.append(description)
    if fallback and not any(texts):
        texts.append(_raw_words(schedule))
    return [text for text in texts if text]


def _text(value) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def _raw_words(schedule: dict) -> str:
    parts = [_text(schedule.get(key)) for key in ("freq", "byday", "bymonthday", "opens_at", "closes_at")]
    return " ".join(part for part in parts if part)


def _sessions_of(schedule: dict, today: dt.date) -> tuple[list[dict], str | None]:
    times = _times(schedule)
    if times is None:
        has_rule = any(schedule.get(key) for key in ("freq", "byday", "opens_at", "dtstart"))
        return [], "has no opening time we can read — it is kept as a note; add the times by hand" if has_rule else None
    once = _once_date(schedule)
    if once is not None:
        return [{"repeats": "once", "dates": [once.isoformat()], **times}], None
    pattern, problem = _pattern(schedule)
    if pattern is None:
        return [], problem
    ended = _date(schedule.get("valid_to"))
    warning = f"stopped on {ended.isoformat()} — check it still meets" if ended and ended < today else None
    return [{**part, **times} for part in pattern], problem or warning


def _times(schedule: dict) -> dict | None:
    opens = parse_clock(_clock_text(schedule.get("opens_at")))
    if opens is None:
        return None
    closes = parse_clock(_clock_text(schedule.get("closes_at")))
    return {"starts": opens, **({"ends": closes} if closes else {})}


def _clock_text(value) -> str:
    # "10:00:00", "10:00Z" and "10:00+01:00" all mean ten o'clock here: the UK profile has no time zones.
    text = _text(value)
    return text[:5] if len(text) >= 5 and text[2] == ":" else text


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_text(value)[:10])
    except ValueError:
        return None


def _once_date(schedule: dict) -> dt.date | None:
    start, first, last = (_date(schedule.get(key)) for key in ("dtstart", "valid_from", "valid_to"))
    if schedule.get("count") in (1, "1") and (start or first):
        return start or first
    if first and first == last and not schedule.get("byday"):
        return first
    return None


def _pattern(schedule: dict) -> tuple[list[dict] | None, str | None]:
    freq = _text(schedule.get("freq")).upper() or ("WEEKLY" if schedule.get("byday") else "")
    tokens = [token.strip().upper() for token in _text(schedule.get("byday")).split(",") if token.strip()]
    if _text(schedule.get("bymonthday")) and freq == "MONTHLY":
        return None, "meets on dates of the month, which Signpost cannot show — it is kept as a note"
    if not tokens:
        return None, "has no days of the week — it is kept as a note; add the days by hand"
    interval = _whole(schedule.get("interval")) or 1
    if freq == "WEEKLY":
        return _weekly(tokens, interval, _date(schedule.get("dtstart")))
    if freq == "MONTHLY" and interval == 1:
        return _monthly(tokens)
    return None, f"repeats '{freq}' every {interval}, which Signpost cannot show — it is kept as a note"


def _whole(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _weekly(tokens: list[str], interval: int, start: dt.date | None) -> tuple[list[dict] | None, str | None]:
    days = [DAY_OF.get(token[-2:]) for token in tokens]
    if None in days:
        return None, f"has days we do not know ({', '.join(tokens)}) — it is kept as a note"
    days = list(dict.fromkeys(days))
    if interval == 1:
        return ([{"repeats": "daily"}] if set(days) == set(WEEKDAYS) else [{"repeats": "weekly", "days": days}]), None
    if interval != 2:
        return None, f"repeats every {interval} weeks, which Signpost cannot show — it is kept as a note"
    if start is None:
        return None, "repeats every other week but gives no start date (dtstart) to tell which weeks — it is kept as a note"
    # The listed day in the same Monday-to-Sunday week as the start meets too.
    monday = start - dt.timedelta(days=start.weekday())
    meets_on = monday + dt.timedelta(days=WEEKDAYS.index(days[0]))
    return [{"repeats": "fortnightly", "days": days, "meets_on": meets_on.isoformat()}], None


def _monthly(tokens: list[str]) -> tuple[list[dict] | None, str | None]:
    weeks_by_day: dict[str, list[str]] = {}
    for token in tokens:
        number, day = _whole(token[:-2] or "0"), DAY_OF.get(token[-2:])
        if day is None or (number not in WEEK_OF and number != 0):
            return None, f"meets on '{token}', which Signpost cannot show — it is kept as a note"
        if number == 0:
            return [{"repeats": "weekly", "days": [day]}], None
        weeks_by_day.setdefault(day, []).append(WEEK_OF[number])
    # Days that share the same weeks make one session: "first and third Monday and Tuesday".
    sessions: dict[tuple[str, ...], list[str]] = {}
    for day, weeks in weeks_by_day.items():
        sessions.setdefault(tuple(dict.fromkeys(weeks)), []).append(day)
    return [{"repeats": "monthly", "weeks": list(weeks), "days": days} for weeks, days in sessions.items()], None


def _merge_once(sessions: list[dict]) -> list[dict]:
    """One-off sessions next to each other with the same times become one session with several dates."""
    merged: list[dict] = []
    for session in sessions:
        last = merged[-1] if merged else None
        if (
            last is not None
            and session["repeats"] == last["repeats"] == "once"
            and (session["starts"], session.get("ends")) == (last["starts"], last.get("ends"))
        ):
            last["dates"] = [*last["dates"], *session["dates"]]
        else:
            merged.append(dict(session))
    return merged
