"""An event that people can come to: a seminar, workshop or talk."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Literal

from pydantic import Field, field_validator, model_validator

from signpost.models.common import Cost, Email, Line, LocalDateTime, Place, Strict, Text, Url


class Booking(Strict):
    """How to book a place."""

    required: bool = Field(True, description="true if people must book.")
    url: Url | None = Field(None, description="The booking page.")
    email: Email | None = Field(None, description="Email address to book by.")
    deadline: dt.date | None = Field(None, description="Last day to book, as YYYY-MM-DD.")
    limited_places: bool = Field(False, description="true if places are limited.")


class Organiser(Strict):
    """Who runs the event."""

    name: Line = Field(description="The organising team or body.")
    email: Email | None = Field(None, description="Contact email.")
    website: Url | None = Field(None, description="The organiser's website.")


class Event(Strict):
    """A dated event with a page, a calendar entry and a flyer."""

    title: Line = Field(description="The event's name.")
    summary: Line = Field(description="One plain sentence saying what it is.")
    start: LocalDateTime = Field(description="Start, as 'YYYY-MM-DD HH:MM' (local time).")
    end: LocalDateTime = Field(description="End, as 'YYYY-MM-DD HH:MM' (local time).")
    timezone: str = Field("Europe/London", description="The time zone of start and end.")
    venue: Place | None = Field(None, description="Where it happens.")
    online: Url | None = Field(None, description="Link to join online.")
    cost: Cost = Field(description="What it costs.")
    booking: Booking | None = Field(None, description="How to book, if booking is needed.")
    audience: Line | None = Field(None, description="Who it is for, for example 'Practitioners and managers'.")
    organiser: Organiser = Field(description="Who runs it.")
    status: Literal["scheduled", "cancelled", "postponed"] = Field("scheduled", description="scheduled, cancelled or postponed.")
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
            raise ValueError("ends before it starts; check the dates and times")
        return self

    @property
    def start_local(self) -> dt.datetime:
        """The start as an aware datetime in the event's time zone."""
        return _aware(self.start, self.timezone)

    @property
    def end_local(self) -> dt.datetime:
        """The end as an aware datetime in the event's time zone."""
        return _aware(self.end, self.timezone)


def _aware(moment: dt.datetime, zone: str) -> dt.datetime:
    tz = zoneinfo.ZoneInfo(zone)
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)
