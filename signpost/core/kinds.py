"""The registry of content kinds: everything Signpost knows about each kind, once.

The loader reads each kind's folder with its model; the renderer gives each
published record a page at the kind's address with the kind's template; the
search index, the sitemap and later generators (schemas, scaffolds, the CMS
configuration, the field reference) all ask this registry rather than
repeating its facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from signpost.models import Area, Asset, CaseStudy, Domain, Event, NewsletterIssue, NewsPost, SiteSettings


def _not_draft(item: Any) -> bool:
    return not item.draft


@dataclass(frozen=True)
class Reference:
    """A field whose values name other records: their file names, or the ids of domains or areas.

    ``field`` is the field's dotted path with list positions left out
    (``connections``; ``items.event`` for an issue's items of kind event).
    ``target`` is the name of a content kind or a taxonomy.
    """

    field: str
    target: str

    @property
    def path(self) -> tuple[str, ...]:
        """The field's path as the parts of a location (list positions left out)."""
        return tuple(self.field.split("."))


@dataclass(frozen=True)
class ContentKind:
    """One folder of content files that all follow one model."""

    name: str
    attribute: str
    folder: str
    suffix: str
    model: type[BaseModel]
    url_pattern: str
    index_url: str
    template: str | None
    index_template: str | None
    label: str
    plural: str
    title_field: str
    summary_field: str
    # What a record of this kind is called in messages to staff ("is not a known case study").
    noun: str
    # The fields that name other records, checked, guessed at, offered as choices in the CMS and
    # dropped from the public copy when what they name is not published.
    references: tuple[Reference, ...] = ()
    # Its list page's title and description, for kinds with a list page of their own.
    index_title: str | None = None
    index_description: str | None = None
    # Whether the live preview can write a record's page alone when its file is saved
    # (news posts wait for a full build: the engine's blog writes them).
    quick_preview: bool = True
    published: Callable[[Any], bool] = _not_draft

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The file endings read as this kind (YAML kinds accept .yaml as well as .yml)."""
        return (self.suffix, ".yaml") if self.suffix == ".yml" else (self.suffix,)

    @property
    def has_body(self) -> bool:
        """Markdown kinds have front matter and a body; YAML kinds do not."""
        return self.suffix == ".md"

    def url(self, stem: str) -> str:
        """The permanent, site-relative address of one record's page."""
        return self.url_pattern.format(stem=stem)

    def title(self, item: BaseModel) -> str:
        """The record's title, as shown in its heading."""
        return getattr(item, self.title_field)

    def summary(self, item: BaseModel) -> str:
        """The record's one-sentence summary."""
        return getattr(item, self.summary_field)


@dataclass(frozen=True)
class Taxonomy:
    """A list of groups in one file (domains, areas) that assets refer to by id."""

    name: str
    attribute: str
    file: str
    model: type[Domain | Area]
    url_pattern: str
    index_url: str
    label: str
    index_title: str
    noun: str = ""

    def url(self, identifier: str) -> str:
        """The address of one group's listing."""
        return self.url_pattern.format(stem=identifier)


KINDS: dict[str, ContentKind] = {
    kind.name: kind
    for kind in (
        ContentKind(
            "asset",
            "assets",
            "assets",
            ".yml",
            Asset,
            "directory/{stem}/",
            "find/",
            "asset.html",
            None,
            "Activity",
            "Activities",
            "name",
            "summary",
            "asset",
            references=(Reference("domains", "domain"), Reference("area", "area"), Reference("connections", "asset")),
        ),
        ContentKind(
            "case_study",
            "case_studies",
            "case-studies",
            ".md",
            CaseStudy,
            "case-studies/{stem}/",
            "case-studies/",
            "case_study.html",
            "case_studies.html",
            "Story",
            "Stories",
            "title",
            "summary",
            "case study",
            references=(Reference("assets_used", "asset"),),
            index_title="Stories",
            index_description="How people found their way into community life, told by them and their workers.",
            published=lambda story: story.publishable,
        ),
        ContentKind(
            "event",
            "events",
            "events",
            ".md",
            Event,
            "events/{stem}/",
            "events/",
            "event.html",
            "events.html",
            "Event",
            "Events",
            "title",
            "summary",
            "event",
            index_title="Events",
            index_description="Seminars, workshops and community events: dates, places and how to book.",
        ),
        ContentKind(
            "newsletter",
            "newsletters",
            "newsletters",
            ".md",
            NewsletterIssue,
            "newsletter/{stem}/",
            "newsletter/",
            "newsletter.html",
            "newsletters.html",
            "Newsletter",
            "Newsletter issues",
            "title",
            "title",
            "newsletter issue",
            references=(
                Reference("items.news", "news"),
                Reference("items.event", "event"),
                Reference("items.case_study", "case_study"),
            ),
            index_title="Newsletter",
            index_description="Every issue of the newsletter: news, events and stories.",
        ),
        # News posts are published by the engine's blog, from their own files.
        ContentKind(
            "news",
            "news",
            "news/posts",
            ".md",
            NewsPost,
            "news/{stem}/",
            "news/",
            None,
            None,
            "News",
            "News",
            "title",
            "description",
            "news post",
            quick_preview=False,
        ),
    )
}

TAXONOMIES: dict[str, Taxonomy] = {
    taxonomy.name: taxonomy
    for taxonomy in (
        Taxonomy(
            "domain",
            "domains",
            "domains.yml",
            Domain,
            "domains/{stem}/",
            "domains/",
            "Type of activity",
            "Types of activity",
            "domain",
        ),
        Taxonomy("area", "areas", "areas.yml", Area, "areas/{stem}/", "areas/", "Area", "Browse by area", "area"),
    )
}

# Days of the week group assets too, with no file: every activity is reachable
# without JavaScript by day, as well as by domain and area.
# It has no model (None) because no file lists the days.
DAYS = Taxonomy("day", "days", "", None, "days/{stem}/", "days/", "Day", "Browse by day")  # type: ignore[arg-type]

SITE_FILE = "site.yml"
SITE_MODEL = SiteSettings
NEWS_INDEX = "news/index.md"
MEDIA_FOLDER = "media"


def kind_by_attribute(attribute: str) -> ContentKind:
    """The kind whose records sit in ``Content.<attribute>`` (for example "events")."""
    return next(kind for kind in KINDS.values() if kind.attribute == attribute)


def every_model() -> dict[str, type[BaseModel]]:
    """Each model a content file is checked against, by the file or folder it governs."""
    models: dict[str, type[BaseModel]] = {SITE_FILE: SITE_MODEL}
    models.update({taxonomy.file: taxonomy.model for taxonomy in TAXONOMIES.values()})
    models.update({kind.folder: kind.model for kind in KINDS.values()})
    return models


def target_attribute(target: str) -> str:
    """Where the records a reference names are kept in Content (a kind's or a taxonomy's attribute)."""
    return (KINDS.get(target) or TAXONOMIES[target]).attribute


def every_reference() -> dict[tuple[str, str], str]:
    """Every reference field of every kind: (kind name, dotted field) → the name of what it names."""
    return {(kind.name, reference.field): reference.target for kind in KINDS.values() for reference in kind.references}
