"""Build the example site for real and check its pages and the facts on them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from tests.conftest import EXAMPLE_CONTENT, TODAY, build

EXAMPLE, _ = load_content(EXAMPLE_CONTENT, TODAY)
PUBLIC = EXAMPLE.public()
EDIT_BASE = PUBLIC.site.edit_url("")  # ".../edit/main/content/", from site.yml


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return BeautifulSoup(path.read_text(), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    """The page's main text with white space folded, as a reader sees it."""
    text = " ".join(soup.select_one("article.md-content__inner").get_text(" ").split())
    return text.replace(" ,", ",").replace(" .", ".")


def edit_link(soup: BeautifulSoup) -> str | None:
    link = soup.select_one("a.md-content__button[href*='/edit/']")
    return link["href"] if link else None


def test_example_content_is_big_enough_and_clean():
    _, problems = load_content(EXAMPLE_CONTENT, TODAY)
    assert [problem.as_text() for problem in problems] == []
    assert len(PUBLIC.assets) >= 40
    assert {domain for record in PUBLIC.assets.values() for domain in record.item.domains} == set(PUBLIC.domains)
    assert len({record.item.area for record in PUBLIC.assets.values()}) >= 4
    assert len(PUBLIC.case_studies) == 3 and len(PUBLIC.news) >= 4 and len(PUBLIC.newsletters) >= 1
    assert sum(record.item.start.year == 2027 for record in PUBLIC.events.values()) >= 2


@pytest.mark.parametrize("stem", sorted(PUBLIC.assets))
def test_every_asset_has_a_page_with_its_facts_and_edit_link(example_site, stem):
    asset = PUBLIC.assets[stem].item
    soup = page(example_site, f"directory/{stem}")
    assert soup.select_one("h1").get_text(strip=True) == asset.name
    text = main_text(soup)
    assert asset.summary in text
    assert "last checked on" in text
    assert edit_link(soup) == f"{EDIT_BASE}assets/{stem}.yml"


@pytest.mark.parametrize("kind", ["domains", "areas"])
def test_domain_and_area_pages_list_their_assets(example_site, kind):
    groups = getattr(PUBLIC, kind)
    for identifier in groups:
        soup = page(example_site, f"{kind}/{identifier}")
        listed = {link["href"].split("/")[-2] for link in soup.select("li.sp-card h2 a")}
        members = {
            stem
            for stem, asset in PUBLIC.assets.items()
            if asset.item.status != "closed"
            and (identifier in asset.item.domains if kind == "domains" else asset.item.area == identifier)
        }
        assert listed == members, identifier
        assert edit_link(soup) == f"{EDIT_BASE}{kind}.yml"


def test_home_page_counts_events_and_news(example_site):
    soup = page(example_site, "")
    tiles = {a["href"]: a.select_one(".sp-tile__count").get_text() for a in soup.select("a.sp-tile")}
    sport = sum("sport" in record.item.domains and record.item.status != "closed" for record in PUBLIC.assets.values())
    assert tiles["domains/sport/"] == f"{sport} activities"
    coming_up = soup.select_one("#coming-up").find_parent("section").get_text(" ")
    upcoming = sorted(
        (record.item for record in PUBLIC.events.values() if record.item.start.date() >= TODAY), key=lambda e: e.start
    )
    assert upcoming and upcoming[0].title in coming_up
    assert "2013" not in coming_up
    latest = max(PUBLIC.news.values(), key=lambda record: record.item.date)
    assert latest.item.title in soup.select_one("#latest-news").find_parent("section").get_text(" ")


def test_story_assets_are_in_the_directory(example_site):
    for stem in [
        "hollinsford-rovers-football-club",
        "library-reading-group",
        "farmers-wives-group",
        "travelling-cinema",
        "northgate-leisure-centre-kickboxing",
        "hollinsford-harriers-running-club",
        "riverside-park-5k",
    ]:
        assert (example_site / "directory" / stem / "index.html").is_file(), stem
    rovers = main_text(page(example_site, "directory/hollinsford-rovers-football-club"))
    assert "Every Tuesday and Thursday, 6:30pm to 8pm" in rovers
    assert "A member can be your buddy and show you around." in rovers
    assert "£2 a session" in rovers


def test_events_have_pages_with_dates_and_booking(example_site):
    for stem, record in PUBLIC.events.items():
        soup = page(example_site, f"events/{stem}")
        assert soup.select_one("h1").get_text(strip=True) == record.item.title
        assert soup.select_one("time")["datetime"] == record.item.when(TODAY)[0].isoformat()
    seminar = main_text(page(example_site, "events/community-in-focus-seminar-2013"))
    assert "Friday 8 February 2013, 9:30am to 2pm" in seminar
    assert "£75" in seminar and "This event has ended." in seminar
    listing = page(example_site, "events")
    upcoming = listing.select_one("#upcoming").find_parent("section").get_text(" ")
    assert "2027" in upcoming and "2013" not in upcoming


