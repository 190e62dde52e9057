"""Calendar files (RFC 5545) and "add to calendar" links.

Three kinds of ``.ics`` file come from here:

- ``events/<stem>/event.ics``: one event, for "Add to my calendar";
- ``events.ics`` at the site's root: every published event, to subscribe to;
- ``directory/<stem>/sessions.ics``: an activity's regular sessions, each a
  repeating entry starting at the next time it meets, with a reminder.

Everything in them comes from the content and the build date, so the same
content built for the same day gives the same bytes. Each entry's UID is made
from its file name and the site's host, never from its title, so an edited
event updates the entry people already have rather than adding a second one.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from urllib.parse import urlencode, urlsplit

from icalendar import Alarm, Calendar, Timezone, vRecur
from icalendar import Event as CalendarEvent

from signpost.collect.occurrences import next_dates
from signpost.core import humanize
from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS
from signpost.core.urls import SITE_CALENDAR, event_calendar_url, session_calendar_url
from signpost.models import Asset, Event, SiteSettings
from signpost.models.common import Place
from signpost.models.event import rule_parts, rule_until
from signpost.models.schedule import WEEKDAYS, Session

PRODID = "-//Signpost//Community directory//EN"
# Calendar clients that subscribe look for changes this often.
REFRESH = dt.timedelta(days=1)
# A reminder the day before: time to plan the journey (one bus a day).
REMINDER = dt.timedelta(days=-1)
# A session with no end time is shown as lasting an hour.
DEFAULT_LENGTH = dt.timedelta(hours=1)
_ICAL_DAYS = {day: day[:2].upper() for day in WEEKDAYS}
_WEEK_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


def host(site: SiteSettings) -> str:
    """The site's host name, which makes every UID unique to the site."""
    return urlsplit(site.site_url).hostname or "signpost.invalid"


def event_uid(site: SiteSettings, stem: str) -> str:
    """An event's UID: its file name and the site's host; the title may change, this does not."""
    return f"events-{stem}@{host(site)}"


def session_uid(site: SiteSettings, stem: str, number: int) -> str:
    """The UID of an activity's ``number``-th session (counted from 1)."""
    return f"directory-{stem}-session-{number}@{host(site)}"


def stamp(today: dt.date) -> dt.datetime:
    """DTSTAMP: the build date (not the clock), so builds are reproducible."""
    return dt.datetime.combine(today, dt.time(0, 0), dt.UTC)


def place_text(place: Place) -> str:
    """A venue on one line, as calendars and maps show it."""
    return ", ".join(part for part in (place.venue, place.address, place.postcode) if part)


# ---------------------------------------------------------------------------
# Events


def event_location(event: Event) -> str:
    """The event's LOCATION: the venue, the online link, or both."""
    parts = [place_text(event.venue)] if event.venue else []
    if event.online:
        parts.append(f"Online: {event.online}" if parts else event.online)
    return "; ".join(parts)


def event_description(event: Event, page_url: str) -> str:
    """The plain-text DESCRIPTION: what it is, cost, booking, and the page for everything else."""
    lines = []
    if event.status == "cancelled":
        lines.append("This event has been cancelled.")
    elif event.status == "postponed" and not event.rescheduled:
        lines.append("This event has been postponed. A new date will be announced.")
    elif event.rescheduled:
        lines.append(f"Postponed: the new date is {humanize.event_when(event.starts_at, event.ends_at)}.")
    lines.append(event.summary)
    lines.append(f"Cost: {humanize.cost_sentence(event.cost)}")
    booking = event.booking
    if booking and booking.required:
        how = booking.url or booking.email or page_url
        deadline = f" by {humanize.long_date(booking.deadline)}" if booking.deadline else ""
        lines.append(f"Book{deadline}: {how}")
    lines.append(f"Organised by {event.organiser.name}" + (f" ({event.organiser.email})" if event.organiser.email else ""))
    lines.append(f"Details: {page_url}")
    return "\n\n".join(lines)


def event_summary(event: Event) -> str:
    """The SUMMARY (title), with the status in front where a client would not show it."""
    if event.status == "cancelled":
        return f"Cancelled: {event.title}"
    if event.status == "postponed" and not event.rescheduled:
        return f"Postponed: {event.title}"
    return event.title


