"""The core's outputs: files of its own (sitemap, robots.txt), paginated listings,
no engine in the core, the build lock and the build date."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from bs4 import BeautifulSoup
from pymdownx.slugs import slugify

from signpost.build.staging import build_lock
from signpost.check.loader import load_content
from signpost.collect.collections import PAGE_SIZE
from signpost.core.kinds import DAYS, KINDS, TAXONOMIES
from signpost.models.schedule import WEEKDAYS
from tests.conftest import EXAMPLE_CONTENT, TODAY, build, run_command

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def public_page_urls(content_dir: Path) -> set[str]:
    """Every public page address, worked out from the content files alone."""
    content, _ = load_content(content_dir, TODAY)
    public = content.public()
    urls = {"", "search/", "find/", "shortlist/", "data/", DAYS.index_url} | {DAYS.url(day) for day in WEEKDAYS}
    for taxonomy in TAXONOMIES.values():
        urls.add(taxonomy.index_url)
        urls.update(taxonomy.url(identifier) for identifier in getattr(public, taxonomy.attribute))
    for kind in KINDS.values():
        urls.add(kind.index_url if kind.name != "asset" else "")
        urls.update(kind.url(stem) for stem in getattr(public, kind.attribute))
    # The blog's category pages, at the addresses its own slug function gives them.
    to_slug = slugify(case="lower")
    urls.update(f"news/category/{to_slug(name, '-')}/" for record in public.news.values() for name in record.item.categories)
    return urls


def test_the_sitemap_lists_every_public_page_under_site_url(example_site):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    root = ElementTree.parse(example_site / "sitemap.xml").getroot()
    listed = {element.text for element in root.iter(f"{SITEMAP}loc")}
    expected = {content.site.site_url + url for url in public_page_urls(EXAMPLE_CONTENT)}
    assert listed == expected
    assert all((example_site / url.removeprefix(content.site.site_url) / "index.html").is_file() for url in listed)
    assert not (example_site / "sitemap.xml.gz").exists(), "the engine's own sitemap must not be written too"


def test_robots_txt_is_the_cores_own_file_and_points_at_the_sitemap(example_site):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    assert (example_site / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {content.site.site_url}sitemap.xml"


def test_drafts_stay_out_of_the_sitemap(small_content, tmp_path):
    rovers = (small_content / "assets" / "rovers.yml").read_text()
    (small_content / "assets" / "draft-club.yml").write_text(rovers + "draft: true\n")
    assert build(small_content, tmp_path / "site") == 0
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert "directory/rovers/" in sitemap and "draft-club" not in sitemap


def test_long_listings_are_paginated_with_plain_links(small_content, tmp_path):
    original = (small_content / "assets" / "rovers.yml").read_text()
    extra = 2 * PAGE_SIZE + 5
    for number in range(extra):
        (small_content / "assets" / f"extra-{number:03d}.yml").write_text(
            original.replace("name: Hollinsford Rovers Football Club", f"name: Club {number:03d}")
        )
    site = tmp_path / "site"
    assert build(small_content, site) == 0
    seen: list[str] = []
    url = "areas/northgate/"
    while url:
        soup = BeautifulSoup((site / url / "index.html").read_text(), "html.parser")
        cards = [link["href"] for link in soup.select("li.sp-card h2 a")]
        assert len(cards) <= PAGE_SIZE
        seen += cards
        following = soup.select_one("a[rel=next]")
        url = os.path.normpath(url + following["href"]).lstrip("./") + "/" if following else ""
    assert len(seen) == len(set(seen)) == extra + 1
    assert (site / "areas" / "northgate" / "page" / "3" / "index.html").is_file()
    assert max(path.stat().st_size for path in site.rglob("*.html")) < 100_000


def test_a_second_build_into_the_same_folder_is_refused_plainly(small_content, tmp_path):
    output = tmp_path / "site"
    with build_lock(output):
        result = run_command("build", "--content", str(small_content), "--output", str(output), "--today", TODAY.isoformat())
    assert result.returncode == 1
    assert f"{output}:1: another build is writing this site right now — wait for it to finish, then build again" in result.stderr
    assert not output.exists()
    assert build(small_content, output) == 0
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".site.")] == []


def test_source_date_epoch_sets_the_build_day(small_content, tmp_path):
    # The workshop is on 2027-03-12: upcoming before then, past after.
    env_day = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    result = run_command(
        "build",
        "--content",
        str(small_content),
        "--output",
        str(tmp_path / "site"),
        env={"SOURCE_DATE_EPOCH": str(int(env_day.timestamp()))},
    )
    assert result.returncode == 0, result.stderr
    events = BeautifulSoup((tmp_path / "site" / "events" / "index.html").read_text(), "html.parser")
    assert events.select_one("#past") is not None and events.select_one("#upcoming").find_parent("section").select("li") == []
