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
    published: Callable[[Any], bool] = _not_draft

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
        ),
    )
}

TAXONOMIES: dict[str, Taxonomy] = {
    taxonomy.name: taxonomy
    for taxonomy in (
        Taxonomy(
            "domain", "domains", "domains.yml", Domain, "domains/{stem}/", "domains/", "Type of activity", "Types of activity"
        ),
        Taxonomy("area", "areas", "areas.yml", Area, "areas/{stem}/", "areas/", "Area", "Browse by area"),
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
