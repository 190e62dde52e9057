"""The search page's own results, in a real browser, on the example site.

Every expected list is worked out from the content files, never written by
hand: a search that understands the directory ("free", "sport", "step-free",
"bring a friend") must return exactly the activities the content says match.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from signpost.collect.facets import asset_filters
from signpost.core import urls
from signpost.render.cards import card
from tests.conftest import EXAMPLE_CONTENT, TODAY, press_twice_while_the_next_page_waits

pytestmark = pytest.mark.browser

CONTENT = load_content(EXAMPLE_CONTENT, TODAY)[0].public()
# Closed activities keep their page for old links but leave search.
LISTED = {stem: record for stem, record in CONTENT.assets.items() if record.item.status != "closed"}
WAIT = 15_000
# "12 results for “free”" or "No results for “fotball”. ..." names the query answered.
ANSWERED = """q => {
    const said = document.getElementById('sp-search-status').textContent;
    const answered = said.match(/^(?:\\d+ results?|No results) for \u201c(.*?)\u201d/);
    return answered !== null && answered[1] === q;
}"""


def address(kind: str, stem: str) -> str:
    """A result's link as Pagefind gives it: site-relative, from the root."""
    return "/" + urls.of(kind, stem)


def activities(test) -> set[str]:
    return {address("asset", stem) for stem, record in LISTED.items() if test(record.item)}


def wait_for_search(tab, query: str) -> None:
    """Wait until the page has answered ``query`` (the live region names it)."""
    tab.wait_for_function(ANSWERED, arg=query, timeout=WAIT)


def open_search(tab, base: str, query: str) -> None:
    tab.goto(f"{base}search/?q={query}", wait_until="load")
    wait_for_search(tab, query)


def every_result(tab) -> list[str]:
    """The links of all results, pressing "Show more results" until there are no more."""
    more = tab.locator("#sp-search-more")
    while more.is_visible():
        before = tab.locator(".sp-result").count()
        more.click()
        tab.wait_for_function("n => document.querySelectorAll('.sp-result').length > n", arg=before, timeout=WAIT)
    return [link.get_attribute("href") for link in tab.locator("li.sp-result h2 a.sp-result__link").all()]


def result_item(tab, href: str):
    return tab.locator("li.sp-result").filter(has=tab.locator(f'h2 a[href="{href}"]'))


def chips(tab) -> list[str]:
    return [text.replace("\u00d7", "").strip() for text in tab.locator(".sp-search-chip").all_inner_texts()]


# ---------------------------------------------------------------------------
# Words that name something the directory files activities by.


def test_sport_lists_every_activity_of_that_type(page, example_url):
    open_search(page, example_url, "sport")
    found = every_result(page)
    expected = activities(lambda asset: "sport" in asset.domains)
    assert expected and set(found) == expected and len(found) == len(expected)
    assert chips(page) == [CONTENT.domains["sport"].item.name]


def test_free_lists_exactly_the_free_activities(page, example_url):
    open_search(page, example_url, "free")
    found = set(every_result(page))
    free = activities(lambda asset: asset.cost.free)
    paid = activities(lambda asset: not asset.cost.free)
    assert free and paid
    assert found & paid == set(), "a paid activity came back for 'free'"
    assert found == free
    assert chips(page) == ["Free"]
    assert page.locator("#sp-search-status").inner_text() == f"{len(free)} results for \u201cfree\u201d"


def test_step_free_lists_exactly_the_step_free_activities(page, example_url):
    open_search(page, example_url, "step-free")
    expected = activities(lambda asset: asset.accessibility.step_free is True)
    assert expected and set(every_result(page)) == expected
    assert chips(page) == ["Step-free access"]


def test_bring_a_friend_lists_exactly_those_welcoming_a_companion(page, example_url):
    open_search(page, example_url, "bring a friend")
    expected = activities(lambda asset: asset.welcome.accompanied_first_visit is True)
    assert expected and set(every_result(page)) == expected


