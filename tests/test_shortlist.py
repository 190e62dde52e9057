"""The shortlist in a real browser: Vish puts three activities on it for Greg,
prints one handout and sends himself the link (journey 3).

Everything runs on the example site. Which activities, their names and their
facts come from the content files (through the loader and the card builder),
never from hand-written lists. Printing is Chromium's print to PDF on A4
after emulating print media; tests.test_print reads the PDF.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from signpost.check.loader import load_content
from signpost.core import urls
from signpost.core.kinds import KINDS
from signpost.render.cards import card
from tests.conftest import EXAMPLE_CONTENT, TODAY
from tests.test_accessibility import WCAG_TAGS
from tests.test_print import pdf_pages, print_to_pdf, squash

pytestmark = pytest.mark.browser

FOOTBALL = "hollinsford-rovers-football-club"
DOMAIN = "sport"
AXE = Axe()
BLOCK_STORAGE = """Object.defineProperty(window, 'localStorage', {
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});"""


@pytest.fixture(scope="module")
def content():
    loaded, _ = load_content(EXAMPLE_CONTENT, TODAY)
    assert loaded is not None
    return loaded.public()


@pytest.fixture(scope="module")
def picks(content):
    """Three activities as Vish finds them: two on listings of sport, and the football club's own page.

    Each is (stem, the page it is added from).
    """
    assert FOOTBALL in content.assets and DOMAIN in content.domains
    sport = sorted(
        (
            record
            for record in content.assets.values()
            if DOMAIN in record.item.domains and record.item.status != "closed" and record.stem != FOOTBALL
        ),
        key=lambda record: record.item.name.lower(),
    )
    assert len(sport) >= 2, "the example content needs two more sport activities"
    first, second = sport[0], sport[1]
    return [
        (first.stem, urls.of("domain", DOMAIN)),
        (second.stem, urls.of("area", second.item.area)),
        (FOOTBALL, urls.of("asset", FOOTBALL)),
    ]


def name_of(content, stem: str) -> str:
    return content.assets[stem].item.name


def count_link(tab, n: int):
    """The header's shortlist link, found by the name a screen reader gives it."""
    # Browsers may put a space before the comma (the hidden words are a box of their own); readers ignore it.
    name = r"Shortlist" if n == 0 else rf"Shortlist ?, {n} {'activity' if n == 1 else 'activities'}"
    return tab.get_by_role("link", name=re.compile(f"^{name}$"))


def add(tab, base: str, stem: str, path: str) -> None:
    tab.goto(base + path, wait_until="load")
    button = tab.locator(f'button[data-shortlist="{stem}"]')
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def shortlist_names(tab) -> list[str]:
    tab.locator(".sp-shortlist__list").wait_for()
    return tab.locator(".sp-shortlist__item .sp-card__title").all_inner_texts()


def share_address(tab) -> str:
    tab.get_by_role("button", name="Share this list").click()
    return tab.get_by_label("Address of this list").input_value()


def save_shared(tab, base: str, stems: list[str]) -> None:
    """Put ``stems`` on this browser's shortlist the way a visitor would: open a shared list and save it."""
    tab.goto(f"{base}{urls.SHORTLIST}?items={','.join(stems)}", wait_until="load")
    tab.get_by_role("button", name="Save to my shortlist").click()
    expect(tab.locator("h1")).to_have_text("Your shortlist")


