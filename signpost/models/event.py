"""An event that people can come to: a seminar, workshop or talk."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import zoneinfo
from typing import Annotated, Literal

from dateutil.rrule import rrule, rruleset, rrulestr
from pydantic import AfterValidator, Field, field_validator, model_validator

from signpost.models.common import Cost, Email, Line, LocalDateTime, Place, Strict, Text, Url, field_error

# What a repeat rule (RFC 5545 RRULE) may say here. Repeating more often
# than once a day, or by the hour, is not something a community event does.
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
RULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "WKST")
_RULE_EXAMPLE = (
    "write it like FREQ=MONTHLY;BYDAY=2WE (the second Wednesday of every month) or FREQ=WEEKLY;BYDAY=TU (every Tuesday)"
)
_DAY_HINT = "days are MO, TU, WE, TH, FR, SA and SU, with a number in front for the week of the month: 2WE is the second Wednesday, -1FR the last Friday"
_PART_HINTS = {
    "BYDAY": _DAY_HINT,
    "WKST": _DAY_HINT,
    "INTERVAL": "write a whole number of 1 or more, for example INTERVAL=2 for every other week",
    "COUNT": "write how many times it happens in all, for example COUNT=6",
    "UNTIL": "write the last date as YYYYMMDD, for example UNTIL=20270630",
    "BYMONTHDAY": "write days of the month as numbers, for example BYMONTHDAY=15",
    "BYMONTH": "write months as numbers from 1 to 12, for example BYMONTH=1,2,3",
}


def _normal_rule(value: str) -> str:
    """Check a repeat rule's words and return it tidied (upper case, no 'RRULE:')."""
    text = re.sub(r"\s+", "", value).upper()
    text = text.removeprefix("RRULE:").strip(";")
    if not text:
        raise ValueError(f"is empty; {_RULE_EXAMPLE}")
    parts: dict[str, str] = {}
    for part in text.split(";"):
        key, equals, rest = part.partition("=")
        if not equals or not key or not rest:
            raise ValueError(f"'{value}' is not a repeat rule we can read; {_RULE_EXAMPLE}")
        if key not in RULE_PARTS:
            guess = difflib.get_close_matches(key, RULE_PARTS, n=1, cutoff=0.6)
            hint = (
                f"did you mean {guess[0]}?"
                if guess
                else "use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, COUNT or UNTIL"
            )
            raise ValueError(f"'{key}' is not part of a repeat rule; {hint}")
        if key in parts:
            raise ValueError(f"says {key} twice; keep one")
        parts[key] = rest
    frequency = parts.get("FREQ")
    if frequency is None:
        raise ValueError("does not say how often (FREQ); start it with FREQ=WEEKLY, FREQ=MONTHLY, FREQ=YEARLY or FREQ=DAILY")
    if frequency not in FREQUENCIES:
        guess = difflib.get_close_matches(frequency, FREQUENCIES, n=1, cutoff=0.5)
        if frequency in ("HOURLY", "MINUTELY", "SECONDLY"):
            raise ValueError(
                f"FREQ={frequency} repeats more than once a day; an event can repeat DAILY, WEEKLY, MONTHLY or YEARLY"
            )
        hint = f"did you mean FREQ={guess[0]}?" if guess else "use DAILY, WEEKLY, MONTHLY or YEARLY"
        raise ValueError(f"FREQ={frequency} is not a frequency we know; {hint}")
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValueError("gives both COUNT and UNTIL; keep one: COUNT for how many times, or UNTIL for the last date")
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_text(parts["UNTIL"])
    for key, rest in parts.items():
        if key in ("FREQ", "UNTIL"):
            continue
        try:
            rrulestr(f"FREQ={frequency};{key}={rest}", dtstart=dt.datetime(2027, 1, 1))
        except (ValueError, TypeError, IndexError, KeyError):
            raise ValueError(f"'{key}={rest}' cannot be read; {_PART_HINTS.get(key, _RULE_EXAMPLE)}") from None
    for key in ("INTERVAL", "COUNT"):
        if key in parts and not (parts[key].isdigit() and 1 <= int(parts[key]) <= 1000):
            raise ValueError(f"'{key}={parts[key]}' cannot be read; {_PART_HINTS[key]}")
    return ";".join(f"{key}={rest}" for key, rest in parts.items())


def _until_text(value: str) -> str:
    """UNTIL as RFC 5545 writes it (20270630, 20270630T190000 or ...Z); 2027-06-30 is read too."""
    text = value.replace("-", "").replace(":", "")
    try:
        if not re.fullmatch(r"\d{8}(T\d{6}Z?)?", text):
            raise ValueError
        dt.datetime.strptime(text[:15].rstrip("Z"), "%Y%m%dT%H%M%S" if "T" in text else "%Y%m%d")
    except ValueError:
        raise ValueError(f"'UNTIL={value}' cannot be read; {_PART_HINTS['UNTIL']}") from None
    return text


