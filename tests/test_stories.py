"""Stories: the listing grouped by setting, a story's two perspectives (side by side
on a wide screen, stacked on a phone), its goals and the activities it used."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from signpost.core.kinds import KINDS
from tests.conftest import EXAMPLE_CONTENT, TODAY, build

SITE_ROOT = "http://site.invalid/"


def public_stories(content_dir: Path) -> dict:
    content, _ = load_content(content_dir, TODAY)
    return content.public().case_studies


def words(text: str) -> str:
    return " ".join(text.split())


def first_sentence(markdown: str) -> str:
    return words(markdown).split(". ")[0]


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def resolve(site: Path, page: Path, href: str) -> str:
    here = SITE_ROOT + page.relative_to(site).as_posix().removesuffix("index.html")
    return urljoin(here, href).removeprefix(SITE_ROOT)


def test_the_listing_has_a_heading_per_setting_with_its_stories_under_it(example_site):
    stories = public_stories(EXAMPLE_CONTENT)
    path = example_site / KINDS["case_study"].index_url / "index.html"
    soup = soup_of(path)
    settings = {story.item.setting for story in stories.values()}
    assert len(settings) > 1, "the example should have stories from more than one setting"
    sections = {section.h2.get_text(strip=True): section for section in soup.select(".sp-stories section") if section.h2}
    assert set(sections) == settings
    for stem, record in stories.items():
        section = sections[record.item.setting]
        links = [resolve(example_site, path, link["href"]) for link in section.find_all("a")]
        assert KINDS["case_study"].url(stem) in links, f"{stem} is not under its setting"
        others = [name for name in sections if name != record.item.setting]
        for other in others:
            assert KINDS["case_study"].url(stem) not in [
                resolve(example_site, path, link["href"]) for link in sections[other].find_all("a")
            ]


@pytest.mark.parametrize("stem", sorted(public_stories(EXAMPLE_CONTENT)))
def test_a_story_shows_both_perspectives_its_goals_and_each_activity_it_used(example_site, stem):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    story = content.case_studies[stem].item
    path = example_site / KINDS["case_study"].url(stem) / "index.html"
    soup = soup_of(path)
    worker = soup.select_one(".sp-perspective--worker")
    own_words = soup.select_one(".sp-perspective--own-words")
    assert worker is not None and own_words is not None
    assert story.worker in worker.h2.get_text() and story.individual in own_words.h2.get_text()
    assert first_sentence(story.worker_perspective) in words(worker.get_text(" "))
    quotation = own_words.find("blockquote")
    assert quotation is not None, "the person's own words are a quotation"
    assert first_sentence(story.individual_perspective) in words(quotation.get_text(" "))
    facts = words(soup.select_one(".sp-facts").get_text(" "))
    assert story.setting in facts and story.service_type in facts
    goals = [words(item.get_text()) for item in soup.select(".sp-goals li")]
    assert goals == [words(goal) for goal in story.goals]
    used = soup.select_one("#assets-used").find_parent("section")
    links = {resolve(example_site, path, link["href"]): words(link.get_text()) for link in used.find_all("a")}
    for asset in story.assets_used:
        url = KINDS["asset"].url(asset)
        assert links.get(url) == content.assets[asset].item.name
        assert (example_site / url / "index.html").is_file()


def test_only_stories_with_consent_are_listed_or_published(small_content, tmp_path):
    story = (small_content / "case-studies" / "sam-and-ali.md").read_text()
    withdrawn = story.replace("title: Sam joins the team", "title: Withdrawn story").replace("  given: true", "  given: false")
    (small_content / "case-studies" / "withdrawn.md").write_text(withdrawn)
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    published = public_stories(small_content)
    assert "withdrawn" not in published and "sam-and-ali" in published
    listing = (output / KINDS["case_study"].index_url / "index.html").read_text()
    assert "Withdrawn story" not in listing and "Sam joins the team" in listing
    assert not (output / KINDS["case_study"].url("withdrawn")).exists()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (375, False)])
def test_the_perspectives_sit_side_by_side_on_a_wide_screen_and_stack_on_a_phone(browser, example_url, width, side_by_side):
    stem = sorted(public_stories(EXAMPLE_CONTENT))[0]
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(example_url + KINDS["case_study"].url(stem), wait_until="load")
        worker = tab.locator(".sp-perspective--worker").bounding_box()
        own = tab.locator(".sp-perspective--own-words").bounding_box()
        if side_by_side:
            assert abs(worker["y"] - own["y"]) < 2 and own["x"] >= worker["x"] + worker["width"]
        else:
            assert own["y"] >= worker["y"] + worker["height"] and abs(own["x"] - worker["x"]) < 2
    finally:
        context.close()