def test_three_activities_stay_on_the_shortlist_and_print_on_two_pages_at_most(page, example_url, content, picks):
    stems = [stem for stem, _ in picks]
    names = [name_of(content, stem) for stem in stems]
    for number, (stem, path) in enumerate(picks, start=1):
        add(page, example_url, stem, path)
        button = page.locator(f'button[data-shortlist="{stem}"]')
        expect(button).to_contain_text("On your shortlist")
        pressed = re.compile(rf"^On your shortlist ?: {re.escape(name_of(content, stem))}$")
        expect(page.get_by_role("button", name=pressed, pressed=True)).to_have_count(1)
        expect(count_link(page, number)).to_be_visible()
        expect(page.locator("[data-shortlist-count]")).to_have_text(re.compile(rf"^\D*{number}\D*$"))
        expect(page.locator("[data-shortlist-status]")).to_have_text(
            f"Added {name_of(content, stem)} to your shortlist. {number} {'activity' if number == 1 else 'activities'}."
        )

    page.reload(wait_until="load")
    expect(count_link(page, 3)).to_be_visible()
    expect(page.locator(f'button[data-shortlist="{FOOTBALL}"]')).to_have_attribute("aria-pressed", "true")

    page.goto(example_url + urls.SHORTLIST, wait_until="load")
    assert shortlist_names(page) == names, "the shortlist lists them in the order they were added"
    for stem, entry in zip(stems, page.locator(".sp-shortlist__item").all(), strict=True):
        facts = card(content.assets[stem], content, urls.of("asset", stem))
        text = entry.inner_text()
        for words in [facts.when[0], facts.cost, facts.buses, *facts.first_visit, *facts.contact]:
            assert words in text, f"{facts.name}: {words!r} is not on the shortlist"
        expect(entry.get_by_role("link", name=facts.name)).to_have_attribute(
            "href", re.compile(re.escape(urls.of("asset", stem)) + "$")
        )

    pages = pdf_pages(print_to_pdf(page))
    assert 1 <= len(pages) <= 2, f"three activities printed on {len(pages)} A4 pages"
    printed = squash("".join(pages))
    for name in names:
        assert squash(name) in printed, f"{name!r} is not on the printed shortlist"
    for words in (content.site.name, content.site.site_url, "Notes"):
        assert squash(words) in printed, f"{words!r} is not on the printed shortlist"
    for control in ("Remove", "Share this list", "Clear the list", "Print this list"):
        assert squash(control) not in printed, f"the {control!r} button is on paper"
    entries = [len(re.findall("Notes", squash(text))) for text in pages]
    assert sum(entries) == 3, "each activity has a box for notes"


def test_nothing_is_lost_on_back(page, example_url, content, picks):
    stem, path = picks[0]
    add(page, example_url, stem, path)
    page.goto(example_url + urls.SHORTLIST, wait_until="load")
    assert shortlist_names(page) == [name_of(content, stem)]
    page.go_back(wait_until="load")
    expect(page.locator(f'button[data-shortlist="{stem}"]')).to_have_attribute("aria-pressed", "true")
    expect(count_link(page, 1)).to_be_visible()


def test_the_share_address_restores_the_list_in_another_browser(browser, page, example_url, content, picks):
    stems = [stem for stem, _ in picks]
    names = [name_of(content, stem) for stem in stems]
    for stem, path in picks:
        add(page, example_url, stem, path)
    page.goto(example_url + urls.SHORTLIST, wait_until="load")
    address = share_address(page)
    assert urlsplit(address).path.endswith("/" + urls.SHORTLIST)
    assert parse_qs(urlsplit(address).query)["items"] == [",".join(stems)]

    email = page.get_by_role("link", name="Email this list").get_attribute("href")
    assert email.startswith("mailto:?")
    assert address in unquote(email), "the email's text carries the share address"

    other = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    try:
        tab = other.new_page()
        # Greg's own shortlist already has something on it, which the shared list must not replace.
        own = next(
            record.stem for record in content.assets.values() if record.stem not in stems and record.item.status != "closed"
        )
        add(tab, example_url, own, urls.of("asset", own))
        tab.goto(address, wait_until="load")
        assert shortlist_names(tab) == names
        expect(tab.locator("h1")).to_have_text("A shortlist shared with you")
        expect(count_link(tab, 1)).to_be_visible()  # not saved until asked

        tab.get_by_role("button", name="Save to my shortlist").click()
        expect(tab.locator("h1")).to_have_text("Your shortlist")
        assert shortlist_names(tab) == [name_of(content, own), *names]
        expect(count_link(tab, 4)).to_be_visible()
        assert "items=" not in tab.url
        tab.reload(wait_until="load")
        assert shortlist_names(tab) == [name_of(content, own), *names]
    finally:
        other.close()


def test_copy_link_puts_the_address_on_the_clipboard(browser, example_url, content, picks):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], bypass_csp=True)
    try:
        tab = context.new_page()
        save_shared(tab, example_url, [stem for stem, _ in picks])
        address = share_address(tab)
        tab.get_by_role("button", name="Copy link").click()
        expect(tab.locator(".sp-shortlist__copied")).to_contain_text("Link copied")
        assert tab.evaluate("navigator.clipboard.readText()") == address
    finally:
        context.close()


def test_copy_link_without_a_clipboard_selects_the_address(page, example_url, picks):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    save_shared(page, example_url, [stem for stem, _ in picks])
    address = share_address(page)
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".sp-shortlist__copied")).not_to_be_empty()
    selected = page.evaluate("""() => { const e = document.activeElement;
        return e.id === 'sp-shortlist-address' ? e.value.slice(e.selectionStart, e.selectionEnd) : null; }""")
    assert selected == address


