"""Each model accepts good input and explains bad input in exact, plain words."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from signpost.check.validation import validate
from signpost.core.humanize import cost_text, schedule_lines
from signpost.core.kinds import every_model
from signpost.load.yamlsource import parse_yaml
from signpost.models import Asset, CaseStudy, Event, NewsletterIssue

GOOD_ASSET = """\
name: Riverside Knit and Natter
summary: A relaxed knitting group with tea and cake.
description: Bring a project or learn from scratch.
domains: [arts-and-crafts]
area: riverside
schedule:
  sessions:
    - repeats: weekly
      days: [wednesday]
      starts: 14:00
      ends: 16:00
cost:
  free: true
contact:
  phone: 01632 960 200
last_checked: 2026-10-01
"""


def asset_problems(text: str) -> list[str]:
    """Validate asset YAML; return each problem as the line staff would read."""
    document, problems = parse_yaml(text, "asset.yml")
    if document is not None and not problems:
        _, problems = validate(Asset, document, "asset.yml")
    return [problem.as_text() for problem in problems]


def with_change(old: str, new: str) -> str:
    assert old in GOOD_ASSET
    return GOOD_ASSET.replace(old, new)


def test_good_asset_validates_and_reads_times_as_times():
    document, _ = parse_yaml(GOOD_ASSET, "asset.yml")
    asset, problems = validate(Asset, document, "asset.yml")
    assert problems == []
    assert asset.schedule.sessions[0].starts == dt.time(14, 0)
    assert schedule_lines(asset.schedule) == ["Every Wednesday, 2pm to 4pm"]
    assert cost_text(asset.cost) == "Free"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "name: Riverside",
            "nmae: Riverside",
            # One mistake, one message: "name" is not also reported missing.
            ["asset.yml:1: nmae: is not a field we know — did you mean 'name'?"],
        ),
        (
            "      days: [wednesday]",
            "      days: [wensday]",
            ["asset.yml:9: schedule.sessions[1].days[1]: 'wensday' is not one of the choices — did you mean 'wednesday'?"],
        ),
        (
            "      starts: 14:00",
            "      starts: 2pm",
            ["asset.yml:10: schedule.sessions[1].starts: '2pm' is not a time — use the 24-hour clock, in quotes, like '19:30'"],
        ),
        (
            "      ends: 16:00",
            "      ends: 13:00",
            [
                "asset.yml:11: schedule.sessions[1].ends: 13:00 is before the start, 14:00 — check the times use the 24-hour clock (write midnight as '00:00')"
            ],
        ),
        (
            "last_checked: 2026-10-01",
            "last_checked: 1st October",
            ["asset.yml:16: last_checked: '1st October' is not a date — write the date as YYYY-MM-DD, for example 2026-11-22"],
        ),
        (
            "  free: true",
            "  free: false",
            ["asset.yml:12: cost: says free: false but gives no amount or note — add 'amount:' in pounds"],
        ),
        (
            "  free: true",
            "  free: true\n  amount: £3",
            ["asset.yml:14: cost.amount: '£3' must be an amount in pounds — write it like 3.50, without a £ sign"],
        ),
        (
            "  phone: 01632 960 200",
            "  phone: call us",
            ["asset.yml:15: contact.phone: 'call us' is not a phone number — use digits and spaces, for example 01632 960 123"],
        ),
        (
            "  phone: 01632 960 200",
            "  website: javascript:alert(1)",
            ["asset.yml:15: contact.website: must be a web address starting with https:// or http://"],
        ),
        (
            "domains: [arts-and-crafts]",
            "domains: []",
            ["asset.yml:4: domains: needs at least one item — add an item on a line that starts with '- '"],
        ),
        (
            "domains: [arts-and-crafts]",
            "domains: arts-and-crafts",
            [
                "asset.yml:4: domains: 'arts-and-crafts' should be a list — write it as [first, second] or as lines that start with '- '"
            ],
        ),
        (
            "area: riverside",
            "area: River Side",
            [
                "asset.yml:5: area: 'River Side' is not a valid id — use lowercase letters, numbers and hyphens, for example 'town-centre'"
            ],
        ),
        (
            "summary: A relaxed knitting group with tea and cake.",
            "summary: ''",
            ["asset.yml:2: summary: is empty — write something, or delete the line"],
        ),
        (
            "last_checked: 2026-10-01",
            "last_checked: 2026-10-01\nstaff_note: x",
            ["asset.yml:17: staff_note: is not a field we know — did you mean 'staff_notes'?"],
        ),
        (
            "      starts: 14:00",
            "      starts: 10.30",
            [
                "asset.yml:10: schedule.sessions[1].starts: 10.3 is a number, not a time — write it with a colon, in quotes, like '10:30'"
            ],
        ),
        (
            "      starts: 14:00",
            "      starts: 1000",
            [
                "asset.yml:10: schedule.sessions[1].starts: 1000 is a number, not a time — write it with a colon, in quotes, like '10:30'"
            ],
        ),
        (
            "      starts: 14:00",
            "      starts: '10:00+05:00'",
            [
                "asset.yml:10: schedule.sessions[1].starts: '10:00+05:00' is not a time — use the 24-hour clock, in quotes, like '19:30'"
            ],
        ),
        (
            "domains: [arts-and-crafts]",
            "domains: [arts-and-crafts, arts-and-crafts]",
            ["asset.yml:4: domains: lists the same domain twice — remove one"],
        ),
    ],
)
def test_bad_asset_is_explained_at_its_line(old, new, expected):
    assert asset_problems(with_change(old, new)) == expected


def test_a_session_may_end_at_midnight():
    document, _ = parse_yaml(with_change("      ends: 16:00", "      ends: '00:00'"), "asset.yml")
    asset, problems = validate(Asset, document, "asset.yml")
    assert problems == []
    assert schedule_lines(asset.schedule) == ["Every Wednesday, 2pm to midnight"]


def test_every_problem_in_a_file_is_reported_at_once():
    text = with_change("name: Riverside", "nmae: Riverside").replace("days: [wednesday]", "days: [wensday]")
    assert len(asset_problems(text)) == 2


@pytest.mark.parametrize(
    ("session", "expected"),
    [
        (
            {"repeats": "fortnightly", "days": ["saturday"], "meets_on": "2026-11-28", "starts": "10:00"},
            "Every other Saturday, from 10am",
        ),
        (
            {"repeats": "monthly", "weeks": ["first", "third"], "days": ["sunday"], "starts": "12:00", "ends": "13:30"},
            "The first and third Sunday of the month, 12 noon to 1:30pm",
        ),
        (
            {"repeats": "once", "dates": ["2027-03-14"], "starts": "09:30", "ends": "12:00"},
            "Sunday 14 March 2027, 9:30am to 12 noon",
        ),
        ({"repeats": "daily", "starts": "08:00", "ends": "18:00"}, "Every day, 8am to 6pm"),
    ],
)
def test_schedules_read_as_plain_english(session, expected):
    document, _ = parse_yaml(yaml.safe_dump({"sessions": [session]}), "s.yml")
    from signpost.models.schedule import Schedule

    schedule, problems = validate(Schedule, document, "s.yml")
    assert problems == []
    assert schedule_lines(schedule) == [expected]


@pytest.mark.parametrize(
    ("session", "message"),
    [
        ({"repeats": "weekly", "starts": "10:00"}, "repeats weekly but has no days"),
        (
            {"repeats": "monthly", "days": ["monday"], "starts": "10:00"},
            "use weeks: (for example [first, third]) with repeats: monthly, and only then",
        ),
        ({"repeats": "once", "starts": "10:00"}, "use dates: (for example [2027-03-14]) with repeats: once, and only then"),
        ({"repeats": "daily", "days": ["monday"], "starts": "10:00"}, "repeats daily, so leave out days"),
    ],
)
def test_incomplete_schedules_are_explained(session, message):
    from signpost.models.schedule import Schedule

    document, _ = parse_yaml(yaml.safe_dump({"sessions": [session]}), "s.yml")
    _, problems = validate(Schedule, document, "s.yml")
    assert [problem.message for problem in problems] == [message]


def test_event_times_are_aware_in_london_by_default():
    data = {
        "title": "T",
        "summary": "S",
        "start": "2027-07-01 10:00",
        "end": "2027-07-01 12:00",
        "cost": {"free": True},
        "organiser": {"name": "O"},
        "online": "https://example.org/join",
    }
    event = Event.model_validate(data)
    assert event.start_local.isoformat() == "2027-07-01T10:00:00+01:00"


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2027-05-15", "start: 2027-05-15 has no time — write it as '2027-05-15 10:00'"),
        (1000, "start: '1000' is not a date and time — write it as 'YYYY-MM-DD HH:MM', like '2027-03-14 10:00'"),
        ("2027-02-30 10:00", "start: '2027-02-30 10:00' is not a real date and time — check the day, month and hour"),
        (
            "2027-05-15 10:00+02:00",
            "start: '2027-05-15 10:00+02:00' is not a date and time — write it as 'YYYY-MM-DD HH:MM', like '2027-03-14 10:00'",
        ),
    ],
)
def test_event_start_needs_a_local_date_and_time(start, message):
    data = {
        "title": "T",
        "summary": "S",
        "start": start,
        "end": "2027-07-01 12:00",
        "cost": {"free": True},
        "organiser": {"name": "O"},
        "online": "https://example.org/join",
    }
    document, _ = parse_yaml(yaml.safe_dump(data).replace("'2027-05-15'", "2027-05-15"), "e.md")
    _, problems = validate(Event, document, "e.md")
    assert [problem.as_text().split(": ", 1)[1] for problem in problems] == [message]


def test_costs_and_event_dates_read_once_and_fully():
    from signpost.core.humanize import cost_sentence, event_when
    from signpost.models.common import Cost

    assert cost_sentence(Cost(free=False, note="Coffee and cake for £2")) == "Coffee and cake for £2."
    assert cost_sentence(Cost(free=False, amount=3, per="session", concessions="Carers free")) == "£3 a session. Carers free."
    start, end = dt.datetime(2027, 5, 14, 10), dt.datetime(2027, 5, 16, 16)
    assert event_when(start, end) == "Friday 14 May 2027, 10am to Sunday 16 May 2027, 4pm"
    assert event_when(start, start.replace(hour=12, minute=30)) == "Friday 14 May 2027, 10am to 12:30pm"


GOOD_EVENT = """\
title: Mapping community assets
summary: A workshop on finding what already helps people.
start: 2027-07-01 10:00
end: 2027-07-01 12:00
online: https://example.org/join
cost:
  free: true
