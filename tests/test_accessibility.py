"""Every page type in a real browser: axe finds no WCAG 2.2 A/AA problem, text
reflows at 320 px and at 200% zoom, and the navigation works by keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

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
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
MAIN_NAVIGATION = [
    "Home",
    "Find something to do",
    "Types of activity",
    "Areas",
    "Days",
    "Events",
    "News",
    "Stories",
    "Newsletter",
]
AXE = Axe()


def open_page(tab, base: str, path: str) -> None:
    tab.goto(base + path, wait_until="load")
    if path.startswith("search/"):
        tab.wait_for_selector(".sp-result", timeout=15_000)
    if path.startswith("find/"):
        tab.wait_for_selector("[data-find][data-ready]", timeout=15_000)


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_no_wcag_problems(page, example_url, path, record_property):
    open_page(page, example_url, path)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    record_property("checked:axe (WCAG 2.2 A/AA)", 1)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("width", "height", "what"), [(320, 640, "320 px wide"), (640, 450, "200% zoom of 1280 px")])
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_horizontal_scrolling(browser, example_url, path, width, height, what):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    try:
        open_page(tab, example_url, path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        wide = tab.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
        assert overflow <= 0, f"scrolls sideways by {overflow}px at {what}: {wide}"
    finally:
        context.close()


def focused(tab) -> dict:
    return tab.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return {text: (e.innerText || e.getAttribute('aria-label') || '').trim(), href: e.getAttribute('href'),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none'};
    }""")


def test_keyboard_alone_reaches_and_follows_the_main_navigation(page, example_url):
    page.goto(example_url, wait_until="load")
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    assert stops[0]["text"].lower().startswith("skip to content")
    names = [stop["text"] for stop in stops]
    positions = [names.index(name) for name in MAIN_NAVIGATION]
    assert positions == sorted(positions), f"navigation out of order: {names}"
    unseen = [stop["text"] for stop in stops if stop["href"] and not (stop["outline"] or stop["shadow"])]
    assert unseen == [], "every link needs a visible focus indicator"
    for _ in range(positions[1] + 1):
        page.keyboard.press("Tab")
    page.goto(example_url, wait_until="load")
    for _ in range(positions[1] + 1):
        page.keyboard.press("Tab")
    assert focused(page)["text"] == "Find something to do"
    page.keyboard.press("Enter")
    page.wait_for_url("**/find/")
    assert page.locator("h1").inner_text() == "Find something to do"


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
