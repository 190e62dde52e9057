"""When an activity meets: a list of regular or one-off sessions."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field, model_validator

from signpost.models.common import ClockTime, Line, Strict, field_error

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WeekOfMonth = Literal["first", "second", "third", "fourth", "last"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)


class Session(Strict):
    """One pattern of meeting, such as 'every Tuesday, 7pm to 9pm'."""

    repeats: Literal["daily", "weekly", "fortnightly", "monthly", "once"] = Field(
        description="How often: daily, weekly, fortnightly, monthly (with weeks:) or once (with dates:)."
    )
    days: list[Weekday] = Field(
        default_factory=list, description="Days of the week, for example [tuesday, thursday]. Not used with daily or once."
    )
    weeks: list[WeekOfMonth] = Field(default_factory=list, description="For monthly: which weeks, for example [first, third].")
    dates: list[dt.date] = Field(default_factory=list, description="For once: the dates, as YYYY-MM-DD.")
    meets_on: dt.date | None = Field(
        None,
        description="For fortnightly: the date of any one meeting, as YYYY-MM-DD, so the site can say which weeks it meets.",
    )
    starts: ClockTime = Field(description="Start time, 24-hour clock, in quotes, for example '19:30'.")
    ends: ClockTime | None = Field(None, description="End time, 24-hour clock, for example '21:00'; '00:00' for midnight.")

    @model_validator(mode="after")
    def _pattern_is_complete(self) -> Session:
        needs_days = self.repeats in ("weekly", "fortnightly", "monthly")
        # Each message names the field to change, so it is shown at that field's line.
        if needs_days and not self.days:
            raise field_error("days", f"repeats {self.repeats} but has no days; add for example 'days: [tuesday]'")
        if not needs_days and self.days:
            raise field_error("days", f"repeats {self.repeats}, so leave out days")
        if (self.repeats == "monthly") != bool(self.weeks):
            raise field_error("weeks", "use weeks: (for example [first, third]) with repeats: monthly, and only then")
        if (self.repeats == "once") != bool(self.dates):
            raise field_error("dates", "use dates: (for example [2027-03-14]) with repeats: once, and only then")
        self._fortnight_is_known()
        # '00:00' as an end time means midnight at the end of the day.
        if self.ends is not None and self.ends <= self.starts and self.ends != dt.time(0, 0):
            when = "is the same as" if self.ends == self.starts else "is before"
            raise field_error(
                "ends",
                f"{self.ends:%H:%M} {when} the start, {self.starts:%H:%M}; "
                "check the times use the 24-hour clock (write midnight as '00:00')",
            )
        return self

    def _fortnight_is_known(self) -> None:
        if self.repeats != "fortnightly":
            if self.meets_on is not None:
                raise field_error("meets_on", "is only for fortnightly sessions; remove it")
            return
        if self.meets_on is None:
            raise field_error(
                "repeats",
                "repeats fortnightly, so we need the date of one meeting to know which weeks; "
                f"add 'meets_on:' with a date it meets, for example {_example_day(self.days[0])}",
            )
        weekday = WEEKDAYS[self.meets_on.weekday()]
        if weekday not in self.days:
            raise field_error(
                "meets_on",
                f"{self.meets_on.isoformat()} is a {weekday.capitalize()}, not one of its days; use the date of a day it meets",
            )


class Schedule(Strict):
    """All the times an activity meets, plus a note for anything irregular."""

    sessions: list[Session] = Field(default_factory=list, description="Each regular or one-off meeting time.")
    note: Line | None = Field(None, description="Anything else, for example 'Not in August' or 'Phone to check'.")

    @model_validator(mode="after")
    def _something_said(self) -> Schedule:
        if not self.sessions and not self.note:
            raise ValueError("needs sessions, or a note such as 'Open every day, drop in any time'")
        return self


def _example_day(weekday: str) -> str:
    """A real date on ``weekday`` for examples in messages (in the week of 2 November 2026)."""
    return (dt.date(2026, 11, 2) + dt.timedelta(days=WEEKDAYS.index(weekday))).isoformat()