organiser:
  name: The Signpost team
"""
A_VENUE = "venue:\n  venue: Hollinsford Library\n  address: 1 Market Street\n"
_START = "2027-07-01 10:00 — check the date and time, and use the 24-hour clock (14:00 for 2pm)"


def event_problems(text: str) -> list[str]:
    """Validate event front matter; return each problem as the line staff would read."""
    document, problems = parse_yaml(text, "e.md")
    if document is not None and not problems:
        _, problems = validate(Event, document, "e.md")
    return [problem.as_text() for problem in problems]


def event_with_change(old: str, new: str) -> str:
    assert old in GOOD_EVENT
    return GOOD_EVENT.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [("", ""), ("online: https://example.org/join\n", A_VENUE), ("cost:", A_VENUE + "cost:")],
    ids=["online only", "venue only", "venue and online"],
)
def test_event_with_a_place_and_a_sensible_end_is_good(old, new):
    assert event_problems(event_with_change(old, new)) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("online: https://example.org/join\n", "", ["e.md:1: needs a venue or an online link"]),
        ("end: 2027-07-01 12:00", "end: 2027-07-01 09:00", [f"e.md:4: end: 2027-07-01 09:00 is before the start, {_START}"]),
        ("end: 2027-07-01 12:00", "end: 2027-07-01 10:00", [f"e.md:4: end: 2027-07-01 10:00 is the same as the start, {_START}"]),
        ("end: 2027-07-01 12:00", "end: 2027-06-30 12:00", [f"e.md:4: end: 2027-06-30 12:00 is before the start, {_START}"]),
        (
            "cost:",
            "timezone: Europe/Londn\ncost:",
            ["e.md:6: timezone: is not a time zone name — use a name such as Europe/London"],
        ),
    ],
    ids=["no venue or online link", "ends before it starts", "ends as it starts", "ends the day before", "unknown time zone"],
)
def test_bad_event_is_explained(old, new, expected):
    assert event_problems(event_with_change(old, new)) == expected


def test_case_study_without_consent_is_not_publishable():
    data = {
        "title": "T",
        "summary": "S",
        "setting": "S",
        "service_type": "S",
        "worker": "W",
        "individual": "I",
        "worker_perspective": "W",
        "individual_perspective": "I",
        "date": "2026-01-01",
    }
    assert CaseStudy.model_validate(data).publishable is False
    data["consent"] = {"given": True, "date": "2026-01-01", "recorded_by": "W"}
    assert CaseStudy.model_validate(data).publishable is True


def test_newsletter_item_must_name_exactly_one_thing():
    document, _ = parse_yaml("number: 1\ntitle: T\ndate: 2026-01-01\nitems:\n  - news: a\n    event: b\n", "n.md")
    _, problems = validate(NewsletterIssue, document, "n.md")
    assert [problem.as_text() for problem in problems] == ["n.md:5: items[1]: needs exactly one of news, event or case_study"]


EVERY_MODEL = every_model()


@pytest.mark.parametrize("model", EVERY_MODEL.values(), ids=EVERY_MODEL.keys())
def test_every_field_is_documented(model):
    """Field descriptions are the documentation: the README and schema use them."""
    from pydantic import BaseModel

    def walk(cls):
        for name, info in cls.model_fields.items():
            yield cls.__name__, name, info
            for inner in _models_in(info.annotation):
                yield from walk(inner)

    def _models_in(annotation):
        import typing

        args = typing.get_args(annotation) or (annotation,)
        for arg in args:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                yield arg
            elif typing.get_args(arg):
                yield from _models_in(arg)

    undocumented = [f"{owner}.{name}" for owner, name, info in walk(model) if not info.description]
    assert undocumented == [], f"fields with no description: {', '.join(undocumented)}"
