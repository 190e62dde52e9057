"""The home page: what the site is, its types of activity with counts, coming events and news."""

from __future__ import annotations

from collections.abc import Iterator

from signpost.core import urls
from signpost.core.outputs import Page
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer


@generator(order=10, makes="the home page")
def home_page(renderer: SiteRenderer) -> Iterator[Page]:
    """The home page, edited through site.yml."""
    site = renderer.site
    yield renderer.page("home.html", urls.HOME, site.name, site.tagline, "home", source="site.yml")