def test_a_mixed_query_searches_the_other_words_within_the_filters(page, example_url):
    """'exercise tuesday': the type's name ("Sport and exercise") is in each activity's text."""
    open_search(page, example_url, "exercise tuesday")
    found = set(every_result(page))
    on_tuesday = {
        address("asset", stem) for stem, record in LISTED.items() if "tuesday" in asset_filters(record.item).get("day", [])
    }
    sport_on_tuesday = activities(lambda asset: "sport" in asset.domains) & on_tuesday
    assert sport_on_tuesday and sport_on_tuesday <= found <= on_tuesday
    assert chips(page) == ["Tuesday"]


def test_a_filter_chip_can_be_removed(page, example_url):
    open_search(page, example_url, "free tuesday")
    assert chips(page) == ["Free", "Tuesday"]
    page.get_by_role("button", name="Remove filter: Tuesday").click()
    wait_for_search(page, "free")
    assert parse_qs(urlparse(page.url).query)["q"] == ["free"]
    assert page.locator("#sp-search-q").input_value() == "free"
    assert set(every_result(page)) == activities(lambda asset: asset.cost.free)


# ---------------------------------------------------------------------------
# What each result shows.


def test_an_activity_result_shows_its_kind_and_cost(page, example_url):
    stem = "hollinsford-rovers-football-club"
    open_search(page, example_url, "football")
    item = result_item(page, address("asset", stem))
    expect_facts = card(LISTED[stem], CONTENT, urls.of("asset", stem))
    assert item.locator(".sp-result__kind").inner_text().startswith("Activity")
    facts = item.locator(".sp-result__facts").inner_text()
    assert expect_facts.cost in facts and expect_facts.when[0] in facts
    assert item.locator("h2").inner_text() == LISTED[stem].item.name


def when_on_event_page(site, href: str) -> str:
    """The date in words that the event's own page shows."""
    soup = BeautifulSoup((site / href.strip("/") / "index.html").read_text(), "html.parser")
    return soup.select_one("dl.sp-facts time").get_text(" ", strip=True)


def test_event_results_show_their_date_and_ended_events_come_last(page, example_site, example_url):
    open_search(page, example_url, "workshop")
    found = every_result(page)
    now = dt.datetime.now(dt.UTC)
    # One-off events: a repeating or moved event's dates are worked out elsewhere.
    events = {
        address("event", stem): record.item
        for stem, record in CONTENT.events.items()
        if not getattr(record.item, "repeats", None) and record.item.status == "scheduled"
    }
    shown = [href for href in found if href in events]
    ended = [href for href in shown if events[href].end_local < now]
    upcoming = [href for href in shown if events[href].end_local >= now]
    assert ended and upcoming, "the example content needs past (2013) and coming (2027) workshops"
    for href in shown:
        item = result_item(page, href)
        assert item.locator(".sp-result__kind").inner_text().startswith("Event")
        assert when_on_event_page(example_site, href) in item.locator(".sp-result__facts").inner_text()
        assert ("Ended" in item.locator(".sp-result__kind").inner_text()) == (href in ended)
    assert max(found.index(href) for href in upcoming) < min(found.index(href) for href in ended)
    assert found[-len(ended) :] == ended, "ended events come after every other result"


def test_results_come_ten_at_a_time_as_a_list_of_headed_links(page, example_url):
    open_search(page, example_url, "free")
    total = len(activities(lambda asset: asset.cost.free))
    assert total > 10
    assert page.locator("ol.sp-results > li.sp-result > h2 > a").count() == 10
    page.locator("#sp-search-more").click()
    page.wait_for_function("document.querySelectorAll('.sp-result').length > 10", timeout=WAIT)
    assert page.locator(".sp-result").count() == min(20, total)
    # Focus goes to the first new result, so a keyboard user carries on from there.
    assert page.evaluate("document.activeElement === document.querySelectorAll('.sp-result__link')[10]")


def test_show_more_pressed_twice_quickly_adds_one_page_once(page, example_url):
    # The second press comes while the next page's details are on their way:
    # it must not draw that page a second time.
    open_search(page, example_url, "free")
    total = len(activities(lambda asset: asset.cost.free))
    press_twice_while_the_next_page_waits(page, page.locator("#sp-search-more"))
    page.wait_for_function("document.querySelectorAll('.sp-result').length > 10", timeout=WAIT)
    page.wait_for_timeout(300)  # time for a doubled page to be drawn
    links = [link.get_attribute("href") for link in page.locator("li.sp-result h2 a.sp-result__link").all()]
    assert len(links) == len(set(links)) == min(20, total)
    assert page.locator("#sp-search-shown").inner_text() == f"Showing {min(20, total)} of {total}."