RepeatRule = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_normal_rule)]


def rule_parts(rule: str) -> dict[str, str]:
    """A checked repeat rule as its parts: ``{"FREQ": "MONTHLY", "BYDAY": "2WE"}``."""
    return dict(part.split("=", 1) for part in rule.split(";"))


def rule_until(rule: str, zone: str) -> dt.datetime | None:
    """The rule's UNTIL as an aware time: a date alone means the end of that day, in the event's zone."""
    until = rule_parts(rule).get("UNTIL")
    if until is None:
        return None
    tz = zoneinfo.ZoneInfo(zone)
    if "T" not in until:
        day = dt.datetime.strptime(until[:8], "%Y%m%d").date()
        return dt.datetime.combine(day, dt.time(23, 59, 59), tz)
    moment = dt.datetime.strptime(until.rstrip("Z"), "%Y%m%dT%H%M%S")
    return moment.replace(tzinfo=dt.UTC).astimezone(tz) if until.endswith("Z") else moment.replace(tzinfo=tz)


@functools.lru_cache(maxsize=256)
def _dates(rule: str, start: dt.datetime, zone: str) -> rrule | rruleset:
    """The rule's start times, in local wall-clock time (a naive ``start``)."""
    parts = rule_parts(rule)
    until = rule_until(rule, zone)
    if until is not None:
        parts["UNTIL"] = until.replace(tzinfo=None).strftime("%Y%m%dT%H%M%S")
    return rrulestr(";".join(f"{key}={value}" for key, value in parts.items()), dtstart=start)


class Booking(Strict):
    """How to book a place."""

    required: bool = Field(True, description="true if people must book.")
    url: Url | None = Field(None, description="The booking page.")
    email: Email | None = Field(None, description="Email address to book by.")
    deadline: dt.date | None = Field(None, description="Last day to book, as YYYY-MM-DD.")
    limited_places: bool = Field(False, description="true if places are limited.")
    full: bool = Field(False, description="true when every place has been taken.")


class Organiser(Strict):
    """Who runs the event."""

    name: Line = Field(description="The organising team or body.")
    email: Email | None = Field(None, description="Contact email.")
    website: Url | None = Field(None, description="The organiser's website.")


