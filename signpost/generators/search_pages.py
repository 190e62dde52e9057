"""The pages that find things: search, find with its filters, the shortlist, and the words search suggests."""

from __future__ import annotations

from collections.abc import Iterator

from signpost.collect.facets import find_facets, search_words
from signpost.core import urls
from signpost.core.outputs import FileOutput, Output
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer


@generator(order=110, makes="search/, find/, shortlist/ and search/words.json")
def search_pages(renderer: SiteRenderer) -> Iterator[Output]:
    """The three pages, then the words search suggests when a search finds nothing."""
    content = renderer.content
    yield renderer.page("search.html", urls.SEARCH, "Search", f"Search {renderer.site.name}.", "search")
    yield renderer.page(
        "find.html",
        urls.FIND,
        "Find something to do",
        "Find clubs, groups and classes by day, time, place, cost and who they suit.",
        "find",
        facets=find_facets(content.domains, content.areas),
    )
    yield renderer.page(
        "shortlist.html",
        urls.SHORTLIST,
        "Your shortlist",
        "The activities you have put on your shortlist, to print or share.",
        "shortlist",
    )
    yield FileOutput(urls.SEARCH + "words.json", search_words(content))