def event_rrule(event: Event) -> vRecur | None:
    """The RRULE of a repeating event, with UNTIL in UTC as RFC 5545 requires with a TZID."""
    if event.repeats is None:
        return None
    parts = rule_parts(event.repeats)
    until = rule_until(event.repeats, event.timezone)
    if until is not None:
        parts["UNTIL"] = until.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return vRecur.from_ical(";".join(f"{key}={value}" for key, value in parts.items()))


def event_component(content: Content, record: Record[Event], reminder: bool) -> CalendarEvent:
    """One VEVENT for an event."""
    event, site = record.item, content.site
    page_url = site.absolute(KINDS["event"].url(record.stem))
    component = CalendarEvent()
    component.add("uid", event_uid(site, record.stem))
    component.add("dtstamp", stamp(content.today))
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    rule = event_rrule(event)
    if rule is not None:
        component.add("rrule", rule)
    component.add("summary", event_summary(event))
    component.add("description", event_description(event, page_url))
    component.add("location", event_location(event))
    if event.venue and event.venue.latitude is not None:
        component.add("geo", (event.venue.latitude, event.venue.longitude))
    component.add("url", page_url)
    component.add(
        "status",
        {"cancelled": "CANCELLED", "postponed": "CONFIRMED" if event.rescheduled else "TENTATIVE"}.get(event.status, "CONFIRMED"),
    )
    # A changed date or a cancellation is a new version of the entry.
    component.add("sequence", 0 if event.status == "scheduled" else 1)
    component.add("class", "PUBLIC")
    if reminder and event.status != "cancelled":
        component.add_component(_reminder(f"Tomorrow: {event.title}"))
    return component


def event_calendar(content: Content, record: Record[Event]) -> bytes:
    """``events/<stem>/event.ics``: one event, with a reminder the day before."""
    event = record.item
    return _calendar(
        content.site,
        event.title,
        f"{event.title}, from {content.site.name}",
        event_calendar_url(record.stem),
        [event_component(content, record, reminder=True)],
    )


def site_calendar(content: Content) -> bytes:
    """``events.ics``: every published event, for people to subscribe to (no reminders: they would nag)."""
    site = content.site
    records = sorted(content.events.values(), key=lambda record: (record.item.starts_at, record.stem))
    return _calendar(
        site,
        f"{site.name} events",
        f"Events from {site.name}: seminars, workshops and community events in {site.place}.",
        SITE_CALENDAR,
        [event_component(content, record, reminder=False) for record in records],
    )


def google_link(event: Event, start: dt.datetime, end: dt.datetime, page_url: str) -> str:
    """A Google Calendar "new event" link, filled in; times in UTC."""
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_utc(start)}/{_utc(end)}",
        "details": f"{event.summary}\n\n{page_url}",
        "location": event_location(event),
        "ctz": event.timezone,
    }
    rule = event_rrule(event)
    if rule is not None:
        query["recur"] = "RRULE:" + rule.to_ical().decode()
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(event: Event, start: dt.datetime, end: dt.datetime, page_url: str) -> str:
    """An Outlook.com "new event" link, filled in; times in UTC."""
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": end.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": f"{event.summary}\n\n{page_url}",
        "location": event_location(event),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)


# ---------------------------------------------------------------------------
# An activity's regular sessions


def session_rrule(session: Session) -> vRecur | None:
    """The RRULE of a regular session; None for one-off dates (they go in RDATE)."""
    days = [_ICAL_DAYS[day] for day in session.days]
    if session.repeats == "daily":
        return vRecur({"FREQ": "DAILY"})
    if session.repeats == "weekly":
        return vRecur({"FREQ": "WEEKLY", "BYDAY": days})
    if session.repeats == "fortnightly":
        # Weeks start on Monday, as signpost.collect.occurrences counts them.
        return vRecur({"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": days, "WKST": "MO"})
    if session.repeats == "monthly":
        return vRecur({"FREQ": "MONTHLY", "BYDAY": [f"{_WEEK_NUMBERS[week]}{day}" for week in session.weeks for day in days]})
    return None


