"""News feeds: RSS 2.0 and Atom, so people can follow the news in a feed reader.

Both are written by the core from the published news posts (drafts never
reach the public content), newest first. Every address in them is a full one
under the site's ``site_url``; each post's id is its page's address, which
never changes. The feed's own date is the newest post's date, not the time of
the build, so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ElementTree
import zoneinfo
from collections.abc import Iterator, Sequence

import markdown

from signpost.core.content import Record
from signpost.core.kinds import KINDS
from signpost.core.outputs import FileOutput
from signpost.models import SiteSettings
from signpost.render import richtext
from signpost.render.registry import generator
from signpost.render.sharing import absolute_links
from signpost.render.site import SiteRenderer

# The head links them with rel="alternate feed": Material's script reads every
# link whose rel is exactly "alternate" as a translation of the site, and
# would fetch the whole sitemap on every page to follow it.
RSS_PATH = "feed.xml"
ATOM_PATH = "atom.xml"
# A feed reader needs the recent posts only; older ones stay on the site.
FEED_LENGTH = 50

_ATOM = "http://www.w3.org/2005/Atom"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
ElementTree.register_namespace("atom", _ATOM)
ElementTree.register_namespace("content", _CONTENT)

# Where a post's excerpt ends: a marker for the blog, not part of the text.
_MORE = "<!-- more -->"


@generator(order=90, makes="feed.xml (RSS) and atom.xml (Atom): the latest news for feed readers")
def news_feed_files(renderer: SiteRenderer) -> Iterator[FileOutput]:
    """The news feeds, RSS and Atom."""
    return news_feeds(renderer.site, renderer.lists.latest_news)


def news_feeds(site: SiteSettings, posts: Sequence[Record]) -> Iterator[FileOutput]:
    """The RSS and Atom feeds of ``posts`` (published news, newest first)."""
    entries = [_Entry(site, record) for record in posts[:FEED_LENGTH]]
    updated = entries[0].moment if entries else None
    yield FileOutput(RSS_PATH, _serialise(_rss(site, entries, updated)))
    yield FileOutput(ATOM_PATH, _serialise(_atom(site, entries, updated)))


class _Entry:
    """One post, with everything both feeds say about it."""

    def __init__(self, site: SiteSettings, record: Record):
        post = record.item
        self.url = site.absolute(KINDS["news"].url(record.stem))
        self.title = post.title
        self.description = post.description
        self.categories = list(post.categories)
        self.moment = _noon(post.date, site.timezone)
        self.body = body_html(record.body, self.url)


def body_html(text: str, page_url: str) -> str:
    """A post's Markdown as sanitised HTML, as on its page, with full addresses in its links."""
    converted = markdown.markdown(text.replace(_MORE, ""), extensions=["sane_lists", "tables"], output_format="html")
    return absolute_links(richtext.clean_page(converted), page_url).strip()


def _noon(day: dt.date, zone: str) -> dt.datetime:
    # Posts have a date and no time: noon in the site's time zone is the same
    # day for a reader almost anywhere, where midnight would be the day before in America.
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=zoneinfo.ZoneInfo(zone))


def _rss(site: SiteSettings, entries: list[_Entry], updated: dt.datetime | None) -> ElementTree.Element:
    rss = ElementTree.Element("rss", {"version": "2.0"})
    channel = ElementTree.SubElement(rss, "channel")
    _text(channel, "title", f"{site.name}: news")
    _text(channel, "link", site.absolute(KINDS["news"].index_url))
    _text(channel, "description", f"News from {site.organisation}.")
    _text(channel, "language", "en-gb")
    ElementTree.SubElement(
        channel, f"{{{_ATOM}}}link", {"href": site.absolute(RSS_PATH), "rel": "self", "type": "application/rss+xml"}
    )
    if updated is not None:
        _text(channel, "pubDate", email.utils.format_datetime(updated))
        _text(channel, "lastBuildDate", email.utils.format_datetime(updated))
    for entry in entries:
        item = ElementTree.SubElement(channel, "item")
        _text(item, "title", entry.title)
        _text(item, "link", entry.url)
        _text(item, "guid", entry.url).set("isPermaLink", "true")
        _text(item, "pubDate", email.utils.format_datetime(entry.moment))
        _text(item, "description", entry.description)
        for category in entry.categories:
            _text(item, "category", category)
        _text(item, f"{{{_CONTENT}}}encoded", entry.body)
    return rss


# ElementTree cannot write a default namespace with plain attribute names
# (rel, href), so the Atom feed declares its namespace as an attribute.
def _atom(site: SiteSettings, entries: list[_Entry], updated: dt.datetime | None) -> ElementTree.Element:
    feed = ElementTree.Element("feed", {"xmlns": _ATOM, "xml:lang": "en-GB"})
    news_page = site.absolute(KINDS["news"].index_url)
    _text(feed, "id", news_page)
    _text(feed, "title", f"{site.name}: news")
    _text(feed, "subtitle", f"News from {site.organisation}.")
    ElementTree.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": news_page})
    ElementTree.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": site.absolute(ATOM_PATH)})
    # With no posts yet, the feed is as old as the site's first possible post.
    _text(feed, "updated", (updated or _noon(dt.date(2000, 1, 1), site.timezone)).isoformat())
    author = ElementTree.SubElement(feed, "author")
    _text(author, "name", site.organisation)
    _text(author, "uri", site.site_url)
    for entry in entries:
        element = ElementTree.SubElement(feed, "entry")
        _text(element, "id", entry.url)
        _text(element, "title", entry.title)
        ElementTree.SubElement(element, "link", {"rel": "alternate", "type": "text/html", "href": entry.url})
        _text(element, "published", entry.moment.isoformat())
        _text(element, "updated", entry.moment.isoformat())
        for category in entry.categories:
            ElementTree.SubElement(element, "category", {"term": category})
        _text(element, "summary", entry.description)
        _text(element, "content", entry.body).set("type", "html")
    return feed


def _text(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag)
    element.text = text
    return element


def _serialise(root: ElementTree.Element) -> bytes:
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
