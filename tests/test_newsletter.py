"""The newsletter: an issue page made of its items (not bare links), the archive,
the sign-up link, and the email versions (inline styles, full addresses only, plain text)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from signpost.core import humanize
from signpost.core.kinds import KINDS
from signpost.core.problems import errors_in
from tests.conftest import EXAMPLE_CONTENT, TODAY, build

SITE_ROOT = "http://site.invalid/"


def issues(content_dir: Path) -> list:
    """The published issues of a content folder with, for each, its items' expected words."""
    content, _ = load_content(content_dir, TODAY)
    public = content.public()
    found = []
    for stem, record in sorted(public.newsletters.items()):
        items = []
        for item in record.item.items:
            kind = KINDS[item.kind]
            target = getattr(public, kind.attribute)[item.stem].item
            summary = {"news": "description", "event": "summary", "case_study": "summary"}[item.kind]
            items.append(
                {
                    "kind": item.kind,
                    "title": kind.title(target),
                    "summary": getattr(target, summary),
                    "comment": item.comment,
                    "url": kind.url(item.stem),
                    "target": target,
                }
            )
        found.append((stem, record.item, items))
    return found


def words(text: str) -> str:
    return " ".join(text.split())


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


def resolve(site: Path, page: Path, href: str) -> str:
    """The site-relative address a link on ``page`` points at."""
    here = SITE_ROOT + page.relative_to(site).as_posix().removesuffix("index.html")
    return urljoin(here, href).removeprefix(SITE_ROOT)


def test_the_example_has_an_issue_with_every_kind_of_item():
    (_, _, items), *_ = issues(EXAMPLE_CONTENT)
    assert {item["kind"] for item in items} == {"news", "event", "case_study"}


def test_the_issue_page_shows_each_item_with_its_kind_summary_comment_and_link(example_site):
    for stem, issue, items in issues(EXAMPLE_CONTENT):
        path = example_site / KINDS["newsletter"].url(stem) / "index.html"
        soup = soup_of(path)
        entries = soup.select("ol.sp-issue > li")
        assert len(entries) == len(items)
        for entry, item in zip(entries, items, strict=True):
            text = words(entry.get_text(" "))
            assert item["title"] in text and item["summary"] in text
            assert {"news": "News", "event": "Event", "case_study": "Story"}[item["kind"]] in text
            if item["comment"]:
                assert item["comment"] in text
            if item["kind"] == "event":
                event = item["target"]
                assert humanize.event_when(event.start_local, event.end_local) in text
                assert (event.venue.venue if event.venue else "Online") in text
            links = [resolve(example_site, path, link["href"]) for link in entry.find_all("a")]
            assert item["url"] in links
            assert (example_site / item["url"] / "index.html").is_file()
        assert words(f"Issue {issue.number}: {issue.title}") in words(soup.h1.get_text())


def test_the_issue_page_links_staff_to_both_email_versions(example_site):
    for stem, _, _ in issues(EXAMPLE_CONTENT):
        path = example_site / KINDS["newsletter"].url(stem) / "index.html"
        staff = soup_of(path).select_one(".sp-staff")
        assert staff is not None and "For staff" in staff.get_text()
        targets = {resolve(example_site, path, link["href"]) for link in staff.find_all("a")}
        folder = KINDS["newsletter"].url(stem)
        assert targets == {folder + "email.html", folder + "email.txt"}
        assert all((example_site / target).is_file() for target in targets)


def test_the_archive_lists_each_issue_with_its_date_and_title(example_site):
    path = example_site / KINDS["newsletter"].index_url / "index.html"
    cards = soup_of(path).select(".sp-archive > li")
    expected = sorted(issues(EXAMPLE_CONTENT), key=lambda found: found[1].number, reverse=True)
    assert len(cards) == len(expected)
    for card, (stem, issue, _) in zip(cards, expected, strict=True):
        assert f"Issue {issue.number}: {issue.title}" in words(card.get_text(" "))
        assert card.find("time")["datetime"] == issue.date.isoformat()
        assert resolve(example_site, path, card.find("a")["href"]) == KINDS["newsletter"].url(stem)


