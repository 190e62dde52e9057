"""What event pages, cards and flyers show beyond an event's own fields.

The dates in words (with the time zone), what a repeat rule means, a
directions link, "add to calendar" links, schema.org ``Event`` data for
search engines and chat-app previews. Every date is worked out from the build date
(``content.today``), so a build is reproducible.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from signpost.core import humanize, urls
from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS
from signpost.core.urls import flyer_url
from signpost.models import Event
from signpost.models.common import Place
from signpost.models.event import rule_parts, rule_until
from signpost.render import calendars

# A default picture for link previews; the share-image work adds the file.
SHARE_IMAGE = "assets/images/share.png"
# How many of a repeating event's next dates its page lists.
NEXT_DATES = 5
SCHEMA = "https://schema.org/"

_DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second to last"}
# The parts of a repeat rule that repeat_text can put into words.
_WORDABLE = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST"}


# ---------------------------------------------------------------------------
# Words


def when_text(start: dt.datetime, end: dt.datetime, event: Event) -> str:
    """'Saturday 15 May 2027, 10am to 3pm (UK time)'."""
    return f"{humanize.event_when(start, end)} ({event.zone_label})"


def repeat_text(event: Event) -> str:
    """A repeat rule in words: 'The second Wednesday of every month'; '' when it does not repeat."""
    if event.repeats is None:
        return ""
    parts = rule_parts(event.repeats)
    text = _pattern_text(parts, event.start) if set(parts) <= _WORDABLE else ""
    if not text:
        return "Repeats on the dates listed below"
    if "COUNT" in parts:
        text += f", {parts['COUNT']} times in all"
    until = rule_until(event.repeats, event.timezone)
    if until is not None:
        text += f", until {humanize.long_date(until.date())}"
    return text


def _pattern_text(parts: dict[str, str], start: dt.datetime) -> str:
    frequency, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    days = [day for day in parts.get("BYDAY", "").split(",") if day]
    if frequency == "DAILY" and not days and "BYMONTHDAY" not in parts:
        return {1: "Every day", 2: "Every other day"}.get(interval, f"Every {interval} days")
    if frequency == "WEEKLY" and "BYMONTHDAY" not in parts:
        days = days or [start.strftime("%a")[:2].upper()]
        if any(day[:-2] for day in days):
            return ""
        names = humanize.join_words([_DAY_NAMES[day] for day in days])
        return {1: f"Every {names}", 2: f"Every other {names}"}.get(interval, f"Every {interval} weeks, on {names}")
    if frequency == "MONTHLY":
        every = {1: "every month", 2: "every other month"}.get(interval, f"every {interval} months")
        if days and "BYMONTHDAY" not in parts:
            if not all(day[:-2] and int(day[:-2]) in _ORDINALS for day in days):
                return ""
            ordinals = [f"{_ORDINALS[int(day[:-2])]} {_DAY_NAMES[day[-2:]]}" for day in days]
            return f"The {humanize.join_words(ordinals)} of {every}"
        if not days:
            numbers = [int(day) for day in parts.get("BYMONTHDAY", str(start.day)).split(",")]
            if all(number > 0 for number in numbers):
                return f"The {humanize.join_words([_nth(number) for number in numbers])} of {every}"
        return ""
    if frequency == "YEARLY" and set(parts) <= {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"}:
        return f"Every year on {start.day} {start:%B}" if interval == 1 else f"Every {interval} years on {start.day} {start:%B}"
    return ""


def _nth(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def directions_url(place: Place) -> str:
    """A map link with directions to the venue (coordinates if known, else the address). Followed only if chosen."""
    if place.latitude is not None and place.longitude is not None:
        return "https://www.openstreetmap.org/directions?" + urlencode({"to": f"{place.latitude},{place.longitude}"})
    return "https://www.openstreetmap.org/search?" + urlencode({"query": calendars.place_text(place)})


# ---------------------------------------------------------------------------
# Structured data


def structured_data(content: Content, record: Record[Event]) -> dict[str, Any]:
    """The schema.org ``Event`` for an event's page."""
    event, site = record.item, content.site
    page_url = site.absolute(KINDS["event"].url(record.stem))
    start, end = event.when(content.today)
    status = {"cancelled": "EventCancelled", "postponed": "EventRescheduled" if event.rescheduled else "EventPostponed"}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": SCHEMA + status.get(event.status, "EventScheduled"),
        "eventAttendanceMode": SCHEMA + _attendance(event),
        "location": _locations(event),
        "image": [site.absolute(SHARE_IMAGE)],
        "url": page_url,
        "organizer": _organiser(event),
        "offers": _offer(event, page_url),
        "isAccessibleForFree": event.cost.free,
        "inLanguage": "en-GB",
    }
    if event.rescheduled:
        data["previousStartDate"] = event.start_local.isoformat()
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.audience}
    return data


