"""The news feeds (RSS 2.0 and Atom): valid, complete, published posts only, advertised
on every page; and the sitemap lists pages only (no feeds, no email files)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from pymdownx.slugs import slugify

from signpost.check.loader import load_content
from signpost.core.kinds import KINDS
from tests.conftest import EXAMPLE_CONTENT, TODAY, build

FEEDS = {"rss": ("feed.xml", "rss20", "application/rss+xml"), "atom": ("atom.xml", "atom10", "application/atom+xml")}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def published_posts(content_dir: Path) -> list:
    """The published news posts of a content folder, newest first, from the files alone."""
    content, _ = load_content(content_dir, TODAY)
    posts = [record for record in content.news.values() if not record.item.draft]
    return sorted(posts, key=lambda record: (record.item.date, record.stem), reverse=True)


def local_date(text: str) -> dt.date:
    """The date a feed's date text names, in its own time zone (RFC 822 or RFC 3339)."""
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return parsedate_to_datetime(text).date()


def post_url(site_url: str, stem: str) -> str:
    return f"{site_url}news/{stem}/"


@pytest.mark.parametrize("name", FEEDS)
def test_each_feed_is_valid_and_lists_every_published_post(example_site, name):
    path, version, _ = FEEDS[name]
    feed = feedparser.parse((example_site / path).read_bytes())
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    posts = published_posts(EXAMPLE_CONTENT)
    assert feed.bozo is False, feed.get("bozo_exception")
    assert feed.version == version
    expected = [post_url(content.site.site_url, record.stem) for record in posts]
    assert [entry.link for entry in feed.entries] == expected
    assert [entry.id for entry in feed.entries] == expected, "the id is the post's permanent address"
    assert [entry.title for entry in feed.entries] == [record.item.title for record in posts]
    assert [entry.summary for entry in feed.entries] == [record.item.description for record in posts]
    assert [[tag.term for tag in entry.get("tags", [])] for entry in feed.entries] == [record.item.categories for record in posts]
    assert [local_date(entry.published) for entry in feed.entries] == [record.item.date for record in posts]
    # The feed is as new as its newest post, not as the build: builds stay reproducible.
    assert local_date(feed.feed.updated) == posts[0].item.date
    assert feed.feed.link == f"{content.site.site_url}news/"
    for entry, record in zip(feed.entries, posts, strict=True):
        body = entry.content[0].value
        first_words = " ".join(record.body.split("<!-- more -->")[0].split()[:6])
        assert first_words in " ".join(body.split())
        assert "<!-- more -->" not in body and "<script" not in body


def test_the_rss_dates_are_rfc_822_and_the_build_date_is_the_newest_post(example_site):
    channel = ElementTree.parse(example_site / FEEDS["rss"][0]).getroot().find("channel")
    newest = published_posts(EXAMPLE_CONTENT)[0].item.date
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")).date() == newest
    assert all(parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None for item in channel.iter("item"))


def test_a_draft_post_is_in_no_feed_and_links_in_a_post_are_made_absolute(small_content, tmp_path):
    posts = small_content / "news" / "posts"
    (posts / "draft-news.md").write_text(
        "---\ntitle: Not ready yet\ndate: 2026-11-20\ndescription: A draft.\ndraft: true\n---\nDraft body.\n"
    )
    first = posts / "first-post.md"
    first.write_text(first.read_text() + "\nSee [what is on](../../find/).\n")
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    content, _ = load_content(small_content, TODAY)
    published = published_posts(small_content)
    assert "draft-news" not in [record.stem for record in published]
    for name, (path, _, _) in FEEDS.items():
        feed = feedparser.parse((output / path).read_bytes())
        assert feed.bozo is False, name
        links = [entry.link for entry in feed.entries]
        assert links == [post_url(content.site.site_url, record.stem) for record in published], name
        assert post_url(content.site.site_url, "draft-news") not in links
        assert b"Not ready yet" not in (output / path).read_bytes()
        first_entry = feed.entries[links.index(post_url(content.site.site_url, "first-post"))]
        assert f'href="{content.site.site_url}find/"' in first_entry.content[0].value, name


@pytest.mark.parametrize("page", ["index.html", "news/{post}/index.html", "events/index.html", "404.html"])
def test_the_feeds_are_advertised_in_the_head(example_site, page):
    page = page.format(post=published_posts(EXAMPLE_CONTENT)[0].stem)
    head = BeautifulSoup((example_site / page).read_text(), "html.parser").head
    for name, (path, _, media_type) in FEEDS.items():
        links = head.find_all("link", rel="alternate", type=media_type)
        assert len(links) == 1, f"{page}: no {name} feed link"
        assert links[0].get("title"), f"{page}: the {name} feed link has no title"
        # 404.html is served at any address, so its links are from the site's root.
        base = "http://site.invalid/" + ("" if page == "404.html" else page.removesuffix("index.html"))
        target = urljoin(base, links[0]["href"]).removeprefix("http://site.invalid/")
        assert target == path, f"{page}: the {name} link points at {links[0]['href']}"
        assert (example_site / target).is_file()


def test_the_sitemap_lists_pages_and_no_feed_or_email_file(example_site):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    root = ElementTree.parse(example_site / "sitemap.xml").getroot()
    listed = [element.text for element in root.iter(f"{SITEMAP}loc")]
    assert listed and all(url.startswith(content.site.site_url) and url.endswith("/") for url in listed)
    assert not [url for url in listed if url.endswith((".xml", ".html", ".txt"))]
    issues = [stem for stem, record in content.newsletters.items() if not record.item.draft]
    for stem in issues:
        assert (example_site / KINDS["newsletter"].url(stem) / "email.html").is_file()
        assert content.site.absolute(KINDS["newsletter"].url(stem)) in listed


def test_the_sitemap_lists_each_news_category_page_the_blog_writes(example_site):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    listed = {element.text for element in ElementTree.parse(example_site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")}
    to_slug = slugify(case="lower")  # the blog's own slug function
    names = {name for record in content.public().news.values() for name in record.item.categories}
    expected = {f"{content.site.site_url}news/category/{to_slug(name, '-')}/" for name in names}
    written = {
        f"{content.site.site_url}{path.parent.relative_to(example_site).as_posix()}/"
        for path in (example_site / "news" / "category").glob("*/index.html")
    }
    assert written == expected
    assert expected <= listed
