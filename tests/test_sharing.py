"""Share previews on every page type: Open Graph and Twitter card tags with full
addresses, the default share picture, and a canonical link."""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pymdownx.slugs import slugify

from signpost.check.loader import load_content
from signpost.core.kinds import DAYS, KINDS, TAXONOMIES
from signpost.core.theme import THEME
from signpost.generators.cms import PAGE as ADMIN_PAGE
from signpost.render.sharing import SHARE_IMAGE, SHARE_IMAGE_SIZE
from tests.conftest import EXAMPLE_CONTENT, TODAY

REQUIRED = ("og:title", "og:description", "og:url", "og:image", "og:image:alt", "og:type", "og:site_name", "og:locale")
TWITTER = {"twitter:title": "og:title", "twitter:description": "og:description", "twitter:image": "og:image"}


@cache
def example():
    content, _ = load_content(EXAMPLE_CONTENT, TODAY)
    return content, content.public()


def first(records: dict) -> str:
    return sorted(records)[0]


def page_types() -> dict[str, tuple[str, str, str | None, str | None]]:
    """Each page type: (file, og:type, expected title, expected description), from the content files."""
    content, public = example()
    asset = first(public.assets)
    event = first(public.events)
    post = first(public.news)
    story = first(public.case_studies)
    issue = first(public.newsletters)
    domain = first(public.domains)
    area = first(public.areas)
    category = public.news[post].item.categories[0]
    items = {name: getattr(public, kind.attribute) for name, kind in KINDS.items()}
    return {
        "home": ("index.html", "website", content.site.name, content.site.tagline),
        "domain list": (TAXONOMIES["domain"].index_url + "index.html", "website", None, None),
        "domain": (TAXONOMIES["domain"].url(domain) + "index.html", "website", public.domains[domain].item.name, None),
        "area list": (TAXONOMIES["area"].index_url + "index.html", "website", None, None),
        "area": (TAXONOMIES["area"].url(area) + "index.html", "website", public.areas[area].item.name, None),
        "asset": (KINDS["asset"].url(asset) + "index.html", "website", items["asset"][asset].item.name, None),
        "event": (KINDS["event"].url(event) + "index.html", "event", items["event"][event].item.title, None),
        "event list": (KINDS["event"].index_url + "index.html", "website", None, None),
        "news index": (KINDS["news"].index_url + "index.html", "website", None, None),
        "news post": (KINDS["news"].url(post) + "index.html", "article", items["news"][post].item.title, None),
        "news category": (f"news/category/{slugify(case='lower')(category, '-')}/index.html", "website", category, None),
        "story list": (KINDS["case_study"].index_url + "index.html", "website", None, None),
        "story": (KINDS["case_study"].url(story) + "index.html", "article", items["case_study"][story].item.title, None),
        "newsletter list": (KINDS["newsletter"].index_url + "index.html", "website", None, None),
        "issue": (KINDS["newsletter"].url(issue) + "index.html", "article", None, None),
        "search": ("search/index.html", "website", None, None),
        "find": ("find/index.html", "website", None, None),
        "shortlist": ("shortlist/index.html", "website", None, None),
        "days": (DAYS.index_url + "index.html", "website", None, None),
        "day": (DAYS.url("tuesday") + "index.html", "website", None, None),
        "404": ("404.html", "website", None, None),
    }


PAGE_TYPES = page_types()


def meta(soup: BeautifulSoup) -> dict[str, str]:
    tags = soup.head.find_all("meta", attrs={"property": True}) + soup.head.find_all("meta", attrs={"name": True})
    return {tag.get("property") or tag.get("name"): tag.get("content", "") for tag in tags}


def page_address(site_url: str, file: str) -> str:
    return site_url + (file.removesuffix("index.html") if file.endswith("index.html") else file)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_has_share_tags_and_a_canonical_link(example_site, name):
    file, og_type, title, description = PAGE_TYPES[name]
    content, _ = example()
    site_url = content.site.site_url
    soup = BeautifulSoup((example_site / file).read_text(), "html.parser")
    tags = meta(soup)
    missing = [key for key in (*REQUIRED, *TWITTER, "twitter:card") if not tags.get(key, "").strip()]
    assert missing == [], f"{file}: missing or empty {missing}"
    canonical = soup.head.find_all("link", rel="canonical")
    assert len(canonical) == 1, f"{file}: {len(canonical)} canonical links"
    address = page_address(site_url, file)
    assert canonical[0]["href"] == address
    assert tags["og:url"] == address
    assert tags["og:type"] == og_type
    assert tags["og:site_name"] == content.site.name
    assert tags["og:locale"] == "en_GB"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image"] == site_url + SHARE_IMAGE
    assert (tags["og:image:width"], tags["og:image:height"]) == tuple(map(str, SHARE_IMAGE_SIZE))
    for twitter, og in TWITTER.items():
        assert tags[twitter] == tags[og], f"{file}: {twitter} differs from {og}"
    # What the page says about itself is what a share preview says.
    if tags.get("description"):
        assert tags["og:description"] == tags["description"]
    if title is not None:
        assert tags["og:title"] == title
    if description is not None:
        assert tags["og:description"] == description


def test_an_event_preview_says_when_and_where(example_site):
    _, public = example()
    for stem, record in public.events.items():
        event = record.item
        tags = meta(BeautifulSoup((example_site / KINDS["event"].url(stem) / "index.html").read_text(), "html.parser"))
        assert f"{event.start_local.day} {event.start_local:%B %Y}" in tags["og:description"], stem
        assert (event.venue.venue if event.venue else "Online") in tags["og:description"], stem
        assert event.summary in tags["og:description"], stem


def test_every_page_of_the_site_has_share_tags(example_site):
    content, _ = example()
    # Not the email, nor the staff's web form (admin/), which is never shared.
    pages = [
        path
        for path in example_site.rglob("*.html")
        if path.name != "email.html" and path.relative_to(example_site).as_posix() != ADMIN_PAGE
    ]
    assert len(pages) > 50
    problems = []
    for path in pages:
        soup = BeautifulSoup(path.read_text(), "html.parser")
        tags = meta(soup)
        missing = [key for key in (*REQUIRED, *TWITTER) if not tags.get(key, "").strip()]
        if missing:
            problems.append(f"{path.relative_to(example_site)}: missing {missing}")
        elif not tags["og:url"].startswith(content.site.site_url) or not tags["og:image"].startswith(content.site.site_url):
            problems.append(f"{path.relative_to(example_site)}: og:url or og:image is not a full address on the site")
        canonical = soup.head.find("link", rel="canonical")
        if canonical is None or canonical["href"] != tags.get("og:url"):
            problems.append(f"{path.relative_to(example_site)}: no canonical link, or one that differs from og:url")
    assert problems == []


def test_the_default_share_picture_is_published_at_1200_by_630(example_site):
    assert png_size(example_site / SHARE_IMAGE) == SHARE_IMAGE_SIZE
    assert (example_site / SHARE_IMAGE).read_bytes() == (THEME / SHARE_IMAGE).read_bytes()
