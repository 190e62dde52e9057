"""Site search in a real browser, including a large site's index split into shards."""

from __future__ import annotations

import json
import re

import pytest

from signpost.check.loader import load_content
from signpost.collect.review import default_period
from tests.conftest import EXAMPLE_CONTENT, TODAY, HeldRequests, build, serve_folder

pytestmark = pytest.mark.browser


def results_for(browser, base: str, query: str) -> list[str]:
    tab = browser.new_page()
    try:
        tab.goto(f"{base}search/?q={query}", wait_until="load")
        # The live region names the query once every bundle has answered.
        tab.wait_for_function(
            "q => document.getElementById('sp-search-status').textContent.includes(q)", arg=query, timeout=15_000
        )
        more = tab.locator("#sp-search-more")
        while more.is_visible():  # the list shows ten results at a time
            shown = tab.locator(".sp-result").count()
            more.click()
            tab.wait_for_function("n => document.querySelectorAll('.sp-result').length > n", arg=shown, timeout=15_000)
        return sorted(link.get_attribute("href") for link in tab.locator(".sp-result__link").all())
    finally:
        tab.close()


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """The example site with its index split into bundles of 20 pages, served: (folder, base URL)."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    assert build(EXAMPLE_CONTENT, site, extra=["--pages-per-shard", "20"]) == 0
    server, url = serve_folder(site)
    yield site, url
    server.shutdown()


def test_a_sharded_index_finds_what_a_single_index_finds(browser, example_site, example_url, sharded):
    site, sharded_url = sharded
    extra = json.loads((site / "pagefind" / "shards.json").read_text())
    assert len(extra) >= 2 and all((site / path / "pagefind-entry.json").is_file() for path in extra)
    assert json.loads((example_site / "pagefind" / "shards.json").read_text()) == []
    for query in ["football", "garden"]:
        whole = results_for(browser, example_url, query)
        assert whole, query
        assert results_for(browser, sharded_url, query) == whole
    # Pagefind widens the last word to words that start with it, per
    # bundle, so shards may find a little more, but never less.
    whole = results_for(browser, example_url, "workshop")
    assert set(whole) <= set(results_for(browser, sharded_url, "workshop"))


def test_the_first_shard_shows_its_results_before_the_others_arrive(browser, sharded):
    # On a slow connection the first results must not wait for every part of
    # a large index: the other bundles are held back here until the first
    # bundle's results are on the screen.
    site, url = sharded
    public = load_content(EXAMPLE_CONTENT, TODAY)[0].public()
    activities = sum(record.item.status != "closed" for record in public.assets.values())
    later_bundles = re.compile(r"/pagefind-\d+/")
    later = HeldRequests()
    tab = browser.new_page()
    try:
        tab.route(later_bundles, later)
        tab.goto(f"{url}find/", wait_until="load")
        tab.wait_for_selector("[data-results] > li", timeout=15_000)
        early = tab.locator("[data-results] > li").count()
        assert 0 < early < activities
        assert tab.locator("[data-result-count]").inner_text() == "Still searching\u2026"
        assert later.held, "the other bundles were asked for only after the first answered"
        assert tab.locator("[data-find][data-ready]").count() == 0
        # A keyboard user already in the early list keeps their place when the whole list is drawn.
        second = tab.locator("[data-results] > li").nth(1).locator("a[href]").first
        second.focus()
        href = second.get_attribute("href")
        later.release()
        tab.wait_for_selector("[data-find][data-ready]", timeout=15_000)
        assert tab.locator("[data-result-count]").inner_text() == f"{activities} activities match."
        assert tab.evaluate("document.activeElement.closest('[data-results]') !== null")
        assert tab.evaluate("document.activeElement.getAttribute('href')") == href
    finally:
        tab.close()


def test_when_part_of_the_index_fails_to_load_the_early_results_stay_with_a_warning(browser, sharded):
    # The first bundle's results are right as far as they go: a bundle that
    # cannot be loaded afterwards must not wipe them, nor pass them off as all.
    site, url = sharded
    tab = browser.new_page()
    try:
        tab.route(re.compile(r"/pagefind-\d+/"), lambda route: route.abort())
        tab.goto(f"{url}find/", wait_until="load")
        tab.wait_for_function(
            "() => document.querySelector('[data-result-count]').textContent.startsWith('Only part of the list')", timeout=15_000
        )
        assert tab.locator("[data-results] > li").count() > 0
        assert "Reload the page" in tab.locator("[data-result-count]").inner_text()
        # "free" is a filter alone: every activity page answers it, so the first bundle has some.
        tab.goto(f"{url}search/?q=free", wait_until="load")
        tab.wait_for_function(
            "() => document.getElementById('sp-search-status').textContent.startsWith('Only part of the directory')",
            timeout=15_000,
        )
        assert tab.locator(".sp-result").count() > 0
    finally:
        tab.close()


def test_a_site_with_nothing_published_yet_still_builds_a_search_index(small_content, tmp_path):
    # A new team's first build may hold only drafts (an import marks gaps as
    # drafts): Pagefind refuses an index of no pages, so the build must not.
    for folder in ("case-studies", "events", "newsletters", "news/posts"):
        for path in (small_content / folder).glob("*.md"):
            path.unlink()
    for path in (small_content / "assets").glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8") + "\ndraft: true\n", encoding="utf-8")
    assert build(small_content, tmp_path / "site") == 0
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    assert not list((tmp_path / "site").rglob(".signpost-empty-index.html"))


def names_in_order(browser, base: str) -> list[str]:
    """Every name the find page lists with no filters, in the order shown."""
    tab = browser.new_page()
    try:
        tab.goto(f"{base}find/", wait_until="load")
        tab.wait_for_selector("[data-find][data-ready]", timeout=30_000)
        more = tab.locator("[data-more]")
        while more.is_visible():
            shown = tab.locator("[data-results] > li").count()
            more.click()
            tab.wait_for_function("n => document.querySelectorAll('[data-results] > li').length > n", arg=shown)
        return tab.locator("[data-results] > li h2").all_inner_texts()
    finally:
        tab.close()


def test_the_find_list_is_in_name_order_however_the_index_is_split(browser, example_url, sharded):
    # Pagefind sorts each shard on its own; merged, the list must still read
    # A to Z (very overdue entries last), as on a small site.
    public = load_content(EXAMPLE_CONTENT, TODAY)[0].public()
    period = default_period(public.site)
    by_name = {record.item.name: record for record in public.assets.values()}

    def listing_order(name: str):
        record = by_name[name]
        overdue = period.stage_of(record.item.last_checked, TODAY) == "very-overdue"
        return (overdue, name.casefold(), record.stem)

    for base in (example_url, sharded[1]):
        names = names_in_order(browser, base)
        assert len(names) == sum(record.item.status != "closed" for record in public.assets.values())
        assert names == sorted(names, key=listing_order), base
