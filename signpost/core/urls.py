"""Where each page lives. URLs are permanent: links from leaflets depend on them.

Every URL here is site-relative and folder-style (``directory/<stem>/``);
pages link to each other with relative URLs so the site works from any path.
The address of each kind of record comes from the registry in ``signpost.core.kinds``.
"""

from __future__ import annotations

import posixpath

from signpost.core.kinds import DAYS, KINDS, TAXONOMIES

_GROUPINGS = {**TAXONOMIES, DAYS.name: DAYS}

HOME = ""
SEARCH = "search/"
FIND = "find/"
SHORTLIST = "shortlist/"


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