def test_an_activity_no_longer_listed_says_so_and_can_be_removed(page, example_url, content, picks):
    gone = "an-activity-that-has-closed"
    assert gone not in content.assets
    stem = picks[0][0]
    save_shared(page, example_url, [gone, stem])
    entries = page.locator(".sp-shortlist__item")
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("no longer listed")
    entries.first.get_by_role("button", name=re.compile("^Remove")).click()
    assert shortlist_names(page) == [name_of(content, stem)]
    expect(count_link(page, 1)).to_be_visible()
    expect(page.locator("[data-shortlist-status]")).to_contain_text("1 activity.")


def test_clear_the_list_asks_first(page, example_url, picks):
    save_shared(page, example_url, [stem for stem, _ in picks])
    clear = page.get_by_role("button", name="Clear the list", exact=True)
    clear.click()
    expect(clear).to_have_attribute("aria-expanded", "true")
    question = page.locator("#sp-shortlist-confirm p")
    expect(question).to_be_focused()
    expect(question).to_contain_text("3 activities")
    page.keyboard.press("Escape")
    expect(clear).to_be_focused()
    expect(page.locator(".sp-shortlist__item")).to_have_count(3)

    clear.click()
    page.get_by_role("button", name="No, keep it").click()
    expect(page.locator(".sp-shortlist__item")).to_have_count(3)

    clear.click()
    page.get_by_role("button", name="Yes, clear the list").click()
    expect(page.locator(".sp-shortlist__item")).to_have_count(0)
    expect(page.locator(".sp-shortlist__intro")).to_have_text("Your shortlist is empty.")
    expect(page.locator("[data-shortlist-empty]")).to_be_visible()
    expect(count_link(page, 0)).to_be_visible()
    page.reload(wait_until="load")
    expect(page.locator(".sp-shortlist__intro")).to_have_text("Your shortlist is empty.")


def test_axe_finds_no_wcag_problems_on_the_shortlist_with_three_entries(page, example_url, picks, record_property):
    save_shared(page, example_url, [stem for stem, _ in picks])
    expect(page.locator(".sp-shortlist__item")).to_have_count(3)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = AXE.run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    # And with the share panel and the "clear" question open.
    page.get_by_role("button", name="Share this list").click()
    page.get_by_role("button", name="Clear the list", exact=True).click()
    results = AXE.run(page, options=options)
    record_property("checked:axe (WCAG 2.2 A/AA)", 1)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_wcag_problems_on_a_shared_list_and_a_listing_with_pressed_buttons(page, example_url, picks):
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    stem, path = picks[0]
    add(page, example_url, stem, path)
    results = AXE.run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    page.goto(f"{example_url}{urls.SHORTLIST}?items={','.join(stem for stem, _ in picks)}", wait_until="load")
    expect(page.locator(".sp-shortlist__item")).to_have_count(3)
    results = AXE.run(page, options=options)
    assert results.violations_count == 0, results.generate_report()


