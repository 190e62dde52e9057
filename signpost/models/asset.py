"""A community asset: one local opportunity to take part in something."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from signpost.models.common import Contact, Cost, Line, Place, Stem, Strict, Text, field_error
from signpost.models.schedule import Schedule

AudienceGroup = Literal[
    "everyone",
    "women",
    "men",
    "lgbtq",
    "carers",
    "young-people",
    "older-people",
    "families",
    "beginners",
    "people-with-learning-disabilities",
    "people-with-mental-health-problems",
    "people-with-sight-loss",
]


class Audience(Strict):
    """Who the activity is for."""

    min_age: int | None = Field(None, ge=0, le=120, description="Youngest age welcome, for example 18.")
    max_age: int | None = Field(None, ge=0, le=120, description="Oldest age welcome, if there is a limit.")
    groups: list[AudienceGroup] = Field(
        default_factory=lambda: list[AudienceGroup](["everyone"]),
        description="Who it suits: everyone, women, men, lgbtq, carers, young-people, older-people, families, "
        "beginners, people-with-learning-disabilities, people-with-mental-health-problems, people-with-sight-loss.",
    )
    note: Line | None = Field(None, description="Anything else about who it is for.")

    @model_validator(mode="after")
    def _ages_in_order(self) -> Audience:
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise field_error("max_age", f"{self.max_age} is below min_age, {self.min_age}; swap the two numbers")
        return self


class Travel(Strict):
    """How to get there."""

    buses: list[Line] = Field(default_factory=list, description="Bus routes that stop nearby, for example ['12', 'X4'].")
    bus_note: Line | None = Field(None, description="Where to get off, or how often the bus runs.")
    walking: Line | None = Field(
        None, description="Walking directions or distance, for example '5 minutes from the market square'."
    )
    parking: Line | None = Field(None, description="Parking, including blue-badge spaces.")
    transport_provided: bool = Field(False, description="true if the group can collect people or arrange lifts.")
    note: Line | None = Field(None, description="Anything else about getting there.")


class Accessibility(Strict):
    """Access features. Leave a feature out when you do not know."""

    step_free: bool | None = Field(None, description="true if there is step-free access throughout.")
    accessible_toilet: bool | None = Field(None, description="true if there is an accessible toilet.")
    hearing_loop: bool | None = Field(None, description="true if there is a hearing loop.")
    bsl: bool | None = Field(None, description="true if British Sign Language is offered.")
    quiet_space: bool | None = Field(None, description="true if there is a quiet room or space to take a break.")
    large_print: bool | None = Field(None, description="true if large-print materials are available.")
    note: Line | None = Field(None, description="Anything else about access.")


class Welcome(Strict):
    """What helps someone nervous to come the first time."""

    accompanied_first_visit: bool | None = Field(None, description="true if a worker or friend may come along the first time.")
    buddy: bool | None = Field(None, description="true if a member can act as a buddy for newcomers.")
    mental_health_aware: bool | None = Field(
        None, description="true if organisers are experienced with people with mental health problems."
    )
    learning_disability_aware: bool | None = Field(
        None, description="true if organisers are experienced with people with learning disabilities."
    )
    note: Line | None = Field(None, description="What to expect on a first visit.")


class Asset(Strict):
    """A community asset: a club, group, class, place or chance to volunteer."""

    name: Line = Field(description="The name people know it by, for example 'Hollinsford Town Juniors Football Club'.")
    summary: Line = Field(description="One plain sentence saying what it is.")
    description: Text = Field(description="More about it, in Markdown: what happens, what to bring, what to expect.")
    easy_read: Text | None = Field(None, description="A short summary in plain, easy words (optional).")
    domains: list[Stem] = Field(min_length=1, description="Ids from content/domains.yml, for example [sport].")
    area: Stem = Field(description="An id from content/areas.yml.")
    audience: Audience = Field(default_factory=Audience, description="Who it is for.")
    schedule: Schedule = Field(description="When it meets.")
    format: list[Literal["in-person", "phone", "online", "home-visits"]] = Field(
        default_factory=list,
        description="How people take part: in-person, phone, online or home-visits (one or more). "
        "Leave out if it simply meets at the location below.",
    )
    location: Place | None = Field(
        None, description="Where it meets. Leave out for phone or online groups, or when it moves about."
    )
    travel: Travel = Field(default_factory=Travel, description="How to get there.")
    cost: Cost = Field(description="What it costs.")
    accessibility: Accessibility = Field(default_factory=Accessibility, description="Access features.")
    welcome: Welcome = Field(default_factory=Welcome, description="Support for a first visit.")
    contact: Contact = Field(description="How to get in touch.")
    connections: list[Stem] = Field(default_factory=list, description="File names (without .yml) of related assets.")
    last_checked: dt.date = Field(description="The date someone last checked these details, as YYYY-MM-DD.")
    taking_new_people: Literal["yes", "waiting-list", "no"] | None = Field(
        None, description="Whether it has room for new people: yes, waiting-list or no. Leave out if you do not know."
    )
    status: Literal["active", "paused", "closed"] = Field("active", description="active, paused or closed.")
    draft: bool = Field(False, description="true to keep it off the site while you work on it.")
    staff_notes: Text | None = Field(None, description="Notes for staff only. Never published.")

    @property
    def is_closed(self) -> bool:
        """Closed for good: it keeps its page for old links, but leaves lists, search, find and reviews."""
        return self.status == "closed"

    @property
    def is_meeting(self) -> bool:
        """Neither paused nor closed: its sessions happen, so dates worked out from them may be stated."""
        return self.status == "active"

    @field_validator("domains")
    @classmethod
    def _no_repeats(cls, domains: list[str]) -> list[str]:
        if len(set(domains)) != len(domains):
            raise ValueError("lists the same domain twice; remove one")
        return domains
