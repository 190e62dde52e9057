"""A closed activity will not meet again: no calendar file, no calendar link, no next dates on its page.

The example has no closed activity, so two open ones are closed in a copy:
one that meets monthly (its dates show at the top of the page too) and one
that meets weekly. Which activities are closed is then read back from the
content files, as staff would see them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from signpost.collect.occurrences import next_dates
from signpost.core.kinds import KINDS
from signpost.render import calendars
from tests.conftest import EXAMPLE_CONTENT, TODAY, build

CLOSING = ("hollinsford-repair-cafe", "caribbean-elders-lunch-club")
# What a page offers when it offers a calendar: the file, or a calendar service's form.
CALENDAR_LINK = re.compile(r"\.ics(\?|$)|calendar\.google\.com|outlook\.live\.com|webcal:")


@pytest.fixture(scope="module")
def closed_site(tmp_path_factory) -> tuple[Path, Path]:
    """(content, site): the example with the CLOSING activities closed."""
    root = tmp_path_factory.mktemp("closed")
    content = root / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    for stem in CLOSING:
        path = content / "assets" / f"{stem}.yml"
        path.write_text(re.sub(r"(?m)^status: .*\n", "", path.read_text()) + "status: closed\n")
    assert build(content, root / "site", TODAY) == 0
    return content, root / "site"


def closed_stems(content: Path) -> list[str]:
    """The published activities whose file says ``status: closed``."""
    found = []
    for path in sorted((content / "assets").glob("*.yml")):
        data = yaml.safe_load(path.read_text())
        if data.get("status") == "closed" and not data.get("draft"):
            found.append(path.stem)
    return found


def test_the_activities_closed_here_had_a_calendar_and_dates_to_come_while_open():
    """The premise: open, each offers a calendar and has a date to come, so the test below can see both go."""
    example, _ = load_content(EXAMPLE_CONTENT, TODAY)
    for stem in CLOSING:
        record = example.public().assets[stem]
        assert record.item.status == "active", stem
        assert calendars.has_session_calendar(record, TODAY), stem
        assert any(next_dates(session, TODAY, 1) for session in record.item.schedule.sessions), stem


def test_a_closed_activity_offers_no_calendar_and_no_next_dates(closed_site):
    content, site = closed_site
    closed = closed_stems(content)
    assert set(CLOSING) <= set(closed)
    for stem in closed:
        folder = site / KINDS["asset"].url(stem)
        assert not list(folder.rglob("*.ics")), stem
        page = folder / "index.html"
        if not page.is_file():
            continue  # no page at all offers nothing
        soup = BeautifulSoup(page.read_text(), "html.parser").select_one(".sp-asset")
        text = " ".join(soup.get_text().split())
        assert "This has closed." in text, stem
        assert not [link["href"] for link in soup.find_all("a", href=CALENDAR_LINK)], stem
        assert "calendar" not in text.casefold(), stem
        assert not re.search(r"\bNext\b", text), (stem, re.search(r".{60}\bNext\b.{60}", text))


def stems_with_status(content: Path, status: str) -> list[str]:
    """The published activities whose file says ``status: <status>``."""
    found = []
    for path in sorted((content / "assets").glob("*.yml")):
        data = yaml.safe_load(path.read_text())
        if data.get("status") == status and not data.get("draft"):
            found.append(path.stem)
    return found


def test_a_paused_activity_lists_no_next_dates_anywhere(closed_site):
    # Paused, its sessions will not happen: dates worked out from its usual
    # schedule would be facts nobody entered. Its restart is in its own words.
    content, site = closed_site
    paused = stems_with_status(content, "paused")
    assert paused, "the example has paused activities"
    example, _ = load_content(content, TODAY)
    for stem in paused:
        record = example.public().assets[stem]
        assert any(next_dates(session, TODAY, 1) for session in record.item.schedule.sessions), stem
        soup = BeautifulSoup((site / KINDS["asset"].url(stem) / "index.html").read_text(), "html.parser")
        text = " ".join(soup.select_one(".sp-asset").get_text().split())
        assert "Paused" in text or "paused" in text, stem
        assert not re.search(r"\bNext\b", text), (stem, re.search(r".{60}\bNext\b.{60}", text))
    # Nor on the cards that list them, nor in what search shows.
    for listing in site.glob("domains/*/index.html"):
        for card in BeautifulSoup(listing.read_text(), "html.parser").select(".sp-card"):
            link = card.select_one("a")
            if link and link["href"].rstrip("/").split("/")[-1] in paused:
                assert not re.search(r"\bNext\b", card.get_text()), link["href"]
