"""The calendar files: every event, each event, and each activity's sessions (iCalendar)."""

from __future__ import annotations

from collections.abc import Iterator

from signpost.core import urls
from signpost.core.content import Record
from signpost.core.outputs import FileOutput
from signpost.models import Asset, Event
from signpost.render import calendars
from signpost.render.registry import generator, record_generator
from signpost.render.site import SiteRenderer


@record_generator(kind="asset", order=20, makes="directory/<stem>/sessions.ics: an open activity's sessions still to come")
def session_calendar_file(renderer: SiteRenderer, record: Record[Asset]) -> Iterator[FileOutput]:
    """An activity's calendar, when it has sessions to come."""
    content = renderer.content
    if calendars.has_session_calendar(record, content.today):
        # Made when the file is written: one calendar per activity adds up.
        yield FileOutput(urls.session_calendar_url(record.stem), lambda: calendars.session_calendar(content, record) or b"")


@record_generator(kind="event", order=20, makes="events/<stem>/event.ics: one event, to add to a calendar")
def event_calendar_file(renderer: SiteRenderer, record: Record[Event]) -> Iterator[FileOutput]:
    """One event's calendar file."""
    yield FileOutput(urls.event_calendar_url(record.stem), calendars.event_calendar(renderer.content, record))


@generator(order=60, makes="events.ics: every published event, to subscribe to")
def site_calendar_file(renderer: SiteRenderer) -> Iterator[FileOutput]:
    """The calendar of every event."""
    yield FileOutput(urls.SITE_CALENDAR, calendars.site_calendar(renderer.content))
