"""One page of each type in a real browser: axe finds no WCAG 2.2 A or AA problem,
text reflows at 320 px and at 200% zoom, and the main navigation works by keyboard alone."""

from __future__ import annotations

import pytest

from signpost.sitetests.browser import axe_violations, focused, sideways_scroll
from signpost.sitetests.pages import open_page, page_types

pytestmark = pytest.mark.browser
# A phone, and a 1280 px wide screen zoomed to 200%.
SIZES = {"320 px wide": (320, 640), "200% zoom of 1280 px": (640, 450)}


def test_axe_finds_no_wcag_problem_on_a_page_of_each_type(tab, built_site, site_url, record_property):
    pages = page_types(built_site)
    reports = []
    for kind, url in pages.items():
        open_page(tab, site_url, url)
        results = axe_violations(tab)
        if results.violations_count:
            reports.append(f"{kind} ({url}):\n{results.generate_report()}")
    record_property("checked:axe (WCAG 2.2 A/AA)", len(pages))
    assert reports == [], "\n\n".join(reports)


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_no_page_type_scrolls_sideways(browser, built_site, site_url, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    wide = []
    try:
        for kind, url in page_types(built_site).items():
            open_page(tab, site_url, url)
            overflow, sticking_out = sideways_scroll(tab)
            if overflow > 0:
                wide.append(f"{kind} ({url}) scrolls sideways by {overflow}px at {size}: {sticking_out}")
    finally:
        context.close()
    assert wide == []


def main_navigation(tab) -> list[tuple[str, str]]:
    """The main navigation's (name, address) pairs, as the home page shows them."""
    links = tab.locator(".md-tabs__link")
    return [(" ".join(link.inner_text().split()), link.get_attribute("href")) for link in links.all()]


def test_keyboard_alone_reaches_and_follows_the_main_navigation(tab, site_url):
    tab.goto(site_url, wait_until="load")
    navigation = main_navigation(tab)
    assert len(navigation) >= 2, "the home page has no main navigation"
    stops = []
    for _ in range(30):
        tab.keyboard.press("Tab")
        stops.append(focused(tab))
    assert stops[0]["text"].lower().startswith("skip to content")
    names = [stop["text"] for stop in stops]
    missing = [name for name, _ in navigation if name not in names]
    assert missing == [], f"Tab never reaches {missing}: {names}"
    positions = [names.index(name) for name, _ in navigation]
    assert positions == sorted(positions), f"navigation out of order: {names}"
    unseen = [stop["text"] for stop in stops if stop["href"] and not (stop["outline"] or stop["shadow"])]
    assert unseen == [], "every link needs a visible focus indicator"
    # Follow the second entry (the first is the home page itself) with Enter.
    tab.goto(site_url, wait_until="load")
    for _ in range(positions[1] + 1):
        tab.keyboard.press("Tab")
    name, href = navigation[1]
    assert focused(tab)["text"] == name
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.rstrip("/").endswith(href.strip("./").rstrip("/"))
