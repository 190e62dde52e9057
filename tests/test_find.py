"""The find page in Chromium: the address is the state, facets filter exactly,
Back and Forward step through choices, and it all works by keyboard."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from signpost.check.loader import load_content
from tests.conftest import EXAMPLE_CONTENT, TODAY, HeldRequests, press_twice_while_the_next_page_waits

pytestmark = pytest.mark.browser

PUBLIC = load_content(EXAMPLE_CONTENT, TODAY)[0].public()
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def session_days(session) -> set[str]:
    if session.repeats == "daily":
        return set(WEEKDAYS)
    if session.repeats == "once":
        return {WEEKDAYS[day.weekday()] for day in session.dates}
    return set(session.days)


def time_of_day(session) -> str:
    hour = session.starts.hour
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"


def matches(asset, query: dict[str, list[str]]) -> bool:
    """Whether an asset fits the address's choices, worked out from its fields alone."""
    any_of = {
        "domain": set(asset.domains),
        "area": {asset.area},
        "cost": {"free"} if asset.cost.free else set(),
        "access": {name for name, value in asset.accessibility if value is True},
        "audience": set(asset.audience.groups),
        "welcome": {name for name, value in asset.welcome if value is True},
        "taking": {asset.taking_new_people} if asset.taking_new_people else set(),
    }
    for key, have in any_of.items():
        if key in query and not have & set(query[key]):
            return False
    days, times = set(query.get("day", WEEKDAYS)), set(query.get("time", ["morning", "afternoon", "evening"]))
    if ("day" in query or "time" in query) and not any(
        session_days(session) & days and time_of_day(session) in times for session in asset.schedule.sessions
    ):
        return False
    if "age" in query:
        age = int(query["age"][0])
        low, high = asset.audience.min_age or 0, asset.audience.max_age if asset.audience.max_age is not None else 200
        if not low <= age <= high:
            return False
    return True


def expected_names(address: str) -> list[str]:
    query = parse_qs(urlsplit(address).query)
    return sorted(
        record.item.name for record in PUBLIC.assets.values() if record.item.status != "closed" and matches(record.item, query)
    )


def shown_names(tab) -> list[str]:
    """Every result's name, once the list for the current address is complete."""
    tab.wait_for_function(
        "document.querySelector('[data-find]').getAttribute('data-ready') === location.pathname + location.search"
    )
    more = tab.locator("[data-more]")
    while more.is_visible():
        before = tab.locator("[data-results] > li").count()
        more.click()
        tab.wait_for_function(f"document.querySelectorAll('[data-results] > li').length > {before}")
    return sorted(link.inner_text() for link in tab.locator("[data-results] h2 a").all())


