"""What the find page can filter activities by, worked out once per asset.

Each facet turns an asset into the values it matches. The asset page carries
them as Pagefind filters, so the header search and ``/find/`` filter one
index; the find page's options and the no-JavaScript day lists come from the
same definitions. The address of ``/find/`` names facets and values exactly
as here: ``?domain=sport&day=tuesday&time=evening&access=step_free``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from signpost.collect.occurrences import meeting_days, session_weekdays, time_of_day, week_parity
from signpost.models import Asset
from signpost.models.schedule import WEEKDAYS

# One word on every activity page, inside the indexed text. Pagefind loads
# its whole word index for a search with filters and no words (over 2 MB at
# 10,000 activities); a search for this word with the same filters gives the
# same pages from one small part of the index.
EVERY_ACTIVITY = "signpostactivity"
TIMES = ("morning", "afternoon", "evening")
TIME_LABELS = {
    "morning": "Morning (starts before 12 noon)",
    "afternoon": "Afternoon (12 noon to 5pm)",
    "evening": "Evening (starts 5pm or later)",
}
ACCESS_LABELS = {
    "step_free": "Step-free access",
    "accessible_toilet": "Accessible toilet",
    "hearing_loop": "Hearing loop",
    "bsl": "British Sign Language",
    "quiet_space": "Quiet space",
    "large_print": "Large print",
}
WELCOME_LABELS = {
    "accompanied_first_visit": "You can bring someone the first time",
    "buddy": "A buddy to show you around",
    "mental_health_aware": "Used to welcoming people with mental health problems",
    "learning_disability_aware": "Used to welcoming people with learning disabilities",
}
AUDIENCE_LABELS = {
    "everyone": "Everyone",
    "women": "Women",
    "men": "Men",
    "lgbtq": "LGBTQ+ people",
    "carers": "Carers",
    "young-people": "Young people",
    "older-people": "Older people",
    "families": "Families",
    "beginners": "Beginners",
    "people-with-learning-disabilities": "People with learning disabilities",
    "people-with-mental-health-problems": "People with mental health problems",
    "people-with-sight-loss": "People with sight loss",
}
TAKING_LABELS = {"yes": "Taking new people", "waiting-list": "Waiting list"}
_MONTH_WEEKS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "last": "L"}


@dataclass(frozen=True)
class Facet:
    """One way to filter: the address key, its heading and its options (value → label)."""

    key: str
    heading: str
    options: dict[str, str]


def asset_filters(asset: Asset) -> dict[str, list[str]]:
    """Every Pagefind filter value of one asset, by filter name."""
    filters: dict[str, list[str]] = {
        "domain": list(asset.domains),
        "area": [asset.area],
        "day": meeting_days(asset.schedule),
        "time": sorted({time_of_day(session) for session in asset.schedule.sessions}, key=TIMES.index),
        # Day and time of the same session, so "Tuesday evening" means one session.
        "slot": sorted(
            {f"{day}-{time_of_day(session)}" for session in asset.schedule.sessions for day in session_weekdays(session)}
        ),
        # "On today" and the like claim a date: only for what is meeting now, not paused.
        "meets": sorted({key for session in asset.schedule.sessions for key in _meeting_keys(session)})
        if asset.is_meeting
        else [],
        "cost": ["free"] if asset.cost.free else [],
        "access": [name for name in ACCESS_LABELS if getattr(asset.accessibility, name)],
        "audience": list(asset.audience.groups),
        "welcome": [name for name in WELCOME_LABELS if getattr(asset.welcome, name)],
        "taking": [asset.taking_new_people] if asset.taking_new_people else [],
        # Ages as two one-value filters: a person of age A fits when from ≤ A ≤ to.
        "age_from": [str(asset.audience.min_age or 0)],
        "age_to": [str(asset.audience.max_age) if asset.audience.max_age is not None else "none"],
    }
    return {name: values for name, values in filters.items() if values}


def _meeting_keys(session) -> list[str]:
    """Keys the browser can compute for a date, to find what meets on it ("On today").

    w-tuesday-evening (weekly), f-tuesday-1-evening (fortnightly, week parity),
    m-tuesday-2-evening or m-tuesday-L-evening (monthly), d-2027-03-14-morning (once).
    """
    time = time_of_day(session)
    if session.repeats in ("daily", "weekly"):
        return [f"w-{day}-{time}" for day in session_weekdays(session)]
    if session.repeats == "fortnightly":
        return [f"f-{day}-{week_parity(session.meets_on)}-{time}" for day in session.days]
    if session.repeats == "monthly":
        return [f"m-{day}-{_MONTH_WEEKS[week]}-{time}" for day in session.days for week in session.weeks]
    return [f"d-{date.isoformat()}-{time}" for date in session.dates]


def find_facets(domains: dict, areas: dict) -> list[Facet]:
    """The facets the find page offers, in the order it shows them."""
    return [
        Facet("domain", "Type of activity", {key: record.item.name for key, record in domains.items()}),
        Facet("area", "Area", {key: record.item.name for key, record in areas.items()}),
        Facet("day", "Day", {day: day.capitalize() for day in WEEKDAYS}),
        Facet("time", "Time of day", TIME_LABELS),
        Facet("cost", "Cost", {"free": "Free"}),
        Facet("welcome", "First visit", WELCOME_LABELS),
        Facet("access", "Access", ACCESS_LABELS),
        Facet("audience", "Who it is for", AUDIENCE_LABELS),
        Facet("taking", "Taking new people", TAKING_LABELS),
    ]


def search_words(content) -> bytes:
    """The words a search can suggest when it finds nothing ("Did you mean football?").

    Taken from the names and summaries of activities, events and stories and
    from the domain and area names: what people look for, not every word.
    """
    texts = [record.item.name + " " + record.item.summary for record in content.assets.values()]
    texts += [record.item.title + " " + record.item.summary for record in content.events.values()]
    texts += [record.item.title for record in content.case_studies.values()]
    texts += [record.item.name for taxonomy in (content.domains, content.areas) for record in taxonomy.values()]
    words = {word for text in texts for word in re.findall(r"[a-z][a-z'-]{2,}", text.lower()) if not word.endswith("'")}
    return json.dumps(sorted(words), separators=(",", ":")).encode()
