"""Each event's flyer prints on one sheet of A4, with no navigation, and its QR
code (read back from the printed PDF) opens the event's page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image

from signpost.check.loader import load_content
from signpost.core import urls
from signpost.core.kinds import KINDS
from signpost.generators import flyer
from tests.conftest import EXAMPLE_CONTENT, SMALL_CONTENT, TODAY, build, readable_bytes, serve_folder

EXAMPLE, _ = load_content(EXAMPLE_CONTENT, TODAY)
PUBLIC = EXAMPLE.public()
SITE = PUBLIC.site
A4_POINTS = (595, 842)
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="run 'make test' to install poppler-utils")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


@pytest.mark.parametrize("stem", sorted(PUBLIC.events))
def test_each_event_has_a_flyer_linked_from_its_page_and_kept_out_of_the_sitemap(example_site, stem):
    event = PUBLIC.events[stem].item
    sheet = soup_of(example_site / urls.flyer_url(stem) / "index.html")
    assert sheet.select_one(".sp-flyer h1").get_text(strip=True) == event.title
    assert sheet.find("link", rel="stylesheet", href="../../../assets/stylesheets/flyer.css") is not None
    assert (example_site / flyer.STYLESHEET).is_file()
    assert sheet.select_one(".sp-flyer svg.sp-qr") is not None  # inline, nothing fetched
    own = sheet.select_one(".sp-flyer-page")
    assert own.find("img") is None and own.find("script") is None
    text = " ".join(sheet.select_one(".sp-flyer").get_text(" ").split())
    assert event.organiser.name in text and event.summary in text
    assert SITE.absolute(KINDS["event"].url(stem)) in text
    sitemap = readable_bytes(example_site / "sitemap.xml").decode()
    assert SITE.absolute(urls.flyer_url(stem)) not in sitemap
    assert SITE.absolute(KINDS["event"].url(stem)) in sitemap
    link = soup_of(example_site / KINDS["event"].url(stem) / "index.html").find("a", string="Print a flyer")
    assert (link is not None) == (not event.is_over(TODAY) and event.status != "cancelled")


def test_the_flyer_page_is_not_indexed():
    from signpost.build.outputs import render_site
    from signpost.core.theme import PAGE_TEMPLATES

    flyers = [output for output in render_site(EXAMPLE, PAGE_TEMPLATES) if getattr(output, "kind", None) == "flyer"]
    assert len(flyers) == len(PUBLIC.events)
    assert all(output.noindex and not output.searchable for output in flyers)


def print_to_png(tab, url: str, folder: Path) -> tuple[int, Image.Image, str]:
    """Print ``url`` to an A4 PDF as Chromium does; return its page count, first page as a picture, and the PDF's page size."""
    tab.goto(url, wait_until="load")
    tab.emulate_media(media="print")
    pdf = folder / "flyer.pdf"
    pdf.write_bytes(tab.pdf(format="A4", print_background=True))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / "page")], check=True)
    pages = sorted(folder.glob("page-*.png"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    return len(pages), Image.open(pages[0]), size


def decoded(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image) if barcode.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.browser
@needs_poppler
@pytest.mark.parametrize("stem", sorted(PUBLIC.events))
def test_a_printed_flyer_is_one_a4_page_whose_qr_code_opens_the_event(page, example_url, stem, tmp_path):
    count, picture, size = print_to_png(page, example_url + urls.flyer_url(stem), tmp_path)
    assert count == 1
    width, height = (float(number) for number in size.split(":")[1].split("pts")[0].split(" x "))
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, size
    assert decoded(picture) == [SITE.absolute(KINDS["event"].url(stem))]
    # None of the site's navigation is printed: only the flyer.
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".sp-flyer-help"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator(".sp-flyer").is_visible()


@pytest.mark.browser
@needs_poppler
def test_a_flyer_with_long_details_still_fits_one_page(browser, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, content)
    source = next((content / "events").glob("*.md"))
    _, front, body = source.read_text().split("---\n", 2)
    data = yaml.safe_load(front)
    long = "A very long line of words that goes on and on about the event in more detail than fits " * 2
    data.update(title=long[:190].strip(), summary=long[:199].strip(), audience=long[:199].strip(), status="postponed")
    data["cost"] = {"free": False, "amount": 12.5, "per": "event", "concessions": long[:150].strip(), "note": long[:180].strip()}
    source.write_text("---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + body)
    assert build(content, tmp_path / "site") == 0
    server, base = serve_folder(tmp_path / "site")
    context = browser.new_context()
    try:
        count, picture, _ = print_to_png(context.new_page(), base + urls.flyer_url(source.stem), tmp_path)
    finally:
        context.close()
        server.shutdown()
    assert count == 1
    loaded, _ = load_content(content, TODAY)
    assert decoded(picture) == [loaded.site.absolute(KINDS["event"].url(source.stem))]


MY_PAGES = {
    "flyer": urls.flyer_url("mapping-community-assets-workshop-2027"),
    "repeating event": KINDS["event"].url("workers-network-lunch"),
    "postponed event": KINDS["event"].url("moor-villages-transport-forum-2027"),
}


@pytest.mark.browser
@pytest.mark.parametrize("path", MY_PAGES.values(), ids=MY_PAGES.keys())
def test_event_pages_and_flyer_pass_axe_and_reflow(browser, example_url, path):
    from tests.test_accessibility import AXE, WCAG_TAGS

    assert path.rstrip("/").split("/")[1] in PUBLIC.events
    for width, height in ((1280, 900), (320, 640)):
        context = browser.new_context(viewport={"width": width, "height": height})
        tab = context.new_page()
        try:
            tab.goto(example_url + path, wait_until="load")
            results = AXE.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
            assert results.violations_count == 0, results.generate_report()
            overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width} px"
        finally:
            context.close()


def test_a_flyer_asks_search_engines_not_to_index_it(example_site):
    stem = sorted(path.parent.parent.name for path in (example_site / "events").glob("*/flyer/index.html"))[0]
    flyer = (example_site / "events" / stem / "flyer" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in flyer
    assert '<meta name="robots"' not in (example_site / "events" / stem / "index.html").read_text()