ADDRESSES = [
    "find/?domain=sport&day=tuesday&day=thursday&time=evening",
    "find/?cost=free&area=moor-villages",
    "find/?access=step_free&welcome=accompanied_first_visit",
    "find/?audience=older-people&age=72",
    "find/?day=tuesday&time=morning",
    "find/?day=saturday&day=sunday&cost=free",
    "find/?taking=yes&taking=waiting-list",
    "find/?age=15",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_address_lists_exactly_the_matching_activities(page, example_url, address):
    expected = expected_names(address)
    page.goto(example_url + address, wait_until="load")
    assert shown_names(page) == expected
    count = page.locator("[data-result-count]")
    assert count.get_attribute("aria-live") == "polite"
    assert count.inner_text().startswith(f"{len(expected)} {'activity' if len(expected) == 1 else 'activities'}")


def test_day_and_time_belong_to_the_same_session(page, example_url):
    # Activities that meet on a Tuesday and at some time in the evening, but
    # never on a Tuesday evening, must not be listed for "Tuesday evening".
    def days_and_times(asset):
        sessions = asset.schedule.sessions
        return {d for s in sessions for d in session_days(s)}, {time_of_day(s) for s in sessions}

    split = sorted(
        record.item.name
        for record in PUBLIC.assets.values()
        if "tuesday" in days_and_times(record.item)[0]
        and "evening" in days_and_times(record.item)[1]
        and not matches(record.item, {"day": ["tuesday"], "time": ["evening"]})
    )
    assert split, "the example needs an activity that meets on a Tuesday and in an evening, but not on a Tuesday evening"
    page.goto(example_url + "find/?day=tuesday&time=evening", wait_until="load")
    shown = shown_names(page)
    assert shown == expected_names("find/?day=tuesday&time=evening")
    assert not set(split) & set(shown)


def test_counts_say_what_choosing_an_option_would_give(page, example_url):
    page.goto(example_url + "find/?cost=free", wait_until="load")
    shown_names(page)
    for area in PUBLIC.areas:
        count = page.locator(f"[data-count='area:{area}']").text_content()
        assert count == f"({len(expected_names(f'find/?cost=free&area={area}'))})", area
    for day in ("tuesday", "saturday"):
        count = page.locator(f"[data-count='day:{day}']").text_content()
        assert count == f"({len(expected_names(f'find/?cost=free&day={day}'))})", day


def test_the_same_address_in_a_fresh_page_restores_the_choices(browser, example_url):
    address = ADDRESSES[0]
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(example_url + address, wait_until="load")
        shown_names(tab)
        assert tab.locator("input[name=domain][value=sport]").is_checked()
        assert tab.locator("input[name=day][value=thursday]").is_checked()
        assert tab.locator("input[name=time][value=evening]").is_checked()
        chips = [chip.inner_text() for chip in tab.locator("[data-chips] button").all()]
        assert len(chips) == 4 and any("Sport and exercise" in chip for chip in chips)
    finally:
        context.close()


def test_back_and_forward_step_through_choices(page, example_url):
    page.goto(example_url + "find/", wait_until="load")
    everything = shown_names(page)
    page.locator("details[data-facet=cost] summary").click()
    page.locator("input[name=cost][value=free]").check()
    page.wait_for_url("**/find/?cost=free")
    assert shown_names(page) == expected_names("find/?cost=free") != everything
    page.locator("details[data-facet=area] summary").click()
    page.locator("input[name=area][value=riverside]").check()
    page.wait_for_url("**/find/?area=riverside&cost=free")
    page.go_back()
    page.wait_for_url("**/find/?cost=free")
    page.wait_for_function("!document.querySelector('input[name=area][value=riverside]').checked")
    assert shown_names(page) == expected_names("find/?cost=free")
    page.go_back()
    page.wait_for_function("!document.querySelector('input[name=cost][value=free]').checked")
    assert shown_names(page) == everything
    page.go_forward()
    page.wait_for_url("**/find/?cost=free")


def test_a_chip_removes_its_choice_and_clear_all_removes_every_choice(page, example_url):
    page.goto(example_url + "find/?cost=free&day=monday", wait_until="load")
    shown_names(page)
    page.locator("[data-chips] button", has_text="Monday").click()
    page.wait_for_url("**/find/?cost=free")
    page.locator("[data-clear]").click()
    page.wait_for_url("**/find/")
    assert shown_names(page) == expected_names("find/")


def test_on_today_uses_the_real_dates_of_each_session(browser, example_url):
    # A fixed clock: Tuesday 1 December 2026. The Moor mobile library meets
    # every other Tuesday from 24 November, so not on 1 December; the Upper
    # Fold lunch club meets in the other weeks, so it does.
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    tab.clock.set_fixed_time(dt.datetime(2026, 12, 1, 9, 0))
    try:
        tab.goto(example_url + "find/?on=today", wait_until="load")
        names = shown_names(tab)
    finally:
        context.close()
    on_tuesdays = [
        record.item
        for record in PUBLIC.assets.values()
        if any(s.repeats in ("weekly", "daily") and "tuesday" in session_days(s) for s in record.item.schedule.sessions)
    ]
    meeting = {asset.name for asset in on_tuesdays if asset.status == "active"}
    paused = {asset.name for asset in on_tuesdays if asset.status == "paused"}
    assert meeting and meeting <= set(names)
    assert "Upper Fold Lunch Club" in names
    assert "Moor Mobile Library" not in names
    # Paused, it will not meet today, whatever its usual day.
    assert paused and not paused & set(names)


def test_axe_finds_no_problem_with_filters_chosen(page, example_url):
    page.goto(example_url + ADDRESSES[0], wait_until="load")
    shown_names(page)
    page.locator("details[data-facet=welcome] summary").click()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_the_keyboard_alone_chooses_a_filter_and_reaches_a_result(page, example_url):
    page.goto(example_url + "find/", wait_until="load")
    shown_names(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('details[data-facet=cost]') !== null"):
            break
    else:
        pytest.fail("the cost facet cannot be reached with Tab")
    page.keyboard.press("Enter")  # open the facet
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # tick "Free"
    page.wait_for_url("**/find/?cost=free")
    target = expected_names("find/?cost=free")[0]
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == target:
            break
    else:
        pytest.fail("the first result cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/directory/**")


def test_without_javascript_the_find_page_points_to_plain_lists_that_reach_every_activity(browser, example_url):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(example_url + "find/", wait_until="load")
        assert not tab.locator("form.sp-find__form").is_visible()
        links = {link.get_attribute("href") for link in tab.locator(".sp-page a").all()}
        assert {"../domains/", "../areas/", "../days/"} <= links
        reached = set()
        for day in WEEKDAYS:
            tab.goto(example_url + f"days/{day}/", wait_until="load")
            reached |= {link.inner_text() for link in tab.locator("li.sp-card h2 a").all()}
    finally:
        context.close()
    with_a_session = {r.item.name for r in PUBLIC.assets.values() if r.item.status != "closed" and r.item.schedule.sessions}
    assert with_a_session <= reached


def test_show_more_pressed_while_a_new_list_is_coming_adds_nothing_to_it(page, example_url):
    # The new list's first page waits here for its results' details: "Show
    # more" pressed meanwhile must not add an old or doubled page.
    page.goto(example_url + "find/", wait_until="load")
    page.wait_for_function("document.querySelector('[data-find]').getAttribute('data-ready') === '/find/'")
    assert page.locator("[data-more]").is_visible()
    details = HeldRequests()
    page.route(re.compile(r"/pagefind/fragment/"), details)
    address = "find/?area=moor-villages"
    choice = page.locator("input[name='area'][value='moor-villages']")
    if not choice.is_visible():
        page.locator("details", has=choice).locator("summary").click()
    choice.check()
    details.wait_for_some(page, "the new list")
    page.locator("[data-more]").click()
    page.wait_for_timeout(200)  # time for a wrong page to be asked for
    details.release()
    assert shown_names(page) == expected_names(address)


def test_show_more_pressed_twice_quickly_adds_one_page_once(page, example_url):
    # The second press comes while the first page's details are still on
    # their way: it must not draw that page a second time.
    page.goto(example_url + "find/", wait_until="load")
    page.wait_for_function("document.querySelector('[data-find]').getAttribute('data-ready') === '/find/'")
    first_page = page.locator("[data-results] > li").count()
    press_twice_while_the_next_page_waits(page, page.locator("[data-more]"))
    page.wait_for_function(f"() => document.querySelectorAll('[data-results] > li').length > {first_page}")
    page.wait_for_timeout(300)  # time for a doubled page to be drawn
    names = [link.inner_text() for link in page.locator("[data-results] h2 a").all()]
    assert len(names) == len(set(names)) == min(2 * first_page, len(expected_names("find/")))
