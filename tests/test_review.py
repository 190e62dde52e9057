"""The review cycle, the staff pages and "Something wrong?".

Every expected value is worked out here from the content files and the
documented rule (due at N months, overdue at N + 3, very overdue at 2N and
never under N + 6), with dateutil's month arithmetic, not Signpost's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta

from signpost.render import suggest
from tests.conftest import EXAMPLE_CONTENT, REPO, build, readable_bytes, run_command, serve_folder

STAGES = ("very-overdue", "overdue", "due")
# The staff site: the example with a six-month review period, built on a day
# when all three stages have activities in them.
STAFF_TODAY = dt.date(2027, 4, 1)
SECRET = "SECRET-STAFF-NOTE-REVIEW-5150"
STALE_STEM = "northgate-residents-association"  # the oldest last_checked in the example


def read(path: Path):
    return yaml.safe_load(path.read_text())


def assets(content: Path) -> dict[str, dict]:
    return {path.stem: read(path) for path in sorted((content / "assets").glob("*.yml"))}


def period_months(content: Path) -> int:
    return max(1, round(read(content / "site.yml").get("review_after_days", 365) / (365.25 / 12)))


def stage(last_checked: dt.date, today: dt.date, months: int) -> str | None:
    gap = relativedelta(today, last_checked)
    age = gap.years * 12 + gap.months
    thresholds = {"very-overdue": max(2 * months, months + 6), "overdue": months + 3, "due": months}
    return next((name for name in STAGES if age >= thresholds[name]), None)


def expected_review(content: Path, today: dt.date, months: int) -> list[tuple[str, str]]:
    """(stage, stem) of every activity at a stage: most urgent first, then by area, oldest first."""
    areas = [area["id"] for area in read(content / "areas.yml")]
    found = []
    for stem, asset in assets(content).items():
        if asset.get("draft") or asset.get("status") == "closed":
            continue
        reached = stage(asset["last_checked"], today, months)
        if reached:
            key = (STAGES.index(reached), areas.index(asset["area"]), asset["last_checked"], asset["name"].casefold(), stem)
            found.append((key, (reached, stem)))
    return [entry for _, entry in sorted(found)]


def review(content: Path, today: dt.date, *options: str, cwd: Path = REPO):
    return run_command("review", "--content", str(content), "--today", today.isoformat(), *options, cwd=cwd)


@pytest.mark.parametrize(
    ("months", "today"),
    [(None, dt.date(2027, 11, 22)), (6, STAFF_TODAY), (3, dt.date(2026, 11, 22)), (None, dt.date(2026, 11, 22))],
)
def test_review_lists_exactly_the_activities_past_each_threshold(months, today):
    options = ["--months", str(months)] if months else []
    result = review(EXAMPLE_CONTENT, today, "--format", "json", *options)
    assert result.returncode == 0, result.stderr
    listed = [(entry["stage"], Path(entry["source"]).stem) for entry in json.loads(result.stdout)]
    assert listed == expected_review(EXAMPLE_CONTENT, today, months or period_months(EXAMPLE_CONTENT))
    if months == 6:
        assert {name for name, _ in listed} == set(STAGES)  # the day was chosen to fill every stage


def test_a_worker_can_list_her_own_area_only():
    area = "moor-villages"
    result = review(EXAMPLE_CONTENT, STAFF_TODAY, "--months", "6", "--area", area, "--format", "json")
    listed = [(entry["stage"], Path(entry["source"]).stem) for entry in json.loads(result.stdout)]
    every = assets(EXAMPLE_CONTENT)
    expected = [entry for entry in expected_review(EXAMPLE_CONTENT, STAFF_TODAY, 6) if every[entry[1]]["area"] == area]
    assert listed == expected and expected
    unknown = review(EXAMPLE_CONTENT, STAFF_TODAY, "--area", "nowhere")
    assert unknown.returncode == 2 and "moor-villages" in unknown.stderr and "Traceback" not in unknown.stderr


def test_the_text_list_gives_each_contact_grouped_by_area_with_staff_notes(example_copy):
    path = example_copy / "assets" / f"{STALE_STEM}.yml"
    path.write_text(path.read_text() + f"staff_notes: Ring after six. {SECRET}\n")
    result = review(example_copy, STAFF_TODAY, "--months", "6")
    assert result.returncode == 0
    text = result.stdout
    for _, stem in expected_review(example_copy, STAFF_TODAY, 6):
        asset = assets(example_copy)[stem]
        contact = asset["contact"]
        block = re.split(r"\n {0,4}(?=\S)", text[text.index(asset["name"] + ": last checked") :])[0]
        for value in (contact.get("phone"), contact.get("email"), contact.get("name")):
            assert value is None or value in block, (stem, value)
    assert SECRET in text
    assert text.index("Very overdue:") < text.index("Overdue:") < text.index("Due a check:")
    assert "24 months" not in text and "12 months or more" in text  # the thresholds for N = 6, in words
    for style in ("github", "markdown", "json"):  # these may be published: never a staff note
        assert SECRET not in review(example_copy, STAFF_TODAY, "--months", "6", "--format", style).stdout


def test_ci_gets_a_warning_beside_each_last_checked_line_and_passes(example_copy):
    # As in a workflow: run in the repository, the content folder named relative to it.
    result = review(Path("content"), STAFF_TODAY, "--months", "6", "--format", "github", cwd=example_copy.parent)
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    expected = expected_review(example_copy, STAFF_TODAY, 6)
    assert len(lines) == len(expected)
    for line, (stage_name, stem) in zip(lines, expected, strict=True):
        source = example_copy / "assets" / f"{stem}.yml"
        number = next(n for n, text in enumerate(source.read_text().splitlines(), 1) if text.startswith("last_checked:"))
        assert line.startswith(
            f"::warning file=content/assets/{stem}.yml,line={number}::last_checked: {stage_name.replace('-', ' ')}"
        )


def test_the_issue_text_has_one_section_per_stage_and_no_mentions(example_copy):
    path = example_copy / "assets" / f"{STALE_STEM}.yml"
    path.write_text(path.read_text().replace("contact:\n", "contact:\n  note: Ask @jean on the door\n", 1))
    result = review(example_copy, STAFF_TODAY, "--months", "6", "--format", "markdown", "--stage", "very-overdue")
    body = result.stdout
    expected = [stem for name, stem in expected_review(example_copy, STAFF_TODAY, 6) if name == "very-overdue"]
    assert f"## Very overdue ({len(expected)})" in body and "## Overdue" not in body
    assert all(f"/directory/{stem}/" in body for stem in expected)
    assert "@jean" not in body and "@\u200bjean" in body


# ---------------------------------------------------------------------------
# The built site


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory) -> tuple[Path, Path]:
    """(content, site): the example with review_after_days 180 and a staff note, built on STAFF_TODAY."""
    root = tmp_path_factory.mktemp("staff")
    content = root / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    site_file = content / "site.yml"
    site_file.write_text(site_file.read_text().replace("review_after_days: 365", "review_after_days: 180"))
    stale = content / "assets" / f"{STALE_STEM}.yml"
    stale.write_text(stale.read_text() + f"staff_notes: {SECRET}\n")
    assert build(content, root / "site", STAFF_TODAY) == 0
    return content, root / "site"


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(), "html.parser")


def test_staff_pages_are_noindex_and_out_of_the_sitemap_and_search(staff_site):
    _, site = staff_site
    for url in ("staff/review/", "staff/coverage/"):
        assert soup_of(site, url).find("meta", attrs={"name": "robots", "content": "noindex"}), url
    assert not soup_of(site, f"directory/{STALE_STEM}/").find("meta", attrs={"name": "robots"})
    sitemap = (site / "sitemap.xml").read_text()
    assert "/directory/" in sitemap and "staff/" not in sitemap
    index = [readable_bytes(path) for path in (site / "pagefind").rglob("*") if path.is_file()]
    assert any(b"/directory/" in data for data in index), "the scan must read the search index"
    assert not any(b"/staff/" in data for data in index)


def test_no_staff_note_reaches_any_file(staff_site):
    _, site = staff_site
    assert not [path for path in site.rglob("*") if path.is_file() and SECRET.encode() in readable_bytes(path)]


def test_the_review_page_lists_exactly_the_activities_due_by_stage(staff_site):
    content, site = staff_site
    soup = soup_of(site, "staff/review/")
    listed = []
    for section in soup.select(".sp-staff__stage"):
        name = section.h2["id"].removeprefix("stage-")
        listed += [(name, link["href"].rstrip("/").split("/")[-1]) for link in section.select("li > a:first-child")]
    assert listed == expected_review(content, STAFF_TODAY, 6)
    stale = assets(content)[STALE_STEM]["contact"]
    assert stale.get("phone", "") in soup.get_text()


def listed_now(asset: dict, today: dt.date) -> bool:
    """Open, published and not finished (every session a one-off, all dates past): what the site lists."""
    if asset.get("draft") or asset.get("status") == "closed":
        return False
    sessions = asset["schedule"].get("sessions", [])
    if sessions and all(session["repeats"] == "once" for session in sessions):
        return max(day for session in sessions for day in session["dates"]) >= today
    return True


def test_the_coverage_table_counts_what_the_content_files_hold(staff_site):
    content, site = staff_site
    domains = {domain["name"]: domain["id"] for domain in read(content / "domains.yml")}
    areas = {area["name"]: area["id"] for area in read(content / "areas.yml")}
    shown = [asset for asset in assets(content).values() if listed_now(asset, STAFF_TODAY)]
    table = soup_of(site, "staff/coverage/").select_one("table.sp-coverage")
    assert table.caption and all(th.get("scope") == "col" for th in table.thead.find_all("th"))
    columns = [th.get_text(strip=True) for th in table.thead.find_all("th")][1:-1]
    assert columns == list(areas)
    page = "https://x.invalid/staff/coverage/"
    rows = table.tbody.find_all("tr")
    assert [row.th.get_text(strip=True) for row in rows] == list(domains)
    for row in rows:
        assert row.th["scope"] == "row"
        domain = domains[row.th.get_text(strip=True)]
        for area_name, cell in zip(columns, row.find_all("td")[:-1], strict=True):
            count = sum(domain in asset["domains"] and asset["area"] == areas[area_name] for asset in shown)
            link = cell.find("a")
            if count == 0:
                assert cell.get_text(strip=True) == "None" and link is None
                continue
            assert link.contents[0].strip() == str(count)
            target = urlsplit(urljoin(page, link["href"]))
            assert target.path == "/find/" and parse_qs(target.query) == {"domain": [domain], "area": [areas[area_name]]}


def test_very_overdue_activities_come_last_and_say_they_may_be_out_of_date(staff_site):
    content, site = staff_site
    every = assets(content)
    very = {stem for name, stem in expected_review(content, STAFF_TODAY, 6) if name == "very-overdue"}
    assert STALE_STEM in very
    domain = every[STALE_STEM]["domains"][0]
    members = [stem for stem, asset in every.items() if domain in asset["domains"] and listed_now(asset, STAFF_TODAY)]
    expected = sorted(members, key=lambda stem: (stem in very, every[stem]["name"].casefold(), stem))
    cards = soup_of(site, f"domains/{domain}/").select(".sp-card__title a")
    assert [link["href"].rstrip("/").split("/")[-1] for link in cards] == expected
    assert expected[-1] == STALE_STEM and sorted(expected, key=lambda stem: every[stem]["name"].casefold()) != expected
    stale_page = soup_of(site, f"directory/{STALE_STEM}/")
    assert "may be out of date" in stale_page.get_text()
    body = stale_page.select_one("[data-pagefind-body]")
    assert float(body["data-pagefind-weight"]) < 1
    fresh = soup_of(site, f"directory/{expected[0]}/").select_one("[data-pagefind-body]")
    assert not fresh.has_attr("data-pagefind-weight")
    # The search index sorts the same way (find lists in its order): very overdue last.
    values = [soup_of(site, f"directory/{stem}/").select_one("[data-pagefind-body]")["data-pagefind-sort"] for stem in expected]
    assert all(value.startswith("name:") for value in values) and values == sorted(values)


def test_every_asset_and_event_page_offers_a_filled_in_issue_form_and_email(staff_site):
    content, site = staff_site
    settings = read(content / "site.yml")
    pages = [("directory", path) for path in (content / "assets").glob("*.yml")]
    pages += [("events", path) for path in (content / "events").glob("*.md")]
    for folder, source in pages:
        if (folder == "directory" and read(source).get("draft")) or not (site / folder / source.stem).is_dir():
            continue
        part = soup_of(site, f"{folder}/{source.stem}/").select_one(".sp-suggest")
        form, email = part.find_all("a")
        address = urlsplit(form["href"])
        query = {key: value[0] for key, value in parse_qs(address.query).items()}
        assert f"{address.scheme}://{address.netloc}{address.path}" == settings["repo_url"] + "/issues/new"
        assert query["template"] == suggest.ISSUE_FORM and (REPO / ".github" / "ISSUE_TEMPLATE" / query["template"]).is_file()
        assert query[suggest.PAGE_FIELD] == f"{settings['site_url']}{folder}/{source.stem}/"
        assert query[suggest.SOURCE_FIELD] == f"content/{source.parent.name}/{source.name}"
        assert email["href"].startswith(f"mailto:{settings['contact_email']}?subject=Correction")


def test_the_edit_link_says_it_is_for_staff(staff_site):
    _, site = staff_site
    link = soup_of(site, f"directory/{STALE_STEM}/").select_one("a.md-content__button[rel=edit]")
    assert " ".join(link.get_text().split()) == "Edit this page (staff)"


# ---------------------------------------------------------------------------
# In a browser


@pytest.fixture(scope="module")
def staff_url(staff_site):
    server, url = serve_folder(staff_site[1])
    yield url
    server.shutdown()


@pytest.mark.browser
@pytest.mark.xdist_group("staff")
@pytest.mark.parametrize("path", ["staff/review/", "staff/coverage/"])
def test_axe_finds_no_wcag_problems_on_the_staff_pages(page, staff_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(staff_url + path, wait_until="load")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
@pytest.mark.xdist_group("staff")
def test_the_coverage_table_fits_a_phone_by_scrolling_in_its_own_box(browser, staff_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    try:
        tab.goto(staff_url + "staff/coverage/", wait_until="load")
        assert tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    finally:
        context.close()


def result_stems(page) -> list[str]:
    return [link.get_attribute("href").rstrip("/").split("/")[-1] for link in page.locator(".sp-result__link").all()]


@pytest.mark.browser
@pytest.mark.xdist_group("staff")
def test_find_and_search_put_very_overdue_activities_after_fresh_ones(page, staff_site, staff_url):
    content, _ = staff_site
    area = assets(content)[STALE_STEM]["area"]
    # Filters alone: the list is in name order, with very overdue ones last.
    page.goto(f"{staff_url}find/?area={area}", wait_until="load")
    page.wait_for_selector("[data-find][data-ready]", timeout=15_000)
    found = [link.get_attribute("href").rstrip("/").split("/")[-1] for link in page.locator("[data-find] h2 a").all()]
    assert found and found[-1] == STALE_STEM, found
    # Words: both pages say "estates", and the very overdue one said it first until its words counted for less.
    from playwright.sync_api import expect

    page.goto(f"{staff_url}search/?q=estates", wait_until="load")
    expect(page.locator("#sp-search-status")).to_contain_text("estates", timeout=15_000)
    found = result_stems(page)
    assert len(found) >= 2 and found[-1] == STALE_STEM, found


# ---------------------------------------------------------------------------
# Counts in words: "1 month", never "1 months"

# A count of one followed by a plural noun: the mistake these tests look for.
ONE_AND_A_PLURAL = re.compile(r"(?<![\d,.])\b1 (months|days|entries|activities|combinations|weeks|years)\b")


def test_a_count_of_one_is_singular_in_the_review_list_and_staff_pages(small_content, tmp_path):
    """A one-month review period, an activity one month unchecked, and one gap in a two-cell coverage table."""
    site_file = small_content / "site.yml"
    site_file.write_text(site_file.read_text().replace("review_after_days: 365", "review_after_days: 30"))
    domains = read(small_content / "domains.yml")[:2]
    (small_content / "domains.yml").write_text(yaml.safe_dump(domains, sort_keys=False))
    (small_content / "assets" / "rovers.yml").write_text(
        re.sub(r"(?m)^domains: .*$", f"domains: [{domains[0]['id']}]", (small_content / "assets" / "rovers.yml").read_text())
    )
    rovers = assets(small_content)["rovers"]
    areas = [area for area in read(small_content / "areas.yml") if area["id"] == rovers["area"]]
    (small_content / "areas.yml").write_text(yaml.safe_dump(areas, sort_keys=False))
    today = rovers["last_checked"] + relativedelta(months=1)
    # The premises, from the content: N = 1, the activity is due, and one of two cells is empty.
    assert period_months(small_content) == 1 and stage(rovers["last_checked"], today, 1) == "due"

    for style in ("text", "github", "markdown"):
        result = review(small_content, today, "--format", style)
        assert result.returncode == 0, result.stderr
        assert not ONE_AND_A_PLURAL.search(result.stdout), (style, ONE_AND_A_PLURAL.search(result.stdout))
        assert "(1 month ago)" in result.stdout, style
    text = review(small_content, today).stdout
    assert "Due a check means not checked for 1 month or more;" in text

    assert build(small_content, tmp_path / "site", today) == 0
    words = {url: " ".join(soup_of(tmp_path / "site", url).get_text().split()) for url in ("staff/review/", "staff/coverage/")}
    for url, text in words.items():
        assert not ONE_AND_A_PLURAL.search(text), (url, ONE_AND_A_PLURAL.search(text))
    assert "not checked for 1 month or more." in words["staff/review/"]
    assert "(1 month ago)" in words["staff/review/"]
    assert "1 of 2 combinations of type and area has nothing listed: it says None" in words["staff/coverage/"]
