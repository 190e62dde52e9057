"""Render the outputs of a site from its public content and the templates.

The renderer walks the registry of content kinds and yields outputs of any
kind: finished pages (an HTML body with a typed title, description, kind and
search setting), plain files (the sitemap, robots.txt) and the checked source
files an engine publishes itself (news posts, pictures). An engine adapter
only hands them on.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import jinja2

from signpost.check.loader import media_files
from signpost.collect.collections import Collections, paginate
from signpost.collect.facets import ACCESS_LABELS, AUDIENCE_LABELS, EVERY_ACTIVITY, asset_filters, find_facets, search_words
from signpost.collect.occurrences import next_dates
from signpost.core import humanize, urls
from signpost.core.content import Content, Record
from signpost.core.kinds import DAYS, KINDS, NEWS_INDEX, TAXONOMIES, ContentKind, Taxonomy
from signpost.core.outputs import FileOutput, Output, Page, SourceFile
from signpost.core.theme import page_template_folders
from signpost.generators import cms, events, maps, staff
from signpost.generators.feeds import category_urls, news_feeds
from signpost.generators.newsletter_email import email_files, issue_entries
from signpost.generators.sitemap import robots_txt, sitemap_files
from signpost.models.schedule import WEEKDAYS
from signpost.opendata.files import open_data_outputs
from signpost.render import richtext, suggest
from signpost.render.cards import card

# The main sections, in the order the site's navigation shows them.
NAVIGATION = (
    ("Home", urls.HOME),
    ("Find something to do", urls.FIND),
    ("Types of activity", TAXONOMIES["domain"].index_url),
    ("Areas", TAXONOMIES["area"].index_url),
    ("Days", DAYS.index_url),
    ("Events", KINDS["event"].index_url),
    ("News", KINDS["news"].index_url),
    ("Stories", KINDS["case_study"].index_url),
    ("Newsletter", KINDS["newsletter"].index_url),
)


def template_environment(templates_dir: Path) -> jinja2.Environment:
    """A Jinja environment with autoescaping and the plain-English filters.

    ``templates_dir`` is the site's own page templates folder (it need not
    exist): a template there replaces the package's template of the same name.
    """
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(folder)) for folder in page_template_folders(templates_dir)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        markdown=richtext.to_html,
        long_date=humanize.long_date,
        short_date=humanize.short_date,
        cost=humanize.cost_text,
        cost_sentence=humanize.cost_sentence,
        event_when=humanize.event_when,
        schedule_lines=humanize.schedule_lines,
        schedule_short=humanize.schedule_short,
        session_text=humanize.session_text,
        join_words=humanize.join_words,
    )
    env.globals.update(url=urls, href=_href)
    return env


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered to ``target`` (a site-relative URL)."""
    return urls.relative(context["page_url"], target)


