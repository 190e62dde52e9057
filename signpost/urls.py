"""Where each page lives. URLs are permanent: links from leaflets depend on them.

Every URL here is site-relative and directory-style (``directory/<stem>/``);
pages link to each other with relative URLs so the site works from any path.
"""

from __future__ import annotations

import posixpath

HOME = ""


def asset(stem: str) -> str:
    """The page of one community asset."""
    return f"directory/{stem}/"


def domain(identifier: str) -> str:
    """The listing of one domain's assets."""
    return f"domains/{identifier}/"


def area(identifier: str) -> str:
    """The listing of one area's assets."""
    return f"areas/{identifier}/"


def event(stem: str) -> str:
    """The page of one event."""
    return f"events/{stem}/"


def case_study(stem: str) -> str:
    """The page of one case study."""
    return f"case-studies/{stem}/"


def newsletter(stem: str) -> str:
    """The archived page of one newsletter issue."""
    return f"newsletter/{stem}/"


def news(stem: str) -> str:
    """A news post (the blog is configured with ``post_url_format: "{file}"``)."""
    return f"news/{stem}/"


INDEXES = {
    "domains": "domains/",
    "areas": "areas/",
    "events": "events/",
    "news": "news/",
    "case_studies": "case-studies/",
    "newsletters": "newsletter/",
    "search": "search/",
}


def source_path(url: str) -> str:
    """The page-source path for a URL: ``directory/x/`` → ``directory/x.md``."""
    if url in ("", "/"):
        return "index.md"
    stripped = url.strip("/")
    return f"{stripped}/index.md" if url in INDEXES.values() else f"{stripped}.md"


def relative(from_url: str, to_url: str) -> str:
    """The relative link from the page at ``from_url`` to ``to_url``."""
    target = posixpath.relpath("/" + to_url, "/" + from_url)
    if target == ".":
        return "./"
    is_folder = to_url in ("", "/") or to_url.endswith("/")
    return target + "/" if is_folder and not target.endswith("/") else target
