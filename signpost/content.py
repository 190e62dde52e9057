"""The loaded content of a site: every record with its source file and lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from signpost.models import Area, Asset, CaseStudy, Domain, Event, NewsletterIssue, NewsPost, SiteInfo
from signpost.yamlsource import YamlDocument

M = TypeVar("M", bound=BaseModel)


# What may be published, per kind. Domains and areas are always public.
PUBLISHED = {
    "assets": lambda asset: not asset.draft,
    "case_studies": lambda story: story.publishable,
    "events": lambda event: not event.draft,
    "newsletters": lambda issue: not issue.draft,
    "news": lambda post: not post.draft,
}


@dataclass(frozen=True)
class Record(Generic[M]):
    """One validated item, with where it came from.

    ``stem`` is the file name without its extension (or the ``id`` of a
    domain or area); it names the page and is how other files refer to it.
    """

    stem: str
    item: M
    source: str
    document: YamlDocument
    body: str = ""

    def line_of(self, *path: str | int) -> int:
        """The line in ``source`` where ``path`` was written."""
        return self.document.line_of(path)


@dataclass
class Content:
    """Everything in a content folder, validated, keyed by stem."""

    root: Path
    site: SiteInfo
    today: dt.date
    domains: dict[str, Record[Domain]] = field(default_factory=dict)
    areas: dict[str, Record[Area]] = field(default_factory=dict)
    assets: dict[str, Record[Asset]] = field(default_factory=dict)
    case_studies: dict[str, Record[CaseStudy]] = field(default_factory=dict)
    events: dict[str, Record[Event]] = field(default_factory=dict)
    newsletters: dict[str, Record[NewsletterIssue]] = field(default_factory=dict)
    news: dict[str, Record[NewsPost]] = field(default_factory=dict)
    # Stems of files that exist but failed validation, by kind. References
    # to them are not reported again: the file's own errors say enough.
    unreadable: dict[str, set[str]] = field(default_factory=dict)

    def public(self) -> "Content":
        """A copy holding only what may be published.

        Drafts, case studies without recorded consent and every
        ``staff_notes`` field are dropped here, once, so that no page,
        feed, index or export built from the copy can show them.
        """
        kinds = {kind: _published(getattr(self, kind), keep) for kind, keep in PUBLISHED.items()}
        return Content(root=self.root, site=self.site, today=self.today, domains=self.domains, areas=self.areas, **kinds)

    def is_published(self, kind: str, stem: str) -> bool:
        """True when the record ``stem`` of ``kind`` (e.g. "events") exists and may be published."""
        record = getattr(self, kind).get(stem)
        return record is not None and PUBLISHED[kind](record.item)


def _published(records: dict[str, Record], keep) -> dict[str, Record]:
    public = {}
    for stem, record in sorted(records.items()):
        if keep(record.item):
            item = record.item
            if "staff_notes" in type(item).model_fields:
                item = item.model_copy(update={"staff_notes": None})
            # Keep the line numbers but not the raw data, which holds the notes.
            lines_only = YamlDocument(None, record.document.lines, record.document.first_line)
            public[stem] = Record(stem, item, record.source, lines_only, record.body)
    return public
