"""The loaded content of a site: every record with its source file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from signpost.core.kinds import KINDS, Reference
from signpost.models import Area, Asset, CaseStudy, Domain, Event, NewsletterIssue, NewsPost, SiteSettings

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
        feed, index or export built from the copy can show them. So are
        references to them from what remains (an asset's connections, a
        story's activities, an issue's items): an export would otherwise
        still name a withdrawn story or a draft's file.
        """
        kinds: dict[str, Any] = {
            kind.attribute: _published(getattr(self, kind.attribute), kind.published) for kind in KINDS.values()
        }
        _drop_unpublished_references(kinds)
        return Content(root=self.root, site=self.site, today=self.today, domains=self.domains, areas=self.areas, **kinds)

    def is_published(self, attribute: str, stem: str) -> bool:
        """True when the record ``stem`` of the kind stored at ``attribute`` (e.g. "events") may be published."""
        kind = next(kind for kind in KINDS.values() if kind.attribute == attribute)
        record = getattr(self, attribute).get(stem)
        return record is not None and kind.published(record.item)

    def shown(self, attribute: str, stems: Iterable[str]) -> list[Record]:
        """The records named by ``stems`` that a page may show or link to, in the order given.

        A reference to something not published (see :func:`why_hidden`) is
        skipped, never an error: consent withdrawn or a post taken back to
        draft must take the item off every page that mentions it at the
        next build. In the public copy drafts are already gone; a closed
        asset is still there (its page stays for old links) but is not
        offered as somewhere to go.
        """
        records = getattr(self, attribute)
        return [records[stem] for stem in stems if stem in records and why_hidden(records[stem].item) is None]

    def relative_source(self, record: Record) -> str:
        """The record's file, relative to the content folder (``assets/x.yml``)."""
        # The loader names each file from the folder it was given, so the
        # names compare as written: resolving both (a look at the disk for
        # each part of each path) cost milliseconds per page.
        source = Path(record.source)
        try:
            return source.relative_to(self.root).as_posix()
        except ValueError:
            return source.resolve().relative_to(self.root.resolve()).as_posix()


def why_hidden(item: BaseModel) -> str | None:
    """Why other pages may not show or link to ``item``, in a few plain words; None when they may."""
    if getattr(item, "draft", False):
        return "it is a draft"
    if isinstance(item, CaseStudy) and not item.publishable:
        return "no consent to publish is recorded"
    if isinstance(item, Asset) and item.is_closed:
        return "it is closed"
    return None


def _drop_unpublished_references(kinds: dict[str, dict[str, Record]]) -> None:
    """In the published records, keep only references to other published records (domains and areas always are)."""
    for kind in KINDS.values():
        references = [reference for reference in kind.references if reference.target in KINDS]
        records = kinds[kind.attribute]
        for stem, record in list(records.items()):
            update = _published_references(record.item, references, kinds)
            if any(value != getattr(record.item, name) for name, value in update.items()):
                # No validation on copy: an issue left with no items is still an issue.
                records[stem] = replace(record, item=record.item.model_copy(update=update))


def _published_references(item: BaseModel, references: list[Reference], kinds: dict[str, dict[str, Record]]) -> dict:
    """The reference fields of ``item`` with every name of something unpublished taken out."""
    update: dict[str, list] = {}
    for reference in references:
        field, _, item_kind = reference.field.partition(".")
        published = kinds[KINDS[reference.target].attribute]
        values = update.get(field, getattr(item, field))
        if item_kind:  # a list of items, each naming its kind (a newsletter issue's items)
            update[field] = [entry for entry in values if entry.kind != item_kind or entry.stem in published]
        else:
            update[field] = [stem for stem in values if stem in published]
    return update


def _published(records: dict[str, Record], keep) -> dict[str, Record]:
    public = {}
    for stem, record in sorted(records.items()):
        if keep(record.item):
            item = record.item
            if "staff_notes" in type(item).model_fields and item.staff_notes is not None:
                item = item.model_copy(update={"staff_notes": None})
            public[stem] = Record(stem, item, record.source, record.body, record.prefix)
    return public
