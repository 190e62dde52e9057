"""Calendar files read back as a calendar program reads them (RFC 5545).

Every ``.ics`` the build writes is parsed with icalendar; repeating entries
are expanded with recurring-ical-events and compared with the dates
signpost.collect.occurrences gives (the dates the activity pages show).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import recurring_ical_events
import yaml
from icalendar import Calendar

from signpost.check.loader import load_content
from signpost.collect.occurrences import meets, next_dates
from signpost.core import urls
from signpost.core.kinds import KINDS
from signpost.render import calendars
from tests.conftest import EXAMPLE_CONTENT, SMALL_CONTENT, TODAY, build

EXAMPLE, _ = load_content(EXAMPLE_CONTENT, TODAY)
PUBLIC = EXAMPLE.public()
LONDON = "Europe/London"
SIX_MONTHS = dt.timedelta(days=183)


def read(path: Path) -> Calendar:
    assert path.is_file(), f"no calendar at {path}"
    return Calendar.from_ical(path.read_bytes())


def events_in(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


def front_matter(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text().split("---\n", 2)
    return yaml.safe_load(front), body


def write_front_matter(path: Path, data: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body)


def edit_event(content: Path, stem: str, **changes) -> None:
    source = content / "events" / "mapping-workshop.md"
    data, body = front_matter(source)
    data.update(changes)
    write_front_matter(content / "events" / f"{stem}.md", data, body)


def edit_asset(content: Path, stem: str, schedule: dict) -> None:
    data = yaml.safe_load((content / "assets" / "rovers.yml").read_text())
    data["schedule"] = schedule
    (content / "assets" / f"{stem}.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@pytest.fixture(scope="module")
def seasons(tmp_path_factory) -> tuple[Path, Path]:
    """Small content with a summer and a winter event at 10:00 London time, and activities of each pattern."""
    root = tmp_path_factory.mktemp("seasons")
    content = root / "content"
    shutil.copytree(SMALL_CONTENT, content)
    edit_event(content, "summer-talk", title="Summer talk", start="2027-07-08 10:00", end="2027-07-08 12:00")
    edit_event(content, "winter-talk", title="Winter talk", start="2027-01-14 10:00", end="2027-01-14 12:00")
    edit_event(content, "called-off", title="Called off", start="2027-02-04 10:00", end="2027-02-04 12:00", status="cancelled")
    edit_event(
        content,
        "monthly-lunch",
        title="Monthly lunch",
        start="2026-12-09 12:30",
        end="2026-12-09 14:00",
        repeats="FREQ=MONTHLY;BYDAY=2WE",
    )
    session = {"starts": "19:00", "ends": "21:00"}
    edit_asset(
        content, "second-thursday", {"sessions": [{"repeats": "monthly", "weeks": ["second"], "days": ["thursday"], **session}]}
    )
    edit_asset(
        content, "last-friday", {"sessions": [{"repeats": "monthly", "weeks": ["last"], "days": ["friday"], "starts": "10:00"}]}
    )
    # meets_on is before the build date, so the next meeting is worked out from it.
    edit_asset(
        content,
        "fortnightly",
        {"sessions": [{"repeats": "fortnightly", "days": ["tuesday"], "meets_on": dt.date(2026, 10, 6), **session}]},
    )
    edit_asset(content, "daily", {"sessions": [{"repeats": "daily", "starts": "08:00", "ends": "00:00"}]})
    edit_asset(
        content,
        "one-offs",
        {
            "sessions": [
                {
                    "repeats": "once",
                    "dates": [dt.date(2026, 10, 1), dt.date(2026, 12, 5), dt.date(2027, 1, 16)],
                    "starts": "14:00",
                    "ends": "16:00",
                }
            ]
        },
    )
    edit_asset(content, "note-only", {"note": "Phone to ask when the next one is"})
    assert build(content, root / "site") == 0
    return content, root / "site"


# ---------------------------------------------------------------------------
# Time zones, line ends, calendar properties


def test_london_times_come_out_right_in_utc_summer_and_winter(seasons):
    content, site = seasons
    loaded, _ = load_content(content, TODAY)
    for stem, utc_hour in (("summer-talk", 9), ("winter-talk", 10)):
        event = loaded.events[stem].item
        (entry,) = events_in(read(site / "events" / stem / "event.ics"))
        start = entry.decoded("dtstart")
        assert entry["dtstart"].params["TZID"] == LONDON
        assert start == event.start_local
        assert start.astimezone(dt.UTC).hour == utc_hour == event.start_local.astimezone(dt.UTC).hour
        assert entry.decoded("dtend").astimezone(dt.UTC) == event.end_local.astimezone(dt.UTC)


def every_calendar_file(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def test_every_calendar_file_is_well_formed(example_site):
    files = every_calendar_file(example_site)
    # One per event, one for the site, one per open activity with sessions to come.
    with_sessions = [record for record in PUBLIC.assets.values() if calendars.has_session_calendar(record, TODAY)]
    assert len(files) == len(PUBLIC.events) + 1 + len(with_sessions)
    stamp = dt.datetime.combine(TODAY, dt.time(0, 0), dt.UTC)
    for path in files:
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n"), f"{path}: lines must end in CRLF"
        assert max(len(line) for line in data.split(b"\r\n")) <= 75, f"{path}: long lines must be folded"
        cal = read(path)
        assert cal["version"] == "2.0" and cal["prodid"] == calendars.PRODID
        assert cal["name"] == cal["x-wr-calname"] and str(cal["name"])
        assert re.search(rb"\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n", data)
        assert [str(zone["tzid"]) for zone in cal.walk("VTIMEZONE")] == [LONDON]
        entries = events_in(cal)
        assert entries, path
        for entry in entries:
            assert entry.decoded("dtstamp") == stamp
            assert entry["dtstart"].params["TZID"] == LONDON
            assert entry.decoded("dtend") > entry.decoded("dtstart")
            assert str(entry["url"]).startswith(PUBLIC.site.site_url)
        uids = [str(entry["uid"]) for entry in entries]
        assert len(set(uids)) == len(uids)


def test_event_calendars_carry_the_event(example_site):
    site = PUBLIC.site
    everything = {str(entry["uid"]): entry for entry in events_in(read(example_site / urls.SITE_CALENDAR))}
    assert len(everything) == len(PUBLIC.events)
    assert str(read(example_site / urls.SITE_CALENDAR)["name"]) == f"{site.name} events"
    for stem, record in PUBLIC.events.items():
        event = record.item
        own = read(example_site / KINDS["event"].url(stem) / "event.ics")
        (entry,) = events_in(own)
        assert str(own["name"]) == event.title
        assert str(entry["uid"]) == calendars.event_uid(site, stem)
        assert str(entry["url"]) == site.absolute(KINDS["event"].url(stem))
        assert entry.decoded("dtstart") == event.starts_at and entry.decoded("dtend") == event.ends_at
        assert event.summary in str(entry["description"])
        if event.venue:
            assert event.venue.venue in str(entry["location"])
        else:
            assert event.online in str(entry["location"])
        assert str(entry["status"]) == (
            "CANCELLED"
            if event.status == "cancelled"
            else "CONFIRMED"
            if event.status == "scheduled" or event.rescheduled
            else "TENTATIVE"
        )
        assert ("rrule" in entry) == (event.repeats is not None)
        if event.repeats:
            assert entry["rrule"].to_ical().decode() == event.repeats
        # The event's own file reminds the day before; the subscription does not nag.
        assert [str(alarm["trigger"].to_ical(), "ascii") for alarm in entry.walk("VALARM")] == ["-P1D"]
        assert list(everything[calendars.event_uid(site, stem)].walk("VALARM")) == []


def test_a_cancelled_event_is_cancelled_in_the_calendar(seasons):
    _, site = seasons
    (entry,) = events_in(read(site / "events" / "called-off" / "event.ics"))
    assert str(entry["status"]) == "CANCELLED"
    subscribed = {str(entry["uid"]): entry for entry in events_in(read(site / urls.SITE_CALENDAR))}
    assert str(subscribed[str(entry["uid"])]["status"]) == "CANCELLED"


def test_a_repeating_event_expands_to_the_dates_its_page_lists(seasons):
    content, site = seasons
    loaded, _ = load_content(content, TODAY)
    event = loaded.events["monthly-lunch"].item
    cal = read(site / "events" / "monthly-lunch" / "event.ics")
    found = recurring_ical_events.of(cal).between(TODAY, TODAY + SIX_MONTHS)
    starts = sorted(entry.decoded("dtstart") for entry in found)
    expected = [start for start, _ in event.occurrences(TODAY, 12) if start.date() < TODAY + SIX_MONTHS]
    assert starts == expected
    # The second Wednesday of each month, counted with the calendar module.
    assert [start.date() for start in starts] == [day for day in second_weekdays(calendar.WEDNESDAY) if day >= TODAY][
        : len(starts)
    ]


def test_uids_survive_an_edit_of_the_title(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, content)
    source = content / "events" / "mapping-workshop.md"

    def uids(site: Path) -> tuple[list[str], list[str]]:
        own = [str(entry["uid"]) for entry in events_in(read(site / "events" / "mapping-workshop" / "event.ics"))]
        return own, sorted(str(entry["uid"]) for entry in events_in(read(site / urls.SITE_CALENDAR)))

    assert build(content, tmp_path / "before") == 0
    data, body = front_matter(source)
    old_title = data["title"]
    data["title"] = "A completely different name"
    write_front_matter(source, data, body)
    assert build(content, tmp_path / "after") == 0
    before, after = uids(tmp_path / "before"), uids(tmp_path / "after")
    assert before == after and before[0][0]
    assert "A completely different name" in (tmp_path / "after" / "events" / "mapping-workshop" / "event.ics").read_text()
    assert old_title not in (tmp_path / "after" / "events" / "mapping-workshop" / "event.ics").read_text()


# ---------------------------------------------------------------------------
# An activity's sessions


def second_weekdays(weekday: int, months: int = 9) -> list[dt.date]:
    """The second ``weekday`` of each month from TODAY's month on, from the calendar module."""
    found = []
    year, month = TODAY.year, TODAY.month
    for _ in range(months):
        days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
        found.append(dt.date(year, month, days[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def expand(path: Path, uid: str | None = None) -> list[dt.datetime]:
    found = recurring_ical_events.of(read(path)).between(TODAY, TODAY + SIX_MONTHS)
    return sorted(entry.decoded("dtstart") for entry in found if uid is None or str(entry["uid"]) == uid)


def test_second_thursday_expands_to_the_dates_occurrences_gives(seasons):
    content, site = seasons
    loaded, _ = load_content(content, TODAY)
    session = loaded.assets["second-thursday"].item.schedule.sessions[0]
    starts = expand(site / "directory" / "second-thursday" / "sessions.ics")
    expected = [day for day in next_dates(session, TODAY, 20) if day < TODAY + SIX_MONTHS]
    assert [start.date() for start in starts] == expected
    assert expected == [day for day in second_weekdays(calendar.THURSDAY) if TODAY <= day < TODAY + SIX_MONTHS]
    assert len(expected) == 6
    assert {(start.hour, start.minute) for start in starts} == {(19, 0)}
    (entry,) = events_in(read(site / "directory" / "second-thursday" / "sessions.ics"))
    assert entry["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=2TH"
    assert entry.decoded("dtstart").date() == next_dates(session, TODAY, 1)[0]
    assert entry.decoded("dtend") - entry.decoded("dtstart") == dt.timedelta(hours=2)


def test_last_friday_and_no_end_time(seasons):
    _, site = seasons
    (entry,) = events_in(read(site / "directory" / "last-friday" / "sessions.ics"))
    assert entry["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=-1FR"
    assert entry.decoded("dtend") - entry.decoded("dtstart") == calendars.DEFAULT_LENGTH
    for start in expand(site / "directory" / "last-friday" / "sessions.ics"):
        assert start.weekday() == calendar.FRIDAY and (start + dt.timedelta(days=7)).month != start.month


def test_fortnightly_expands_to_every_other_week_from_meets_on(seasons):
    content, site = seasons
    session = load_content(content, TODAY)[0].assets["fortnightly"].item.schedule.sessions[0]
    starts = expand(site / "directory" / "fortnightly" / "sessions.ics")
    every_other_week = [session.meets_on + dt.timedelta(weeks=2 * n) for n in range(60)]
    assert [start.date() for start in starts] == [day for day in every_other_week if TODAY <= day < TODAY + SIX_MONTHS]
    (entry,) = events_in(read(site / "directory" / "fortnightly" / "sessions.ics"))
    assert entry["rrule"]["FREQ"] == ["WEEKLY"] and entry["rrule"]["INTERVAL"] == [2] and entry["rrule"]["BYDAY"] == ["TU"]


def test_daily_until_midnight_and_one_off_dates(seasons):
    _, site = seasons
    (daily,) = events_in(read(site / "directory" / "daily" / "sessions.ics"))
    assert daily["rrule"].to_ical() == b"FREQ=DAILY"
    assert daily.decoded("dtend") == daily.decoded("dtstart").replace(hour=0) + dt.timedelta(days=1)
    starts = expand(site / "directory" / "one-offs" / "sessions.ics")
    assert [start.date() for start in starts] == [dt.date(2026, 12, 5), dt.date(2027, 1, 16)]  # 2026-10-01 has passed
    assert not (site / "directory" / "note-only" / "sessions.ics").exists()


@pytest.mark.parametrize(
    "stem", sorted(stem for stem, record in PUBLIC.assets.items() if calendars.has_session_calendar(record, TODAY))
)
def test_each_activity_calendar_gives_the_days_it_meets_with_a_reminder(example_site, stem):
    """Every session of every example activity: the calendar's dates are the dates the site says it meets."""
    asset = PUBLIC.assets[stem].item
    path = example_site / KINDS["asset"].url(stem) / "sessions.ics"
    entries = {str(entry["uid"]): entry for entry in events_in(read(path))}
    window = [TODAY + dt.timedelta(days=n) for n in range(SIX_MONTHS.days)]
    for number, session in enumerate(asset.schedule.sessions, 1):
        uid = calendars.session_uid(PUBLIC.site, stem, number)
        expected = [day for day in window if meets(session, day)]
        if not expected:
            continue
        assert [start.date() for start in expand(path, uid)] == expected, f"session {number}"
        entry = entries[uid]
        assert entry.decoded("dtstart").date() == next_dates(session, TODAY, 1)[0]
        assert entry.decoded("dtstart").time() == session.starts
        alarms = list(entry.walk("VALARM"))
        assert alarms and all(alarm.decoded("trigger") < dt.timedelta(0) for alarm in alarms)
        assert str(entry["summary"]) == asset.name


def test_activity_pages_offer_their_calendar(example_site):
    from bs4 import BeautifulSoup

    for stem, record in PUBLIC.assets.items():
        soup = BeautifulSoup((example_site / KINDS["asset"].url(stem) / "index.html").read_text(), "html.parser")
        link = soup.find("a", href="sessions.ics")
        if calendars.has_session_calendar(record, TODAY):
            assert link is not None and link.get_text(strip=True) == "Add to my calendar", stem
            assert "reminder" in link.parent.get_text()
            assert link.find_previous("h2").get_text(strip=True) == "When it meets"
        else:
            assert link is None, stem
