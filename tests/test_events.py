"""Event pages: dates in words with the zone, the place, cost and booking, banners,
upcoming and past by the build date, repeating events, calendar links and
schema.org data. Every expected value comes from the content and the models."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from signpost.check.validation import validate
from signpost.core import humanize
from signpost.core.kinds import KINDS
from signpost.load.yamlsource import parse_yaml
from signpost.models import Event
from signpost.render import calendars, events
from tests.conftest import EXAMPLE_CONTENT, SMALL_CONTENT, TODAY, build

EXAMPLE, _ = load_content(EXAMPLE_CONTENT, TODAY)
PUBLIC = EXAMPLE.public()
SITE = PUBLIC.site
SCHEMA = "https://schema.org/"
OFFSET = re.compile(r"[+-]\d\d:\d\d$")


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text(), "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article.md-content__inner").get_text(" ").split()).replace(" .", ".").replace(" ,", ",")


def structured(soup: BeautifulSoup) -> dict:
    (block,) = soup.find_all("script", type="application/ld+json")
    assert "</" not in block.string
    return json.loads(block.string)


def stem_where(test) -> str:
    return next(stem for stem, record in sorted(PUBLIC.events.items()) if test(record.item))


# ---------------------------------------------------------------------------
# The page


@pytest.mark.parametrize("stem", sorted(PUBLIC.events))
def test_event_page_says_when_where_cost_and_booking(example_site, stem):
    event = PUBLIC.events[stem].item
    soup = page(example_site, KINDS["event"].url(stem))
    text = text_of(soup)
    start, end = event.when(TODAY)
    words = f"{humanize.event_when(start, end)} ({event.zone_label})"
    assert words in text
    assert "(UK time)" in words  # every example event is in Europe/London
    assert humanize.cost_sentence(event.cost) in text
    if event.venue:
        assert event.venue.venue in text and event.venue.address in text
    if event.online:
        assert soup.find("a", href=event.online) is not None
    booking = event.booking
    over = event.is_over(TODAY)
    assert ("This event has ended." in text) == (over and event.status != "cancelled")
    button = soup.select_one(".sp-event__book a.md-button")
    closed = booking and booking.deadline and booking.deadline < TODAY
    if (
        booking
        and (booking.url or booking.email)
        and not over
        and event.status != "cancelled"
        and not booking.full
        and not closed
    ):
        assert button is not None and button.get_text(strip=True).startswith("Book a place")
        assert button["href"] == booking.url if booking.url else button["href"].startswith(f"mailto:{booking.email}")
    else:
        assert button is None
    if booking and booking.limited_places and not over:
        assert "Places are limited." in text
    if booking and booking.deadline and not over:
        assert f"Book by {humanize.long_date(booking.deadline)}." in text


def test_the_venue_has_a_directions_link(example_site):
    stem = stem_where(lambda event: event.venue and event.venue.latitude is not None and not event.is_over(TODAY))
    venue = PUBLIC.events[stem].item.venue
    link = page(example_site, KINDS["event"].url(stem)).find("a", href=re.compile("^https://www.openstreetmap.org/"))
    assert link.get_text(" ", strip=True).startswith("Directions")
    query = parse_qs(urlsplit(link["href"]).query)
    assert link["href"].startswith("https://www.openstreetmap.org/directions?")
    assert query["to"] == [f"{venue.latitude},{venue.longitude}"]
    without = PUBLIC.events[stem].item.venue.model_copy(update={"latitude": None, "longitude": None})
    assert parse_qs(urlsplit(events.directions_url(without)).query)["query"] == [calendars.place_text(without)]


def test_zone_label_names_other_zones():
    event = PUBLIC.events[stem_where(lambda event: True)].item
    assert event.zone_label == "UK time"
    assert event.model_copy(update={"timezone": "Europe/Helsinki"}).zone_label == "Europe/Helsinki time"


def test_postponed_event_shows_its_new_date_in_a_banner(example_site):
    stem = stem_where(lambda event: event.rescheduled)
    event = PUBLIC.events[stem].item
    soup = page(example_site, KINDS["event"].url(stem))
    banner = " ".join(soup.select_one(".sp-event__banner").get_text(" ").split())
    assert "postponed" in banner
    assert humanize.event_when(event.starts_at, event.ends_at) in banner
    assert humanize.event_when(event.start_local, event.end_local) in banner  # what it was
    assert soup.select_one(".sp-event__banner time")["datetime"] == event.starts_at.isoformat()
    data = structured(soup)
    assert data["eventStatus"] == SCHEMA + "EventRescheduled"
    assert data["startDate"] == event.starts_at.isoformat() and data["previousStartDate"] == event.start_local.isoformat()
    listing = page(example_site, "events").select_one("#upcoming").find_parent("section")
    card = listing.find("a", string=event.title).find_parent("li")
    assert "Postponed" in card.select_one(".sp-badge").get_text()


def test_repeating_event_lists_its_next_dates(example_site):
    stem = stem_where(lambda event: event.repeats is not None)
    event = PUBLIC.events[stem].item
    soup = page(example_site, KINDS["event"].url(stem))
    listed = [time["datetime"] for time in soup.select("#next-dates ~ ul time")]
    assert listed == [start.isoformat() for start, _ in event.occurrences(TODAY, events.NEXT_DATES)]
    assert len(listed) == events.NEXT_DATES
    assert events.repeat_text(event) in text_of(soup)
    # On the list and the home page by its next date.
    for url, selector in (("events", "#upcoming"), ("", "#coming-up")):
        section = page(example_site, url).select_one(selector).find_parent("section")
        card = section.find("a", string=event.title).find_parent("li")
        assert card.find("time")["datetime"] == event.when(TODAY)[0].isoformat()


def test_repeat_rules_in_words():
    base = PUBLIC.events[stem_where(lambda event: event.repeats is not None)].item
    cases = {
        "FREQ=MONTHLY;BYDAY=2WE": "The second Wednesday of every month",
        "FREQ=MONTHLY;BYDAY=-1WE;COUNT=3": "The last Wednesday of every month, 3 times in all",
        "FREQ=WEEKLY;INTERVAL=2": f"Every other {base.start:%A}",
        "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630": "Every Tuesday and Thursday, until Wednesday 30 June 2027",
        "FREQ=DAILY": "Every day",
        "FREQ=MONTHLY": f"The {base.start.day}th of every month",
    }
    for rule, words in cases.items():
        event = base.model_copy(update={"repeats": rule})
        assert events.repeat_text(event) == words


def test_event_calendar_links(example_site):
    stem = stem_where(lambda event: not event.is_over(TODAY) and event.repeats is None and event.status == "scheduled")
    event = PUBLIC.events[stem].item
    soup = page(example_site, KINDS["event"].url(stem))
    section = soup.select_one("#add-to-calendar").find_parent("section")
    ics = section.find("a", string="Add to my calendar")
    assert ics["href"] == "event.ics" and (example_site / KINDS["event"].url(stem) / "event.ics").is_file()
    google = parse_qs(urlsplit(section.find("a", string="Google Calendar")["href"]).query)
    utc = [moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ") for moment in (event.start_local, event.end_local)]
    assert google["action"] == ["TEMPLATE"] and google["text"] == [event.title] and google["dates"] == ["/".join(utc)]
    assert SITE.absolute(KINDS["event"].url(stem)) in google["details"][0]
    outlook = section.find("a", string="Outlook.com")["href"]
    assert outlook.startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    query = parse_qs(urlsplit(outlook).query)
    assert query["subject"] == [event.title]
    assert query["startdt"] == [event.start_local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")]
    assert soup.find("a", string="Print a flyer")["href"] == "flyer/"


# ---------------------------------------------------------------------------
# Structured data


@pytest.mark.parametrize("stem", sorted(PUBLIC.events))
def test_structured_data_describes_the_event(example_site, stem):
    event = PUBLIC.events[stem].item
    data = structured(page(example_site, KINDS["event"].url(stem)))
    start, end = event.when(TODAY)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == event.title and data["description"] == event.summary
    assert data["startDate"] == start.isoformat() and OFFSET.search(data["startDate"])
    assert data["endDate"] == end.isoformat() and OFFSET.search(data["endDate"])
    status = {"cancelled": "EventCancelled", "postponed": "EventRescheduled" if event.rescheduled else "EventPostponed"}
    assert data["eventStatus"] == SCHEMA + status.get(event.status, "EventScheduled")
    mode = "Mixed" if event.venue and event.online else "Online" if event.online else "Offline"
    assert data["eventAttendanceMode"] == f"{SCHEMA}{mode}EventAttendanceMode"
    places = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert [place["@type"] for place in places] == ["Place"] * bool(event.venue) + ["VirtualLocation"] * bool(event.online)
    if event.venue:
        address = places[0]["address"]
        assert places[0]["name"] == event.venue.venue and address["@type"] == "PostalAddress"
        assert address["streetAddress"] == event.venue.address and address["addressCountry"] == "GB"
        assert address.get("postalCode") == event.venue.postcode
        if event.venue.latitude is not None:
            assert places[0]["geo"] == {
                "@type": "GeoCoordinates",
                "latitude": event.venue.latitude,
                "longitude": event.venue.longitude,
            }
    if event.online:
        assert places[-1]["url"] == event.online
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    booking = event.booking
    assert offer["url"] == (booking.url if booking and booking.url else SITE.absolute(KINDS["event"].url(stem)))
    if event.cost.free:
        assert offer["price"] == "0" and offer["priceCurrency"] == "GBP"
    else:
        assert offer["price"] == str(event.cost.amount) and offer["priceCurrency"] == "GBP"
    availability = (
        "SoldOut" if booking and booking.full else "LimitedAvailability" if booking and booking.limited_places else "InStock"
    )
    assert offer["availability"] == SCHEMA + availability
    if booking and booking.deadline:
        assert offer["validThrough"].startswith(booking.deadline.isoformat())
    else:
        assert "validThrough" not in offer
    assert data["organizer"]["@type"] == "Organization" and data["organizer"]["name"] == event.organiser.name
    assert data["organizer"].get("url") == event.organiser.website and data["organizer"].get("email") == event.organiser.email
    assert data["image"] == [SITE.absolute("assets/images/share.png")]
    assert data["url"] == SITE.absolute(KINDS["event"].url(stem))


# ---------------------------------------------------------------------------
# Built from edited copies


def front_matter(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text().split("---\n", 2)
    return yaml.safe_load(front), body


def rewrite(path: Path, **changes) -> dict:
    data, body = front_matter(path)
    data.update(changes)
    path.write_text("---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body)
    return data


def test_events_move_from_coming_up_to_past_with_the_build_date(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, content)
    loaded, _ = load_content(content, TODAY)
    (stem, record), *_ = loaded.events.items()
    event = record.item
    url = KINDS["event"].url(stem)
    for today, upcoming in ((event.start.date() - dt.timedelta(days=1), True), (event.end.date() + dt.timedelta(days=1), False)):
        site = tmp_path / today.isoformat()
        assert build(content, site, today=today) == 0
        listing = page(site, "events")
        coming_up = listing.select_one("#upcoming").find_parent("section")
        past = listing.select_one("#past")
        assert (coming_up.find("a", string=event.title) is not None) == upcoming
        assert (past is not None and past.find_parent("section").find("a", string=event.title) is not None) == (not upcoming)
        home = page(site, "").select_one("#coming-up").find_parent("section")
        assert (home.find("a", string=event.title) is not None) == upcoming
        text = text_of(page(site, url))
        assert ("This event has ended." in text) == (not upcoming)
        assert (page(site, url).select_one("#add-to-calendar") is not None) == upcoming


def test_a_cancelled_event_says_so_everywhere(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, content)
    source = next((content / "events").glob("*.md"))
    rewrite(source, status="cancelled", title="</script><script>alert(1)</script> & co")
    assert build(content, tmp_path / "site") == 0
    soup = page(tmp_path / "site", KINDS["event"].url(source.stem))
    assert "This event has been cancelled." in text_of(soup)
    assert soup.select_one("#add-to-calendar") is None and soup.select_one(".sp-event__book") is None
    data = structured(soup)
    assert data["eventStatus"] == SCHEMA + "EventCancelled"
    assert data["name"] == "</script><script>alert(1)</script> & co"
    card = page(tmp_path / "site", "events").select_one(".sp-card--event")
    assert card.select_one(".sp-badge").get_text(strip=True) == "Cancelled"


def test_repeating_event_after_some_dates_have_passed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, content)
    source = next((content / "events").glob("*.md"))
    rewrite(source, start="2026-12-09 12:30", end="2026-12-09 14:00", repeats="FREQ=MONTHLY;BYDAY=2WE;COUNT=3")
    event = load_content(content, TODAY)[0].events[source.stem].item
    url = KINDS["event"].url(source.stem)
    for today, expected in ((dt.date(2027, 1, 1), dt.date(2027, 1, 13)), (dt.date(2027, 2, 11), None)):
        site = tmp_path / today.isoformat()
        assert build(content, site, today=today) == 0
        soup = page(site, url)
        if expected:
            assert soup.select_one(".sp-facts time")["datetime"] == event.occurrences(today)[0][0].isoformat()
            assert event.occurrences(today)[0][0].date() == expected
            assert [time["datetime"][:10] for time in soup.select("#next-dates ~ ul time")] == ["2027-01-13", "2027-02-10"]
        else:
            assert "This event has ended." in text_of(soup)
            assert page(site, "events").select_one("#past").find_parent("section").find("a", string=event.title)


# ---------------------------------------------------------------------------
# What staff write


GOOD = """\
title: Lunch
summary: A lunch.
start: 2026-12-09 12:30
end: 2026-12-09 14:00
repeats: FREQ=MONTHLY;BYDAY=2WE
online: https://example.org/join
cost:
  free: true