def structured_data_html(content: Content, record: Record[Event]) -> Markup:
    """The ``<script type="application/ld+json">`` data block (not a script: browsers do not run it).

    Every ``<``, ``>`` and ``&`` is written as a JSON escape, so no text in
    the content can close the block ("</script>") or open a comment.
    """
    text = json.dumps(structured_data(content, record), ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _attendance(event: Event) -> str:
    if event.venue and event.online:
        return "MixedEventAttendanceMode"
    return "OnlineEventAttendanceMode" if event.online else "OfflineEventAttendanceMode"


def _locations(event: Event) -> dict | list[dict]:
    found: list[dict[str, Any]] = []
    if event.venue:
        venue = event.venue
        address: dict[str, Any] = {"@type": "PostalAddress", "streetAddress": venue.address}
        if venue.postcode:
            address["postalCode"] = venue.postcode
        if venue.postcode or event.timezone == "Europe/London":
            address["addressCountry"] = "GB"
        place: dict[str, Any] = {"@type": "Place", "name": venue.venue, "address": address}
        if venue.latitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude}
        found.append(place)
    if event.online:
        found.append({"@type": "VirtualLocation", "url": event.online})
    return found[0] if len(found) == 1 else found


def _organiser(event: Event) -> dict[str, Any]:
    organiser: dict[str, Any] = {"@type": "Organization", "name": event.organiser.name}
    if event.organiser.website:
        organiser["url"] = event.organiser.website
    if event.organiser.email:
        organiser["email"] = event.organiser.email
    return organiser


def _offer(event: Event, page_url: str) -> dict[str, Any]:
    booking = event.booking
    offer: dict[str, Any] = {"@type": "Offer", "url": (booking.url if booking and booking.url else page_url)}
    if event.cost.free:
        offer.update(price="0", priceCurrency="GBP")
    elif event.cost.amount is not None:
        offer.update(price=f"{event.cost.amount}", priceCurrency="GBP")
    if booking and booking.full:
        availability = "SoldOut"
    elif booking and booking.limited_places:
        availability = "LimitedAvailability"
    else:
        availability = "InStock"
    offer["availability"] = SCHEMA + availability
    if booking and booking.deadline:
        closes = dt.datetime.combine(booking.deadline, dt.time(23, 59), event.starts_at.tzinfo)
        offer["validThrough"] = closes.isoformat()
    return offer


# ---------------------------------------------------------------------------
# What templates can ask


def template_globals(content: Content) -> dict[str, Any]:
    """Helpers for the event and activity templates, bound to the build date."""
    today, site = content.today, content.site

    def calendar_links(record: Record[Event]) -> dict[str, Any]:
        event = record.item
        start, end = event.when(today)
        page_url = site.absolute(KINDS["event"].url(record.stem))
        return {
            "ics": urls.event_calendar_url(record.stem),
            "google": calendars.google_link(event, event.starts_at, event.ends_at, page_url)
            if event.repeats
            else calendars.google_link(event, start, end, page_url),
            "outlook": calendars.outlook_link(event, start, end, page_url),
            "outlook_next_only": event.repeats is not None,
        }

    def booking_state(event: Event) -> str:
        """open, closed (deadline passed), full, or none (over, cancelled or no booking)."""
        booking = event.booking
        if booking is None or event.status == "cancelled" or event.is_over(today):
            return "none"
        if booking.full:
            return "full"
        if booking.deadline and booking.deadline < today:
            return "closed"
        return "open"

    return {
        "event_times": lambda event: event.when(today),
        "event_dates": lambda event, count=NEXT_DATES: event.occurrences(today, count),
        "event_over": lambda event: event.is_over(today),
        "when_text": when_text,
        "repeat_text": repeat_text,
        "directions_url": directions_url,
        "calendar_links": calendar_links,
        "booking_state": booking_state,
        "event_structured_data": lambda record: structured_data_html(content, record),
        "flyer_url": flyer_url,
        "site_calendar_url": urls.SITE_CALENDAR,
        "webcal_url": "webcal://" + site.absolute(urls.SITE_CALENDAR).split("://", 1)[1],
        "has_session_calendar": lambda record: calendars.has_session_calendar(record, today),
        "session_calendar_url": urls.session_calendar_url,
    }