def focused(tab) -> dict:
    return tab.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return {text: (e.innerText || '').trim(), tag: e.tagName, pressed: e.getAttribute('aria-pressed'),
                stem: e.getAttribute('data-shortlist'), action: e.getAttribute('data-action'),
                visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
    }""")


def tab_to(tab, wanted, limit: int = 80) -> dict:
    for _ in range(limit):
        tab.keyboard.press("Tab")
        stop = focused(tab)
        if wanted(stop):
            return stop
    pytest.fail("Tab never reached it")


def test_keyboard_alone_adds_removes_and_prints(page, example_url, content, picks):
    page.goto(example_url + urls.of("asset", FOOTBALL), wait_until="load")
    stop = tab_to(page, lambda stop: stop["stem"] == FOOTBALL)
    assert stop["pressed"] == "false" and stop["visible"], "the button shows where the keyboard is"
    page.keyboard.press("Enter")
    assert focused(page)["pressed"] == "true"
    page.keyboard.press("Space")
    assert focused(page)["pressed"] == "false"
    page.keyboard.press("Space")
    assert focused(page)["pressed"] == "true"
    expect(count_link(page, 1)).to_be_visible()

    save_shared(page, example_url, [stem for stem, _ in picks[:2]])
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
    stop = tab_to(page, lambda stop: stop["action"] == "print")
    assert stop["visible"]
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1

    names = shortlist_names(page)
    stop = tab_to(page, lambda stop: stop["action"] == "remove")
    assert stop["visible"]
    page.keyboard.press("Enter")
    expect(page.locator(".sp-shortlist__item")).to_have_count(len(names) - 1)
    assert shortlist_names(page) == names[1:]
    assert focused(page)["action"] == "remove", "focus moves to the next Remove button"
    expect(count_link(page, len(names) - 1)).to_be_visible()
    expect(page.locator("[data-shortlist-status]")).to_have_text(
        f"Removed {names[0]} from your shortlist. {len(names) - 1} activities."
    )


def test_without_local_storage_the_shortlist_still_works_on_the_page(page, example_url, content, picks):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(BLOCK_STORAGE)
    stem, path = picks[0]
    add(page, example_url, stem, path)
    expect(count_link(page, 1)).to_be_visible()
    expect(page.locator("[data-shortlist-status]")).to_contain_text("will not keep it")
    page.goto(example_url + urls.SHORTLIST, wait_until="load")
    expect(page.locator(".sp-shortlist__intro")).to_have_text("Your shortlist is empty.")
    page.goto(f"{example_url}{urls.SHORTLIST}?items={stem}", wait_until="load")
    page.get_by_role("button", name="Save to my shortlist").click()
    expect(page.locator(".sp-notice")).to_contain_text("not letting the site keep your shortlist")
    assert shortlist_names(page) == [name_of(content, stem)]
    assert errors == []


def test_buttons_added_later_are_shown_and_in_step(page, example_url, picks):
    stem, path = picks[0]
    add(page, example_url, stem, path)
    page.evaluate(
        """stem => {
            const li = document.createElement('li');
            li.className = 'sp-card';
            li.innerHTML = '<h2 class="sp-card__title"><a href="../../directory/' + stem + '/">Later</a></h2>'
              + '<button type="button" class="sp-shortlist-button md-button" data-shortlist="' + stem
              + '" aria-pressed="false" hidden>Add to shortlist<span class="sp-visually-hidden">: Later</span></button>';
            li.id = 'later';
            document.querySelector('.sp-cards').append(li);
        }""",
        stem,
    )
    later = page.locator("#later button")
    expect(later).to_be_visible()
    expect(later).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#later .sp-print-address")).to_have_count(1)
    # Other scripts reach the shortlist by importing its module: the page's own copy, not a second one.
    shortlist = "document.querySelector('script[src$=\"/shortlist.js\"]').src"
    assert page.evaluate(f"async () => typeof (await import({shortlist})).refresh") == "function"
    later.click()
    expect(page.locator(f'button[data-shortlist="{stem}"]')).to_have_count(2)
    for button in page.locator(f'button[data-shortlist="{stem}"]').all():
        expect(button).to_have_attribute("aria-pressed", "false")
    expect(count_link(page, 0)).to_be_visible()


def test_buttons_need_javascript_and_say_so_without_it(browser, example_url, picks):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    try:
        tab = context.new_page()
        stem, path = picks[0]
        tab.goto(example_url + path, wait_until="load")
        expect(tab.locator(f'button[data-shortlist="{stem}"]')).to_be_hidden()
        tab.goto(example_url + urls.SHORTLIST, wait_until="load")
        assert "The shortlist needs JavaScript" in tab.locator(".sp-shortlist").inner_text()
        expect(tab.locator("[data-shortlist-empty]")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_the_shortlist_fits_a_small_phone_and_its_controls_are_big_enough(browser, example_url, picks, width):
    context = browser.new_context(viewport={"width": width, "height": 700}, bypass_csp=True)
    try:
        tab = context.new_page()
        save_shared(tab, example_url, [stem for stem, _ in picks])
        tab.get_by_role("button", name="Share this list").click()
        tab.get_by_role("button", name="Clear the list", exact=True).click()
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the shortlist scrolls sideways by {overflow}px at {width} px wide"
        small = tab.evaluate("""() => [...document.querySelectorAll('.sp-shortlist button, .sp-shortlist input, .sp-shortlist .md-button, .sp-header__shortlist')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.innerText || e.id, e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 24 || r.height < 24)
            .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)""")
        assert small == [], f"targets smaller than 24 by 24 px: {small}"
    finally:
        context.close()


def test_the_shortlist_button_is_big_enough_on_cards(page, example_url, picks):
    stem, path = picks[0]
    page.goto(example_url + path, wait_until="load")
    box = page.locator(f'button[data-shortlist="{stem}"]').bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    assert KINDS["asset"].url(stem) in page.locator(f'li:has(button[data-shortlist="{stem}"]) a').first.get_attribute("href")