organiser:
  name: The Signpost team
"""


def problems(text: str) -> list[str]:
    document, found = parse_yaml(text, "e.md")
    if document is not None and not found:
        _, found = validate(Event, document, "e.md")
    return [problem.as_text() for problem in found]


def test_a_good_repeat_rule_is_accepted():
    assert problems(GOOD) == []
    assert problems(GOOD.replace("FREQ=MONTHLY;BYDAY=2WE", "rrule:freq=monthly;byday=2we;until=2027-06-30")) == []


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("FREQ=MONTHY;BYDAY=2WE", "repeats: FREQ=MONTHY is not a frequency we know — did you mean FREQ=MONTHLY?"),
        (
            "every second wednesday",
            "repeats: 'every second wednesday' is not a repeat rule we can read — write it like FREQ=MONTHLY;BYDAY=2WE "
            "(the second Wednesday of every month) or FREQ=WEEKLY;BYDAY=TU (every Tuesday)",
        ),
        (
            "FREQ=MONTHLY;BYDAY=2WD",
            "repeats: 'BYDAY=2WD' cannot be read — days are MO, TU, WE, TH, FR, SA and SU, with a number in front "
            "for the week of the month: 2WE is the second Wednesday, -1FR the last Friday",
        ),
        ("FREQ=MONTHLY;BYDYA=2WE", "repeats: 'BYDYA' is not part of a repeat rule — did you mean BYDAY?"),
        (
            "FREQ=MONTHLY;BYDAY=2WE;COUNT=3;UNTIL=20270101",
            "repeats: gives both COUNT and UNTIL — keep one: COUNT for how many times, or UNTIL for the last date",
        ),
        (
            "FREQ=MONTHLY;BYDAY=2TH",
            "repeats: does not include the start, Wednesday 9 December 2026 — set start to the first date it gives, "
            "Thursday 10 December 2026, or change the rule",
        ),
        (
            "FREQ=HOURLY",
            "repeats: FREQ=HOURLY repeats more than once a day — an event can repeat DAILY, WEEKLY, MONTHLY or YEARLY",
        ),
    ],
)
def test_a_bad_repeat_rule_is_explained_at_its_line(rule, expected):
    assert problems(GOOD.replace("FREQ=MONTHLY;BYDAY=2WE", rule)) == [f"e.md:5: {expected}"]


def test_a_new_date_belongs_to_a_postponed_event():
    single = GOOD.replace("repeats: FREQ=MONTHLY;BYDAY=2WE\n", "")
    moved = single + "status: postponed\nnew_start: 2027-01-20 12:30\n"
    assert problems(moved) == []
    assert problems(single + "new_start: 2027-01-20 12:30\n") == [
        "e.md:10: new_start: is only for postponed events — set 'status: postponed', or remove new_start"
    ]
    assert problems(moved + "new_end: 2027-01-20 11:00\n") == [
        "e.md:12: new_end: ends before the new start — check the new dates and times"
    ]
