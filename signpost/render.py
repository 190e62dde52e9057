"""Render every generated page's source from the templates in ``templates/signpost``.

A page source is front matter (title, description) and an HTML body. Any
engine that takes Markdown with raw HTML can publish it; the MkDocs adapter
hands each one to MkDocs as an in-memory file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import jinja2
import yaml

from signpost import humanize, richtext, urls
from signpost.collect import Collections
from signpost.content import Content, Record


@dataclass(frozen=True)
class PageSource:
    """One page to publish: where it goes, what it says, which file to edit."""

    url: str
    title: str
    description: str
    body: str
    edit_source: str | None = None

    @property
    def source_path(self) -> str:
        """The path of the page's source, for example ``directory/x.md``."""
        return urls.source_path(self.url)

    def front_matter(self) -> str:
        """The page's title and description as a YAML front-matter block."""
        meta = {"title": self.title, "description": self.description}
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000) + "---\n"

    def text(self) -> str:
        """Front matter and body, as one Markdown document (raw HTML inside)."""
        return self.front_matter() + "\n" + self.body.strip() + "\n"


def template_environment(templates_dir: Path) -> jinja2.Environment:
    """A Jinja environment with autoescaping and the plain-English filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        markdown=richtext.to_html,
        clock=humanize.clock,
        long_date=humanize.long_date,
        short_date=humanize.short_date,
        cost=humanize.cost_text,
        cost_sentence=humanize.cost_sentence,
        event_when=humanize.event_when,
        schedule_lines=humanize.schedule_lines,
        schedule_short=humanize.schedule_short,
        join_words=humanize.join_words,
        time_range=humanize.time_range,
    )
    env.globals.update(url=urls, href=_href)
    return env


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered to ``target`` (a site-relative URL)."""
    return urls.relative(context["page_url"], target)


class SiteRenderer:
    """Renders the page sources of a site from its public content."""

    def __init__(self, content: Content, templates_dir: Path):
        self.content = content
        self.lists = Collections(content)
        self.env = template_environment(templates_dir)

    def pages(self) -> Iterator[PageSource]:
        """Every generated page, in a stable order."""
        yield self.home()
        yield from self.domain_pages()
        yield from self.area_pages()
        yield from (self.asset_page(record) for record in self.content.assets.values())
        yield from self.event_pages()
        yield from self.case_study_pages()
        yield from self.newsletter_pages()
        yield self.page("search.html", urls.INDEXES["search"], "Search", f"Search {self.content.site.name}.")

    def page(self, template: str, url: str, title: str, description: str, edit: str | None = None, **context) -> PageSource:
        """Render one template into a page source."""
        body = self.env.get_template(template).render(
            page_url=url, title=title, site=self.content.site, content=self.content, lists=self.lists, **context
        )
        return PageSource(url, title, description, body, edit)

    def home(self) -> PageSource:
        """The home page: what the site is, domains with counts, events, news."""
        site = self.content.site
        return self.page("home.html", urls.HOME, site.name, site.tagline, "site.yml")

    def domain_pages(self) -> Iterator[PageSource]:
        """The list of domains, then one listing page per domain."""
        return self._grouping_pages("domain", self.content.domains, self.lists.by_domain, "Find something to do",
                                    "Browse clubs, groups, classes and volunteering by type of activity.")

    def area_pages(self) -> Iterator[PageSource]:
        """The list of areas, then one listing page per area."""
        return self._grouping_pages("area", self.content.areas, self.lists.by_area, "Browse by area",
                                    "Browse clubs, groups, classes and volunteering by where they meet.")

    def _grouping_pages(self, kind: str, groups: dict[str, Record], members: dict[str, list[Record]],
                        title: str, description: str) -> Iterator[PageSource]:
        source = f"{kind}s.yml"
        address = urls.domain if kind == "domain" else urls.area
        yield self.page("groups.html", urls.INDEXES[f"{kind}s"], title, description, source,
                        kind=kind, groups=groups, members=members, address=address)
        for identifier, record in groups.items():
            yield self.page("listing.html", address(identifier), record.item.name, record.item.description, source,
                            group=record.item, assets=members[identifier], kind=kind)

    def asset_page(self, record: Record) -> PageSource:
        """The page of one asset."""
        asset = record.item
        return self.page("asset.html", urls.asset(record.stem), asset.name, asset.summary, _relative_source(record, self.content),
                         record=record, asset=asset, needs_check=self.lists.needs_check(record))

    def event_pages(self) -> Iterator[PageSource]:
        """The list of events, then one page per event."""
        yield self.page("events.html", urls.INDEXES["events"], "Events",
                        "Seminars, workshops and community events: dates, places and how to book.")
        for record in self.lists.events_by_start:
            event = record.item
            yield self.page("event.html", urls.event(record.stem), event.title, event.summary, _relative_source(record, self.content),
                            record=record, event=event)

    def case_study_pages(self) -> Iterator[PageSource]:
        """The list of case studies, then one page per case study."""
        yield self.page("case_studies.html", urls.INDEXES["case_studies"], "Stories",
                        "How people found their way into community life, told by them and their workers.")
        for record in self.lists.case_studies:
            story = record.item
            yield self.page("case_study.html", urls.case_study(record.stem), story.title, story.summary,
                            _relative_source(record, self.content), record=record, story=story)

    def newsletter_pages(self) -> Iterator[PageSource]:
        """The newsletter archive, then one page per issue."""
        yield self.page("newsletters.html", urls.INDEXES["newsletters"], "Newsletter",
                        "Every issue of the newsletter: news, events and stories.")
        for record in self.lists.newsletters:
            issue = record.item
            yield self.page("newsletter.html", urls.newsletter(record.stem), f"Issue {issue.number}: {issue.title}",
                            f"Issue {issue.number} of the newsletter, {humanize.short_date(issue.date)}.",
                            _relative_source(record, self.content), record=record, issue=issue)


def _relative_source(record: Record, content: Content) -> str:
    """The record's file, relative to the content folder (for edit links)."""
    return Path(record.source).resolve().relative_to(content.root.resolve()).as_posix()


def render_site(content: Content, templates_dir: Path) -> list[PageSource]:
    """All page sources for the public copy of ``content``."""
    return list(SiteRenderer(content.public(), templates_dir).pages())
