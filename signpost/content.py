"""The loaded content of a site: every record with its source file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from signpost.kinds import KINDS
from signpost.models import Area, Asset, CaseStudy, Domain, Event, NewsletterIssue, NewsPost, SiteSettings
from signpost.sourcelines import line_in_file

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Record(Generic[M]):
    """One validated item, with where it came from.

    ``stem`` is the file name without its extension (or the ``id`` of a
    domain or area); it names the page and is how other files refer to it.
    ``prefix`` is where the item sits inside its file (an entry of
    domains.yml is at ``(index,)``).
    """

    stem: str
    item: M
    source: str
    body: str = ""
    prefix: tuple = ()

    def line_of(self, *path: str | int) -> int:
        """The line in ``source`` where ``path`` was written (the file is read again)."""
        return line_in_file(self.source, self.prefix + path)


@dataclass
class Content:
    """Everything in a content folder, validated, keyed by stem."""

    root: Path
    site: SiteSettings
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

    def public(self) -> Content:
        """A copy holding only what may be published.

        Drafts, case studies without recorded consent and every
        ``staff_notes`` field are dropped here, once, so that no page,
        feed, index or export built from the copy can show them.
        """
        kinds = {kind.attribute: _published(getattr(self, kind.attribute), kind.published) for kind in KINDS.values()}
        return Content(root=self.root, site=self.site, today=self.today, domains=self.domains, areas=self.areas, **kinds)

    def is_published(self, attribute: str, stem: str) -> bool:
        """True when the record ``stem`` of the kind stored at ``attribute`` (e.g. "events") may be published."""
        kind = next(kind for kind in KINDS.values() if kind.attribute == attribute)
        record = getattr(self, attribute).get(stem)
        return record is not None and kind.published(record.item)

    def relative_source(self, record: Record) -> str:
        """The record's file, relative to the content folder (``assets/x.yml``)."""
        return Path(record.source).resolve().relative_to(self.root.resolve()).as_posix()


def _published(records: dict[str, Record], keep) -> dict[str, Record]:
    public = {}
    for stem, record in sorted(records.items()):
        if keep(record.item):
            item = record.item
            if "staff_notes" in type(item).model_fields and item.staff_notes is not None:
                item = item.model_copy(update={"staff_notes": None})
            public[stem] = Record(stem, item, record.source, record.body, record.prefix)
    return public