class SiteRenderer:
    """Renders every output of a site from its public content."""

    def __init__(self, content: Content, templates_dir: Path):
        self.content = content
        self.site = content.site
        self.lists = Collections(content)
        self.env = template_environment(templates_dir)
        self.env.globals.update(
            card_for=lambda record: card(record, content, KINDS["asset"].url(record.stem)),
            filters_for=asset_filters,
            next_dates=lambda session: [humanize.day_and_date(day, content.today) for day in next_dates(session, content.today)],
            audience_label=AUDIENCE_LABELS.get,
            access_labels=ACCESS_LABELS,
            every_activity=EVERY_ACTIVITY,
        )
        self.env.globals.update(events.template_globals(content))
        self.env.globals.update(suggest.template_globals(content))

    def outputs(self) -> Iterator[Output]:
        """Every output, in a stable order; the sitemap comes last, listing every page."""
        listed: list[str] = []
        for output in self._pages_and_sources():
            if (isinstance(output, Page) and not output.noindex) or (isinstance(output, SourceFile) and output.url is not None):
                listed.append(output.url)
            yield output
        listed.extend(category_urls(self.lists.latest_news))  # the engine's blog writes these pages
        yield from sitemap_files(self.site, listed)
        yield FileOutput("robots.txt", robots_txt(self.site))

    def _pages_and_sources(self) -> Iterator[Output]:
        yield self.home()
        for taxonomy in TAXONOMIES.values():
            yield from self.taxonomy_pages(taxonomy)
        yield from self.day_pages()
        for record in self.content.assets.values():
            yield self.record_page(KINDS["asset"], record)
            if record.item.status != "closed":
                url = KINDS["asset"].url(record.stem)
                yield FileOutput(f"{url}card.json", partial(_card_json, record, self.content, url))
            yield from events.session_calendar_files(self.content, record)
        for name in ("event", "case_study", "newsletter"):
            yield from self.kind_pages(KINDS[name])
        yield events.site_calendar_file(self.content)
        yield from email_files(self.env, self.content, self.lists.newsletters)
        yield from self.news_sources()
        yield from news_feeds(self.site, self.lists.latest_news)
        yield from self.media_sources()
        yield self.page("search.html", urls.SEARCH, "Search", f"Search {self.site.name}.", "search")
        yield self.page(
            "find.html",
            urls.FIND,
            "Find something to do",
            "Find clubs, groups and classes by day, time, place, cost and who they suit.",
            "find",
            facets=find_facets(self.content.domains, self.content.areas),
        )
        yield self.page(
            "shortlist.html",
            urls.SHORTLIST,
            "Your shortlist",
            "The activities you have put on your shortlist, to print or share.",
            "shortlist",
        )
        yield FileOutput(urls.SEARCH + "words.json", search_words(self.content))
        yield from open_data_outputs(self)
        yield from staff.staff_pages(self)
        yield from cms.admin_outputs(self)

    def page(
        self,
        template: str,
        url: str,
        title: str,
        description: str,
        kind: str,
        *,
        searchable: bool = False,
        source: str | None = None,
        search_rank: int | None = None,
        **context,
    ) -> Page:
        """A page whose body is rendered from ``template`` when it is written."""
        context.update(page_url=url, title=title, site=self.site, content=self.content, lists=self.lists, searchable=searchable)
        edit_url = self.site.edit_url(source) if source else None
        body = partial(self._body, template, context)
        return Page(url, title, description, body, kind, searchable, edit_url, search_rank=search_rank)

    def _body(self, template: str, context: dict) -> str:
        return self.env.get_template(template).render(**context)

    def home(self) -> Page:
        """The home page: what the site is, domains with counts, events, news."""
        return self.page("home.html", urls.HOME, self.site.name, self.site.tagline, "home", source="site.yml")

    def taxonomy_pages(self, taxonomy: Taxonomy) -> Iterator[Page]:
        """The list of a taxonomy's groups, then each group's listing, a page at a time."""
        groups = getattr(self.content, taxonomy.attribute)
        members = self.lists.by_domain if taxonomy.name == "domain" else self.lists.by_area
        description = {
            "domain": "Browse clubs, groups, classes and volunteering by type of activity.",
            "area": "Browse clubs, groups, classes and volunteering by where they meet.",
        }[taxonomy.name]
        title = taxonomy.index_title
        yield self.page(
            "groups.html",
            taxonomy.index_url,
            title,
            description,
            "groups",
            source=taxonomy.file,
            taxonomy=taxonomy,
            groups=groups,
            members=members,
        )
        for identifier, record in groups.items():
            yield from self._listing_pages(taxonomy, identifier, record.item, members[identifier], taxonomy.file)
        yield from maps.map_files(self.site, taxonomy, members)

    def _listing_pages(
        self, taxonomy: Taxonomy, identifier: str, group, records: list[Record], source: str | None
    ) -> Iterator[Page]:
        """One group's listing, a page at a time, linked by "Previous page" and "Next page"."""
        first_page = taxonomy.url(identifier)
        group_map = maps.group_map(self.site, taxonomy, identifier, records)
        for listing in paginate(records):
            title = group.name if listing.number == 1 else f"{group.name} (page {listing.number} of {listing.count})"
            yield self.page(
                "listing.html",
                urls.numbered(first_page, listing.number),
                title,
                group.description,
                "listing",
                source=source,
                group=group,
                taxonomy=taxonomy,
                listing=listing,
                first_page=first_page,
                group_map=group_map,
            )

    def day_pages(self) -> Iterator[Page]:
        """A plain list for each day of the week: every activity stays reachable without JavaScript."""
        yield self.page(
            "days.html",
            DAYS.index_url,
            DAYS.index_title,
            "Activities for each day of the week.",
            "groups",
            days=WEEKDAYS,
            members=self.lists.by_day,
        )
        for day in WEEKDAYS:
            group = _Group(
                day.capitalize(),
                f"Activities that meet on a {day.capitalize()}, in name order (any not checked for a long time come last). "
                "Some meet every week, some every other week or once a month: each entry says which.",
            )
            yield from self._listing_pages(DAYS, day, group, self.lists.by_day[day], source=None)

    def kind_pages(self, kind: ContentKind) -> Iterator[Page]:
        """A kind's list page, then one page per published record."""
        listing = {
            "event": self.lists.events_by_start,
            "case_study": self.lists.case_studies,
            "newsletter": self.lists.newsletters,
        }[kind.name]
        titles = {
            "event": ("Events", "Seminars, workshops and community events: dates, places and how to book."),
            "case_study": ("Stories", "How people found their way into community life, told by them and their workers."),
            "newsletter": ("Newsletter", "Every issue of the newsletter: news, events and stories."),
        }
        title, description = titles[kind.name]
        yield self.page(kind.index_template, kind.index_url, title, description, f"{kind.name}-list")
        for record in listing:
            yield self.record_page(kind, record)
            if kind.name == "event":
                yield from events.event_outputs(self, record)

    def record_page(self, kind: ContentKind, record: Record) -> Page:
        """The page of one record, with the kind's template."""
        item = record.item
        title, description = kind.title(item), kind.summary(item)
        if kind.name == "event":
            # A shared link's preview shows the description: say when and where first.
            where = item.venue.venue if item.venue else "Online"
            status = "" if item.status == "scheduled" else f"{item.status.capitalize()}: "
            description = f"{status}{humanize.event_when(item.start_local, item.end_local)}, {where}. {description}"
        if kind.name == "newsletter":
            title = f"Issue {item.number}: {item.title}"
            description = f"Issue {item.number} of the newsletter, {humanize.short_date(item.date)}."
        # A closed asset keeps its page for old links, but leaves search.
        searchable = not (kind.name == "asset" and item.status == "closed")
        context = {"record": record, kind.name if kind.name != "case_study" else "story": item}
        if kind.name == "asset":
            context["needs_check"] = self.lists.needs_check(record)
        if kind.name == "newsletter":
            context["issue"] = item
            context["entries"] = issue_entries(item, self.content)
        return self.page(
            kind.template,
            kind.url(record.stem),
            title,
            description,
            kind.name,
            searchable=searchable,
            source=self.content.relative_source(record),
            search_rank=self.lists.search_rank(record) if kind.name == "asset" and searchable else None,
            **context,
        )

    def news_sources(self) -> Iterator[SourceFile]:
        """The news index and each published post, for the engine's blog to publish."""
        root = self.content.root
        yield SourceFile(
            NEWS_INDEX, root / NEWS_INDEX, "news-list", KINDS["news"].index_url, False, self.site.edit_url(NEWS_INDEX)
        )
        kind = KINDS["news"]
        for record in self.lists.latest_news:
            relative = self.content.relative_source(record)
            yield SourceFile(relative, Path(record.source), kind.name, kind.url(record.stem), True, self.site.edit_url(relative))

    def media_sources(self) -> Iterator[SourceFile]:
        """Pictures in the media folder, published as they are."""
        root = self.content.root
        for path in media_files(root):
            yield SourceFile(path.relative_to(root).as_posix(), path, "media")


def _card_json(record: Record, content: Content, url: str) -> bytes:
    return card(record, content, url).json()


class _Group:
    """A group with no file of its own (a day of the week), shaped like a domain or an area."""

    def __init__(self, name: str, description: str):
        self.name, self.description = name, description


def render_site(content: Content, templates_dir: Path) -> Iterator[Output]:
    """Every output of the public copy of ``content``."""
    return SiteRenderer(content.public(), templates_dir).outputs()
