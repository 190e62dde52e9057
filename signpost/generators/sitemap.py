"""The sitemap and robots.txt: how search engines find every public page.

Both are written by the core from the list of pages it rendered, with full
addresses under the site's ``site_url``. A sitemap file may hold at most
50,000 addresses, so a larger site gets several and an index of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from signpost.core.outputs import FileOutput
from signpost.core.urls import category_urls
from signpost.models import SiteSettings
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer

SITEMAP = "sitemap.xml"
URLS_PER_SITEMAP = 50_000
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_files(site: SiteSettings, page_urls: list[str], per_file: int = URLS_PER_SITEMAP) -> Iterator[FileOutput]:
    """``sitemap.xml`` listing every page, or an index of numbered sitemaps when there are many."""
    groups = [page_urls[start : start + per_file] for start in range(0, len(page_urls), per_file)] or [[]]
    if len(groups) == 1:
        yield FileOutput(SITEMAP, _urlset(site, groups[0]))
        return
    names = [f"sitemap-{number}.xml" for number in range(1, len(groups) + 1)]
    for name, group in zip(names, groups, strict=True):
        yield FileOutput(name, _urlset(site, group))
    entries = "".join(f"<sitemap><loc>{escape(site.absolute(name))}</loc></sitemap>\n" for name in names)
    yield FileOutput(SITEMAP, _document("sitemapindex", entries))


def _urlset(site: SiteSettings, page_urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{escape(site.absolute(url))}</loc></url>\n" for url in page_urls)
    return _document("urlset", entries)


def _document(root: str, entries: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{_NAMESPACE}">\n{entries}</{root}>\n'.encode()


def robots_txt(site: SiteSettings) -> bytes:
    """Let every search engine in, and tell it where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.absolute(SITEMAP)}\n".encode()


@generator(order=1000, makes="sitemap.xml (in parts on a large site) listing every listed page, and robots.txt")
def sitemap_and_robots(renderer: SiteRenderer) -> Iterator[FileOutput]:
    """Last of all: the sitemap of every page listed before it (and the news categories the engine's blog writes)."""
    listed = [*renderer.listed, *category_urls(renderer.lists.latest_news)]
    yield from sitemap_files(renderer.site, listed)
    yield FileOutput("robots.txt", robots_txt(renderer.site))
