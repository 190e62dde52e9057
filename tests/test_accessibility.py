"""Pages of the fixture site that a site's own tests might never meet: axe finds no
WCAG 2.2 A/AA problem, text reflows at 320 px and at 200% zoom, and activities
and search can be reached by keyboard alone.

The site tests (signpost/sitetests/) check one page of each type of any site
and its main navigation; these are the variants within a type (a paused
activity, one held online, an event that has passed) and pages with filters,
on the engine's frozen example content.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from signpost.sitetests.browser import WCAG_TAGS, axe_violations, focused, sideways_scroll
from signpost.sitetests.pages import open_page

pytestmark = pytest.mark.browser

# Every type of page of the fixture site, by name (the CSP and off-site tests open them all).
PAGE_TYPES = {
    "home": "",
    "domain list": "domains/",
    "domain": "domains/sport/",
    "area list": "areas/",
    "area": "areas/moor-villages/",
    "asset": "directory/hollinsford-rovers-football-club/",
    "paused asset": "directory/riverside-gentle-yoga/",
    "online asset": "directory/carers-online-cuppa/",
    "search results": "search/?q=football",
    "events": "events/",
    "past event": "events/fast-track-workshop-2013/",
    "online event": "events/keeping-the-directory-up-to-date-2027/",
    "news index": "news/",
    "news post": "news/mapping-community-assets/",
    "news category": "news/category/training/",
    "case study list": "case-studies/",
    "case study": "case-studies/jack-and-eric/",
    "newsletter list": "newsletter/",
    "newsletter issue": "newsletter/issue-1/",
    "find": "find/?day=tuesday&time=evening&cost=free",
    "day list": "days/tuesday/",
    "open data": "data/",
    "not found (404)": "404.html",
}
# The ones a site's one-page-per-type check may not meet: variants within a
# type, and pages showing results for a query or filters.
VARIANTS = ("asset", "paused asset", "online asset", "past event", "online event", "search results", "find")
PAGE_VARIANTS = {name: PAGE_TYPES[name] for name in VARIANTS}
AXE = Axe()
__all__ = ["AXE", "PAGE_TYPES", "WCAG_TAGS", "open_page"]


@pytest.mark.parametrize("path", PAGE_VARIANTS.values(), ids=PAGE_VARIANTS.keys())
def test_axe_finds_no_wcag_problems(page, example_url, path, record_property):
    open_page(page, example_url, path)
    results = axe_violations(page)
    record_property("checked:axe (WCAG 2.2 A/AA)", 1)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("width", "height", "what"), [(320, 640, "320 px wide"), (640, 450, "200% zoom of 1280 px")])
@pytest.mark.parametrize("path", PAGE_VARIANTS.values(), ids=PAGE_VARIANTS.keys())
def test_no_horizontal_scrolling(browser, example_url, path, width, height, what):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    try:
        open_page(tab, example_url, path)
        overflow, wide = sideways_scroll(tab)
        assert overflow <= 0, f"scrolls sideways by {overflow}px at {what}: {wide}"
    finally:
        context.close()


def test_keyboard_alone_reaches_an_activity_from_a_listing(page, example_url):
    page.goto(example_url + "domains/sport/", wait_until="load")
    first = page.locator("li.sp-card h2 a").first.inner_text()
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page)["text"] == first:
            break
    else:
        pytest.fail("the first activity in the listing cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/directory/**")
    assert page.locator("h1").inner_text() == first


def test_search_works_from_the_keyboard(page, example_url):
    page.goto(example_url + "search/", wait_until="load")
    page.wait_for_selector("#sp-search-q")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id === 'sp-search-q'"):
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    page.keyboard.type("kick-boxing")
    page.wait_for_selector(".sp-result__link")
    assert "Kick" in page.locator(".sp-result__link").first.inner_text()
