"""The shared render context: the public content, its lists, the templates, and how a page is made.

Every generator (``signpost/generators/``) is handed one
:class:`SiteRenderer` and makes its outputs with it: finished pages (an HTML
body, rendered when the engine writes it, with a typed title, description,
kind and search setting), plain files and the checked source files an engine
publishes itself. An engine adapter only hands them on.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import jinja2

from signpost.collect.collections import Collections
from signpost.collect.facets import ACCESS_LABELS, AUDIENCE_LABELS, EVERY_ACTIVITY, asset_filters
from signpost.collect.newsletter import issue_entries
from signpost.collect.occurrences import next_dates
from signpost.core import humanize, urls
from signpost.core.content import Content, Record
from signpost.core.kinds import DAYS, KINDS, TAXONOMIES, ContentKind
from signpost.core.outputs import Page
from signpost.core.theme import page_template_folders
from signpost.render import events, richtext, suggest
from signpost.render.cards import card

# The main sections, in the order the site's navigation shows them.
NAVIGATION = (
    ("Home", urls.HOME),
    ("Find something to do", urls.FIND),
    ("Types of activity", TAXONOMIES["domain"].index_url),
    ("Areas", TAXONOMIES["area"].index_url),
    ("Days", DAYS.index_url),
    *(
        (KINDS[name].index_title or KINDS[name].plural, KINDS[name].index_url)
        for name in ("event", "news", "case_study", "newsletter")
    ),
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
    env.globals.update(url=urls, href=_href, kinds=KINDS)
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
        # Every listed page's address, noted by the run loop as each passes (the sitemap comes last).
        self.listed: list[str] = []
        self.env.globals.update(suggest.template_globals(content))

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
        searchable = not (kind.name == "asset" and item.is_closed)
        context = {"record": record, kind.name if kind.name != "case_study" else "story": item}
        if kind.name == "asset":
            context["needs_check"] = self.lists.needs_check(record)
        if kind.name == "newsletter":
            context["issue"] = item
            context["entries"] = issue_entries(item, self.content)
        assert kind.template, f"{kind.name} records have no page of their own"
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