def test_case_studies_news_and_newsletter_have_pages(example_site):
    for stem, record in PUBLIC.case_studies.items():
        text = main_text(page(example_site, f"case-studies/{stem}"))
        assert f"{record.item.worker}’s view" in text and f"{record.item.individual}’s view" in text
        assert record.item.consent.recorded_by not in text  # who recorded consent is for staff
    for stem, record in PUBLIC.news.items():
        soup = page(example_site, f"news/{stem}")
        assert record.item.title in soup.select_one("h1").get_text()
        assert edit_link(soup) == f"{EDIT_BASE}news/posts/{stem}.md"
    for stem, record in PUBLIC.newsletters.items():
        soup = page(example_site, f"newsletter/{stem}")
        links = {a["href"] for a in soup.select("li.sp-card h3 a")}
        assert len(links) == len(record.item.items)
    for url in ["case-studies", "news", "newsletter", "domains", "areas", "search"]:
        page(example_site, url)
    assert "cannot find that page" in (example_site / "404.html").read_text()


def test_asset_pages_are_not_in_the_navigation(example_site):
    for url in ["", "directory/hollinsford-rovers-football-club", "domains/sport"]:
        soup = page(example_site, url)
        navigation = soup.select("nav.md-nav a, nav.md-tabs a")
        assert navigation, "the page should have navigation"
        assert not [a["href"] for a in navigation if "directory/" in a["href"]]


def test_search_index_is_built_and_covers_assets(example_site):
    entry = example_site / "pagefind" / "pagefind-entry.json"
    assert entry.is_file()
    assert re.search(r'"page_count":\s*(\d+)', entry.read_text())
    count = int(re.search(r'"page_count":\s*(\d+)', entry.read_text()).group(1))
    assert count >= len(PUBLIC.assets) + len(PUBLIC.events) + len(PUBLIC.news)


def copy_with_assets(source: Path, target: Path, count: int) -> Path:
    """The small fixture with ``count`` extra copies of its asset."""
    shutil.copytree(source, target)
    original = (target / "assets" / "rovers.yml").read_text()
    for number in range(count):
        (target / "assets" / f"extra-{number:05d}.yml").write_text(original.replace("Rovers", f"Rovers {number:05d}"))
    return target


def test_asset_page_does_not_grow_with_the_number_of_assets(small_content, tmp_path):
    few = copy_with_assets(small_content, tmp_path / "few", 2)
    many = copy_with_assets(small_content, tmp_path / "many", 300)
    assert build(few, tmp_path / "few-site") == 0
    assert build(many, tmp_path / "many-site") == 0
    one = (tmp_path / "few-site" / "directory" / "extra-00001" / "index.html").read_bytes()
    other = (tmp_path / "many-site" / "directory" / "extra-00001" / "index.html").read_bytes()
    assert one == other


def test_closed_and_finished_assets_keep_a_page_but_leave_the_listings(small_content, tmp_path):
    original = (small_content / "assets" / "rovers.yml").read_text()
    closed = original.replace("name: Hollinsford Rovers Football Club", "name: Old Bowls Club") + "status: closed\n"
    (small_content / "assets" / "old-bowls-club.yml").write_text(closed)
    finished = original.replace("name: Hollinsford Rovers Football Club", "name: Summer Taster Day").replace(
        "    - repeats: weekly\n      days: [tuesday, thursday]", "    - repeats: once\n      dates: [2026-06-01]"
    )
    (small_content / "assets" / "summer-taster-day.yml").write_text(finished)
    site = tmp_path / "site"
    assert build(small_content, site) == 0
    listed = {a["href"] for a in page(site, "domains/sport").select("li.sp-card h2 a")}
    assert listed == {"../../directory/rovers/"}
    closed_page = (site / "directory" / "old-bowls-club" / "index.html").read_text()
    assert "This has closed." in closed_page and "data-pagefind-body" not in closed_page
    assert "The dates listed here have passed." in (site / "directory" / "summer-taster-day" / "index.html").read_text()


def test_a_news_post_may_link_to_the_feed_and_to_an_activity_page(small_content, tmp_path):
    # MkDocs checks a post's links against the files it holds, and it holds
    # neither plain files nor pages outside the navigation: both exist all the same.
    post = small_content / "news" / "posts" / "first-post.md"
    post.write_text(
        post.read_text() + "\nFollow [the news](../../feed.xml) or meet [the Rovers](../../directory/rovers/index.md).\n"
    )
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    [page] = [path for path in output.glob("news/**/index.html") if "the Rovers" in path.read_text()]
    address = "https://example.org/" + page.parent.relative_to(output).as_posix() + "/"
    links = {urljoin(address, href) for href in re.findall(r'href="([^"]+)"', page.read_text())}
    assert {"https://example.org/feed.xml", "https://example.org/directory/rovers/"} <= links