def session_times(session: Session, day: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    """A session's start and end on ``day``: '00:00' ends at midnight; no end time means an hour."""
    tz = zoneinfo.ZoneInfo(zone)
    start = dt.datetime.combine(day, session.starts, tz)
    if session.ends is None:
        return start, start + DEFAULT_LENGTH
    if session.ends == dt.time(0, 0):
        return start, dt.datetime.combine(day + dt.timedelta(days=1), session.ends, tz)
    return start, dt.datetime.combine(day, session.ends, tz)


def has_session_calendar(record: Record[Asset], today: dt.date) -> bool:
    """True when an activity has sessions still to come and is open (not paused or closed)."""
    asset = record.item
    return asset.is_meeting and any(next_dates(session, today, 1) for session in asset.schedule.sessions)


def session_calendar(content: Content, record: Record[Asset]) -> bytes | None:
    """``directory/<stem>/sessions.ics``: each session repeating from its next date, with a reminder."""
    if not has_session_calendar(record, content.today):
        return None
    asset, site = record.item, content.site
    page_url = site.absolute(KINDS["asset"].url(record.stem))
    components = []
    for number, session in enumerate(asset.schedule.sessions, 1):
        dates = next_dates(session, content.today, len(session.dates) if session.repeats == "once" else 1)
        if not dates:
            continue
        start, end = session_times(session, dates[0], site.timezone)
        component = CalendarEvent()
        component.add("uid", session_uid(site, record.stem, number))
        component.add("dtstamp", stamp(content.today))
        component.add("dtstart", start)
        component.add("dtend", end)
        rule = session_rrule(session)
        if rule is not None:
            component.add("rrule", rule)
        elif len(dates) > 1:
            component.add("rdate", [session_times(session, day, site.timezone)[0] for day in dates[1:]])
        component.add("summary", asset.name)
        component.add("description", _session_description(asset, session, page_url))
        location = _asset_location(asset)
        if location:
            component.add("location", location)
        if asset.location and asset.location.latitude is not None:
            component.add("geo", (asset.location.latitude, asset.location.longitude))
        component.add("url", page_url)
        component.add("status", "CONFIRMED")
        component.add("class", "PUBLIC")
        component.add_component(_reminder(f"Tomorrow: {asset.name}, {humanize.clock(session.starts)}"))
        components.append(component)
    return _calendar(
        site,
        f"{asset.name} ({site.name})",
        f"When {asset.name} meets. From {site.name}.",
        session_calendar_url(record.stem),
        components,
    )


def _asset_location(asset: Asset) -> str:
    if asset.location:
        return place_text(asset.location)
    if "online" in asset.format:
        return "Online"
    if "phone" in asset.format:
        return "By phone"
    return ""


def _session_description(asset: Asset, session: Session, page_url: str) -> str:
    lines = [asset.summary, humanize.session_text(session) + "."]
    if asset.schedule.note:
        lines.append(asset.schedule.note)
    lines.append(f"Cost: {humanize.cost_sentence(asset.cost)}")
    contact = asset.contact
    reach = [f"phone {contact.phone}" if contact.phone else "", contact.email or "", contact.website or ""]
    if any(reach):
        lines.append("Contact: " + ", ".join(part for part in reach if part))
    lines.append("Please check with them before you go: times can change.")
    lines.append(f"Details: {page_url}")
    return "\n\n".join(lines)


# ---------------------------------------------------------------------------
# Shared


def _reminder(text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", REMINDER)
    return alarm


def _calendar(site: SiteSettings, name: str, description: str, url: str, components: list[CalendarEvent]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # RFC 7986 names and refresh, and the older X-WR- and X-PUBLISHED-TTL forms.
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    calendar.add("source", site.absolute(url), parameters={"VALUE": "URI"})
    for component in components:
        calendar.add_component(component)
    return _with_time_zones(calendar)


def _with_time_zones(calendar: Calendar) -> bytes:
    """The calendar written out with a VTIMEZONE for every TZID it uses (Europe/London).

    With them, times mean the same in every calendar program. They go where
    icalendar's ``add_missing_timezones`` puts them, before the first entry,
    but each zone is worked out and written once per build, not once per
    file: that was over half the cost of an activity's calendar.
    """
    zones = b"".join(_time_zone(tzid) for tzid in sorted(calendar.get_missing_tzids()))
    written = calendar.to_ical()
    if not zones:
        return written
    # Each line starts after a CRLF; a folded line's next part starts with a
    # space, so this finds the first entry, or the end when there is none.
    found = written.find(b"\r\nBEGIN:")
    first_entry = found + 2 if found >= 0 else written.rindex(b"END:VCALENDAR")
    return written[:first_entry] + zones + written[first_entry:]


@functools.lru_cache(maxsize=8)
def _time_zone(tzid: str) -> bytes:
    """The VTIMEZONE of ``tzid`` as written in a file; nothing for a zone icalendar does not know."""
    try:
        return Timezone.from_tzid(tzid).to_ical()
    except ValueError:
        return b""


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