def test_the_live_region_says_how_many_were_found(page, example_url):
    open_search(page, example_url, "football")
    status = page.locator("#sp-search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    count = len(every_result(page))
    assert count >= 1
    assert status.inner_text() == f"{count} result{'s' if count != 1 else ''} for \u201cfootball\u201d"


def test_a_misspelling_offers_the_nearest_word(page, example_url):
    open_search(page, example_url, "fotball")
    assert page.locator(".sp-result").count() == 0
    suggestion = page.locator("#sp-search-suggestion")
    assert suggestion.inner_text() == "Did you mean football?"
    help_links = page.locator("#sp-search-help a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for target in ("domain", "area", "day"):
        assert any(href.endswith(urls.index(target)) for href in help_links), target
    assert any(href.endswith(urls.FIND) for href in help_links)
    suggestion.get_by_role("link", name="football").click()
    wait_for_search(page, "football")
    assert parse_qs(urlparse(page.url).query)["q"] == ["football"]
    assert address("asset", "hollinsford-rovers-football-club") in every_result(page)


# ---------------------------------------------------------------------------
# The query in the address, Back, and the header's search box.


def test_the_query_is_in_the_address_and_back_restores_the_previous_one(page, example_url):
    open_search(page, example_url, "walk")
    walks = every_result(page)
    assert walks
    start = page.evaluate("history.length")
    box = page.locator("#sp-search-q")
    assert box.input_value() == "walk"
    # Typing rewrites the address without adding to the history.
    box.fill("garden")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'garden'", timeout=WAIT)
    wait_for_search(page, "garden")
    assert page.evaluate("history.length") == start
    # Submitting adds an entry: Back returns to "walk".
    box.fill("football")
    box.press("Enter")
    wait_for_search(page, "football")
    assert parse_qs(urlparse(page.url).query)["q"] == ["football"]
    page.go_back()
    wait_for_search(page, "walk")
    assert parse_qs(urlparse(page.url).query)["q"] == ["walk"]
    assert box.input_value() == "walk"
    assert every_result(page) == walks
    page.go_forward()
    wait_for_search(page, "football")
    assert box.input_value() == "football"


def test_the_header_search_box_opens_the_results(page, example_url):
    page.goto(example_url, wait_until="load")
    page.locator("#sp-header-q").fill("football")
    page.locator("#sp-header-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=football$"))
    wait_for_search(page, "football")
    assert address("asset", "hollinsford-rovers-football-club") in every_result(page)


def test_the_search_box_is_a_labelled_search_form(page, example_url):
    page.goto(f"{example_url}search/", wait_until="load")
    form = page.locator("form.sp-search__form")
    assert form.get_attribute("role") == "search" and form.get_attribute("method") == "get"
    box = page.get_by_role("searchbox", name="Search for activities, events, stories and news")
    assert box.get_attribute("type") == "search" and box.get_attribute("name") == "q"


def test_without_javascript_the_page_offers_ways_to_browse(browser, example_url):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(f"{example_url}search/?q=football", wait_until="load")
        message = tab.locator(".sp-search__noscript")
        assert message.is_visible() and "JavaScript" in message.inner_text()
        links = message.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert [link.rstrip("/").rsplit("/", 1)[-1] for link in links] == ["domains", "areas", "days"]
        # The form still submits to the search page.
        tab.locator("#sp-search-q").fill("walk")
        tab.locator("#sp-search-q").press("Enter")
        tab.wait_for_url(re.compile(r"/search/\?q=walk$"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_results_fit_a_phone_screen(browser, example_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    tab = context.new_page()
    try:
        open_search(tab, example_url, "free tuesday")
        assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        small = tab.evaluate(
            """() => [...document.querySelectorAll('.sp-search button, .sp-search input, .sp-result__link')]
                .filter(e => e.offsetParent !== null)
                .map(e => e.getBoundingClientRect())
                .filter(r => r.height < 24 || r.width < 24).length"""
        )
        assert small == 0, "every control and link is at least 24 by 24 px"
    finally:
        context.close()
