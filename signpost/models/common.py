"""Field types and small models shared by more than one content kind."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

STEM_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
POSTCODE_PATTERN = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"
EMAIL_PATTERN = r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$"
PHONE_PATTERN = r"^\+?[0-9][0-9 ()-]{5,20}$"


def field_error(field: str, message: str) -> ValueError:
    """An error found by a check across fields that belongs at one field's line.

    ``message`` is "what is wrong; how to fix". The validator reports it at
    ``field`` (which may be missing: then at the model's own line).
    """
    return ValueError(f"@{field} {message}")


class Strict(BaseModel):
    """Base for every content model: unknown keys are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of field names written with every model that has the same set.

        Pydantic keeps a set of the fields each instance was given: about
        40% of a loaded activity's memory (a set per nested model), though
        there are only a few different sets. The models are frozen, and a
        copy (``model_copy``) copies the set, so sharing one is safe; a site
        of 100,000 activities holds about 340 MB less.
        """
        written = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _SHARED_FIELD_SETS.setdefault(frozenset(written), written))


# One set of field names per distinct combination, shared (see Strict.model_post_init).
_SHARED_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _one_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("must fit on one line")
    return value


def _safe_url(value: str) -> str:
    # Only web links may come from content: no javascript:, data: or file:.
    if not re.match(r"^https?://[^\s<>\"']+$", value, re.IGNORECASE):
        raise ValueError("must be a web address starting with https:// or http://")
    return value


def _upper_postcode(value: str) -> str:
    value = value.upper().strip()
    if not re.match(POSTCODE_PATTERN, value):
        raise ValueError("is not a UK postcode")
    return value


def _clock_time(value: Any) -> Any:
    # YAML reads 10.30 as a number and pydantic would take 1000 as seconds:
    # only "HH:MM" text (or a time already parsed) is a time of day here.
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*([01]?\d|2[0-3]):[0-5]\d\s*", value):
        hours, minutes = value.strip().split(":")
        return dt.time(int(hours), int(minutes))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value} is a number, not a time; write it with a colon, in quotes, like '10:30'")
    raise ValueError(f"'{value}' is not a time; use the 24-hour clock, in quotes, like '19:30'")


def _local_datetime(value: Any) -> Any:
    # A bare date would silently mean midnight; a number would mean 1970.
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise ValueError("has a time zone; leave it out and set timezone: instead")
        return value
    if isinstance(value, dt.date):
        raise ValueError(f"{value.isoformat()} has no time; write it as '{value.isoformat()} 10:00'")
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?\s*", value):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a real date and time; check the day, month and hour") from None
    raise ValueError(f"'{value}' is not a date and time; write it as 'YYYY-MM-DD HH:MM', like '2027-03-14 10:00'")


ClockTime = Annotated[dt.time, BeforeValidator(_clock_time)]
LocalDateTime = Annotated[dt.datetime, BeforeValidator(_local_datetime)]
Stem = Annotated[str, Field(pattern=STEM_PATTERN, min_length=1, max_length=80)]
Line = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]
Text = Annotated[str, Field(min_length=1, max_length=20000)]
Url = Annotated[str, Field(max_length=2000), AfterValidator(_safe_url)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=254)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]
Postcode = Annotated[str, AfterValidator(_upper_postcode)]
Money = Annotated[Decimal, Field(ge=0, le=100000, decimal_places=2)]


class Cost(Strict):
    """What it costs to take part."""

    free: bool = Field(description="true if it costs nothing to take part; false if there is a charge.")
    amount: Money | None = Field(None, description="The usual price in pounds, for example 3.50. Leave out when free.")
    per: Literal["session", "week", "month", "term", "year", "course", "event"] | None = Field(
        None, description="What the amount pays for: session, week, month, term, year, course or event."
    )
    concessions: Line | None = Field(None, description="Lower prices, for example 'Half price for carers'.")
    note: Line | None = Field(None, description="Anything else about cost, for example 'Free to members'.")

    @model_validator(mode="after")
    def _amount_matches_free(self) -> Cost:
        if self.free and self.amount:
            raise ValueError("says free: true but also gives an amount; remove one of them")
        if not self.free and self.amount is None and not self.note:
            raise ValueError("says free: false but gives no amount or note; add 'amount:' in pounds")
        return self


class Place(Strict):
    """A venue with an address."""

    venue: Line = Field(description="The name of the building or place, for example 'Hollinsford Library'.")
    address: Line = Field(description="Street address on one line, without the postcode.")
    postcode: Postcode | None = Field(None, description="The UK postcode, for example 'HF1 2AB'.")
    latitude: float | None = Field(None, ge=49.0, le=61.0, description="Latitude for the map (optional).")
    longitude: float | None = Field(None, ge=-9.0, le=2.0, description="Longitude for the map (optional).")

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("needs both latitude and longitude, or neither")
        return self


class Contact(Strict):
    """How to get in touch. At least one of phone, email or website."""

    name: Line | None = Field(None, description="Who to ask for (a role is fine, for example 'The club secretary').")
    phone: Phone | None = Field(None, description="A phone number, for example '01632 960 123'.")
    email: Email | None = Field(None, description="An email address.")
    website: Url | None = Field(None, description="A web address starting with https://.")
    booking_needed: bool | None = Field(
        None,
        description="true if people must book before they come; false if they can just turn up. Leave out if you do not know.",
    )
    note: Line | None = Field(None, description="Best times to call, or other tips for getting in touch.")

    @model_validator(mode="after")
    def _some_way_to_reach(self) -> Contact:
        if not (self.phone or self.email or self.website):
            raise ValueError("needs at least one of phone, email or website")
        return self
