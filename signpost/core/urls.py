"""Where each page lives. URLs are permanent: links from leaflets depend on them.

Every URL here is site-relative and folder-style (``directory/<stem>/``);
pages link to each other with relative URLs so the site works from any path.
The address of each kind of record comes from the registry in ``signpost.core.kinds``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from signpost.core.content import Record
from signpost.core.kinds import DAYS, KINDS, TAXONOMIES

_GROUPINGS = {**TAXONOMIES, DAYS.name: DAYS}

HOME = ""
SEARCH = "search/"
FIND = "find/"
SHORTLIST = "shortlist/"
# Calendar files: every event, one event, one activity's sessions.
SITE_CALENDAR = "events.ics"
EVENT_CALENDAR = "event.ics"
SESSION_CALENDAR = "sessions.ics"
FLYER_FOLDER = "flyer/"


def of(kind: str, stem: str) -> str:
    """The page of one record of ``kind`` (a content kind, or "domain" / "area")."""
    registry = KINDS.get(kind) or _GROUPINGS[kind]
    return registry.url(stem)


def index(kind: str) -> str:
    """The list page of ``kind`` (for example "event" → ``events/``)."""
    registry = KINDS.get(kind) or _GROUPINGS[kind]
    return registry.index_url


def numbered(first_page: str, number: int) -> str:
    """Page ``number`` of a listing whose first page is at ``first_page``."""
    return first_page if number == 1 else f"{first_page}page/{number}/"


def relative(from_url: str, to_url: str) -> str:
    """The relative link from the page at ``from_url`` to ``to_url``."""
    target = posixpath.relpath("/" + to_url, "/" + from_url)
    if target == ".":
        return "./"
    is_folder = to_url in ("", "/") or to_url.endswith("/")
    return target + "/" if is_folder and not target.endswith("/") else target


def event_calendar_url(stem: str) -> str:
    """Where one event's calendar file is, site-relative."""
    return KINDS["event"].url(stem) + EVENT_CALENDAR


def session_calendar_url(stem: str) -> str:
    """Where an activity's calendar of sessions is, site-relative."""
    return KINDS["asset"].url(stem) + SESSION_CALENDAR


def flyer_url(stem: str) -> str:
    """Where an event's flyer is, site-relative."""
    return KINDS["event"].url(stem) + FLYER_FOLDER


def category_urls(posts: Sequence[Record]) -> list[str]:
    """The page of each news category the posts use, in name order.

    The engine's blog writes these pages (at ``news/category/<slug>/``, its
    slug being the name in lower case, spaces as hyphens, other punctuation
    dropped); the core lists them in the sitemap.
    """
    names = sorted({category for record in posts for category in record.item.categories}, key=str.casefold)
    slugs = dict.fromkeys(re.sub(r"[^\w\- ]", "", name.strip().lower()).replace(" ", "-") for name in names)
    return [f"{KINDS['news'].index_url}category/{slug}/" for slug in slugs]