class Event(Strict):
    """A dated event with a page, a calendar entry and a flyer."""

    title: Line = Field(description="The event's name.")
    summary: Line = Field(description="One plain sentence saying what it is.")
    start: LocalDateTime = Field(description="Start, as 'YYYY-MM-DD HH:MM' (local time). For a repeating event, the first time.")
    end: LocalDateTime = Field(
        description="End, as 'YYYY-MM-DD HH:MM' (local time). For a repeating event, the end of the first time."
    )
    timezone: str = Field("Europe/London", description="The time zone of start and end.")
    repeats: RepeatRule | None = Field(
        None,
        description="For an event that repeats: a calendar repeat rule, for example 'FREQ=MONTHLY;BYDAY=2WE' "
        "(the second Wednesday of every month) or 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' (six Tuesdays).",
    )
    venue: Place | None = Field(None, description="Where it happens.")
    online: Url | None = Field(None, description="Link to join online.")
    cost: Cost = Field(description="What it costs.")
    booking: Booking | None = Field(None, description="How to book, if booking is needed.")
    audience: Line | None = Field(None, description="Who it is for, for example 'Practitioners and managers'.")
    organiser: Organiser = Field(description="Who runs it.")
    status: Literal["scheduled", "cancelled", "postponed"] = Field("scheduled", description="scheduled, cancelled or postponed.")
    new_start: LocalDateTime | None = Field(
        None, description="For a postponed event: the new start, as 'YYYY-MM-DD HH:MM'. Leave out until the new date is known."
    )
    new_end: LocalDateTime | None = Field(
        None, description="For a postponed event: the new end, as 'YYYY-MM-DD HH:MM' (if left out, it lasts as long as before)."
    )
    draft: bool = Field(False, description="true to keep it off the site while you work on it.")
    staff_notes: Text | None = Field(None, description="Notes for staff only. Never published.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except Exception:  # zoneinfo raises several kinds for odd names
            raise ValueError("is not a time zone name; use a name such as Europe/London") from None
        return value

    @model_validator(mode="after")
    def _coherent(self) -> Event:
        if self.venue is None and self.online is None:
            raise ValueError("needs a venue or an online link")
        if self.end_local <= self.start_local:
            when = "is the same as" if self.end_local == self.start_local else "is before"
            raise field_error(
                "end",
                f"{self.end:%Y-%m-%d %H:%M} {when} the start, {self.start:%Y-%m-%d %H:%M}; "
                "check the date and time, and use the 24-hour clock (14:00 for 2pm)",
            )
        self._new_date_fits()
        self._rule_fits()
        return self

    def _new_date_fits(self) -> None:
        if self.new_start is None:
            if self.new_end is not None:
                raise field_error("new_end", "is set but new_start is not; add new_start: with the new start, or remove new_end")
            return
        if self.status != "postponed":
            raise field_error("new_start", "is only for postponed events; set 'status: postponed', or remove new_start")
        if self.repeats is not None:
            raise field_error("new_start", "cannot move a repeating event; change start (and end) instead")
        if self.ends_at <= self.starts_at:
            raise field_error("new_end", "ends before the new start; check the new dates and times")

    def _rule_fits(self) -> None:
        if self.repeats is None:
            return
        first = _dates(self.repeats, self.start, self.timezone).after(self.start, inc=True)
        if first is None:
            raise field_error("repeats", "gives no dates from the start on; check UNTIL or COUNT")
        if first != self.start:
            raise field_error(
                "repeats",
                f"does not include the start, {_words(self.start)}; "
                f"set start to the first date it gives, {_words(first)}, or change the rule",
            )

    @property
    def start_local(self) -> dt.datetime:
        """The start as an aware datetime in the event's time zone."""
        return _aware(self.start, self.timezone)

    @property
    def end_local(self) -> dt.datetime:
        """The end as an aware datetime in the event's time zone."""
        return _aware(self.end, self.timezone)

    @property
    def rescheduled(self) -> bool:
        """True when the event was postponed and its new date is known."""
        return self.status == "postponed" and self.new_start is not None

    @property
    def starts_at(self) -> dt.datetime:
        """When it starts now: the new start of a postponed event, else the (first) start."""
        return _aware(self.new_start, self.timezone) if self.new_start is not None else self.start_local

    @property
    def ends_at(self) -> dt.datetime:
        """When it ends now: the new end (or the new start plus the old length), else the (first) end."""
        if self.new_end is not None:
            return _aware(self.new_end, self.timezone)
        if self.new_start is not None:
            return _aware(self.new_start + (self.end - self.start), self.timezone)
        return self.end_local

    @property
    def length(self) -> dt.timedelta:
        """How long each time lasts."""
        return self.end - self.start

    def occurrences(self, today: dt.date, count: int = 1) -> list[tuple[dt.datetime, dt.datetime]]:
        """The next ``count`` (start, end) times that end on ``today`` or later."""
        if self.repeats is None:
            return [(self.starts_at, self.ends_at)][:count] if self.ends_at.date() >= today else []
        rule = _dates(self.repeats, self.start, self.timezone)
        # A time that started before today may still be going on today.
        moment = dt.datetime.combine(today, dt.time(0, 0)) - self.length
        found = []
        for start in rule.xafter(moment, count=count + 1, inc=True):
            end = start + self.length
            if end.date() >= today:
                found.append((_aware(start, self.timezone), _aware(end, self.timezone)))
            if len(found) == count:
                break
        return found

    def last_occurrence(self) -> tuple[dt.datetime, dt.datetime] | None:
        """The last time, for an event that stops (no rule, or a rule with COUNT or UNTIL); else None."""
        if self.repeats is None:
            return self.starts_at, self.ends_at
        parts = rule_parts(self.repeats)
        if "COUNT" not in parts and "UNTIL" not in parts:
            return None
        last = _dates(self.repeats, self.start, self.timezone).before(dt.datetime.max, inc=True)
        assert last is not None  # the model's validation turns away a rule that gives no dates
        return _aware(last, self.timezone), _aware(last + self.length, self.timezone)

    def is_over(self, today: dt.date) -> bool:
        """True when the event (every time it happens) ended before ``today``."""
        return not self.occurrences(today)

    def when(self, today: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The start and end a visitor is shown on ``today``.

        The next time of a repeating event (its last once all have passed),
        the new date of a postponed one, else the start and end.
        """
        upcoming = self.occurrences(today)
        if upcoming:
            return upcoming[0]
        return self.last_occurrence() or (self.starts_at, self.ends_at)

    @property
    def zone_label(self) -> str:
        """What to call the time zone in words: 'UK time' for Europe/London, else the zone's name."""
        return "UK time" if self.timezone in ("Europe/London", "GB", "GB-Eire") else f"{self.timezone} time"


def _aware(moment: dt.datetime, zone: str) -> dt.datetime:
    tz = zoneinfo.ZoneInfo(zone)
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def _words(moment: dt.datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"