def test_without_a_sign_up_setting_both_pages_say_to_write_to_the_contact_address(example_site):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    assert content.site.newsletter_subscribe is None
    stem = issues(EXAMPLE_CONTENT)[0][0]
    for url in (KINDS["newsletter"].index_url, KINDS["newsletter"].url(stem)):
        section = soup_of(example_site / url / "index.html").select_one(".sp-subscribe")
        assert section is not None, url
        assert f"mailto:{content.site.contact_email}?subject=Newsletter" in [link["href"] for link in section.find_all("a")]


@pytest.mark.parametrize(
    ("setting", "href"),
    [
        ("https://lists.example.org/join/connects", "https://lists.example.org/join/connects"),
        ("newsletter@hollinsford.example.org", "mailto:newsletter@hollinsford.example.org?subject=Newsletter"),
    ],
)
def test_a_sign_up_setting_is_linked_from_the_pages_and_the_email(small_content, tmp_path, setting, href):
    site_file = small_content / "site.yml"
    site_file.write_text(site_file.read_text() + f"newsletter_subscribe: {setting}\n")
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    stem = issues(small_content)[0][0]
    for url in (KINDS["newsletter"].index_url, KINDS["newsletter"].url(stem)):
        section = soup_of(output / url / "index.html").select_one(".sp-subscribe")
        assert href in [link["href"] for link in section.find_all("a")], url
    email = soup_of(output / KINDS["newsletter"].url(stem) / "email.html")
    assert href in [link["href"] for link in email.find_all("a")]
    assert setting in (output / KINDS["newsletter"].url(stem) / "email.txt").read_text()


@pytest.mark.parametrize("value", ["javascript:alert(1)", "not an address", "ftp://example.org/"])
def test_a_sign_up_setting_must_be_a_web_or_email_address(small_content, value):
    site_file = small_content / "site.yml"
    site_file.write_text(site_file.read_text() + f"newsletter_subscribe: '{value}'\n")
    _, problems = load_content(small_content, TODAY)
    errors = errors_in(problems)
    assert [problem.field for problem in errors] == ["newsletter_subscribe"]
    assert "web address" in errors[0].message and "email address" in errors[0].message


def test_the_html_email_is_self_contained_with_inline_styles_and_full_addresses(example_site):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    for stem, issue, items in issues(EXAMPLE_CONTENT):
        raw = (example_site / KINDS["newsletter"].url(stem) / "email.html").read_text()
        soup = BeautifulSoup(raw, "html.parser")
        assert soup.find("script") is None and "<script" not in raw.lower()
        assert soup.find("style") is None, "every style must be inline"
        assert soup.find("link") is None, "no stylesheet or other linked file"
        assert soup.find("img") is None or all(image.get("alt") is not None for image in soup.find_all("img"))
        styled = soup.find_all(style=True)
        assert len(styled) > 20 and soup.body.get("style"), "the styles were not inlined"
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            link = element.get("href") or element.get("src")
            assert re.match(r"^(https?://|mailto:)", link), f"{stem}: {link} is not a full address"
        site_links = [a["href"] for a in soup.find_all("a") if a["href"].startswith("http")]
        assert all(link.startswith(content.site.site_url) for link in site_links)
        layout = soup.find_all("table")
        assert layout and all(table.get("role") == "presentation" for table in layout)
        assert any("max-width: 600px" in table.get("style", "") for table in layout)
        text = words(soup.get_text(" "))
        assert words(f"Issue {issue.number}: {issue.title}") in text
        for item in items:
            assert item["title"] in text and item["summary"] in text
            assert content.site.absolute(item["url"]) in [a["href"] for a in soup.find_all("a")]
        assert content.site.absolute(KINDS["newsletter"].url(stem)) in site_links, "a link to the web version"
        assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None


def test_the_text_email_has_each_item_and_its_full_address_in_72_columns(example_site):
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    for stem, issue, items in issues(EXAMPLE_CONTENT):
        text = (example_site / KINDS["newsletter"].url(stem) / "email.txt").read_text()
        assert not re.search(r"</?[a-z][a-z0-9]*[\s>/]", text), "no HTML in the plain text"
        flowing = words(text)
        assert f"Issue {issue.number}: {issue.title}" in flowing
        assert content.site.absolute(KINDS["newsletter"].url(stem)) in text.split()
        for item in items:
            assert item["title"] in flowing and item["summary"] in flowing
            assert content.site.absolute(item["url"]) in text.split()
        long_lines = [line for line in text.splitlines() if len(line) > 72 and "://" not in line]
        assert long_lines == []
