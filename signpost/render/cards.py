"""What a person needs to decide about an activity at a glance, worked out once.

The same facts go on listing cards, on find and search results (as Pagefind
metadata), into each asset's ``card.json`` (which the shortlist reads) and on
the printed handout. Facts nobody entered are left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from signpost.collect.facets import TAKING_LABELS
from signpost.collect.occurrences import next_dates
from signpost.core import humanize
from signpost.core.content import Content, Record


@dataclass(frozen=True)
class Card:
    """The decision facts of one activity, as plain text."""

    url: str
    name: str
    summary: str
    when: list[str]
    when_note: str
    next_dates: list[str]
    where: str
    address: str
    buses: str
    cost: str
    first_visit: list[str]
    contact: list[str]
    status: str
    taking: str
    latitude: float | None = None
    longitude: float | None = None

    def json(self) -> bytes:
        """The card as compact UTF-8 JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":")).encode()


def card(record: Record, content: Content, url: str) -> Card:
    """The card of one asset, as of ``content.today``."""
    asset = record.item
    area = content.areas[asset.area].item.name if asset.area in content.areas else ""
    place = asset.location
    return Card(
        url=url,
        name=asset.name,
        summary=asset.summary,
        when=[humanize.session_text(session) for session in asset.schedule.sessions] or [asset.schedule.note or ""],
        when_note=asset.schedule.note or "" if asset.schedule.sessions else "",
        next_dates=upcoming_dates(asset, content.today),
        where=where_text(asset, area),
        address=", ".join(part for part in (place.venue, place.address, place.postcode) if part) if place else "",
        buses=_buses(asset),
        cost=humanize.cost_text(asset.cost),
        first_visit=first_visit_help(asset),
        contact=_contact(asset),
        status={"paused": "Paused at the moment", "closed": "Closed"}.get(asset.status, ""),
        taking={**TAKING_LABELS, "no": "Not taking new people at the moment"}.get(asset.taking_new_people or "", ""),
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
    )


def where_text(asset, area: str) -> str:
    """Where it happens, as entered: a venue, by phone or online, at home, or only the area."""
    if asset.location:
        return f"{asset.location.venue}, {area}"
    remote = [way for way in ("phone", "online") if way in asset.format]
    if remote:
        return {"phone": "By phone", "online": "Online"}[remote[0]] if len(remote) == 1 else "By phone or online"
    if "home-visits" in asset.format:
        return f"At your home ({area})"
    return area


def upcoming_dates(asset, today: dt.date, count: int = 3) -> list[str]:
    """The next dates it meets, soonest first, for sessions that are not every week.

    None while it is paused or closed: its sessions will not happen then, and
    any restart date is in its own words (the schedule note).
    """
    if not asset.is_meeting:
        return []
    irregular = [session for session in asset.schedule.sessions if session.repeats in ("fortnightly", "monthly", "once")]
    dates = sorted({day for session in irregular for day in next_dates(session, today, count)})[:count]
    return [humanize.day_and_date(day, today) for day in dates]


def first_visit_help(asset) -> list[str]:
    """The help a newcomer gets, only as entered."""
    welcome, lines = asset.welcome, []
    if welcome.accompanied_first_visit:
        lines.append("You can bring someone with you the first time")
    if welcome.buddy:
        lines.append("A buddy can show you around")
    if asset.contact.booking_needed is True:
        lines.append("Book before you go")
    elif asset.contact.booking_needed is False:
        lines.append("No need to book")
    return lines


def _buses(asset) -> str:
    buses = asset.travel.buses
    if not buses:
        return ""
    return ("Bus " if len(buses) == 1 else "Buses ") + humanize.join_words(list(buses))


def _contact(asset) -> list[str]:
    contact = asset.contact
    lines = [f"Ask for: {contact.name}"] if contact.name else []
    lines += [f"Phone {contact.phone}"] if contact.phone else []
    lines += [f"Email {contact.email}"] if contact.email else []
    lines += [f"Web {contact.website}"] if contact.website else []
    return lines
