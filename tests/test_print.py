"""Paper: activity pages and listings print cleanly on A4.

Chromium prints each page to PDF after emulating print media, as a person's
"Print" would. The PDF's pages are counted from its page tree, and its text is
read with the small reader below (no PDF library is installed in the project;
when poppler's ``pdftotext`` is on the machine, a test checks the reader
against it). Expected values come from the content files, never hand-written.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib

import pytest

from signpost.check.loader import load_content
from signpost.core.kinds import KINDS
from signpost.render.cards import card
from tests.conftest import EXAMPLE_CONTENT, TODAY

pytestmark = pytest.mark.browser

FOOTBALL = "hollinsford-rovers-football-club"
LISTINGS = ["domains/sport/", "areas/northgate/", "days/tuesday/"]
# What must never be on paper: the site's navigation and controls.
CHROME = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "sidebars": ".md-sidebar",
    "footer": ".md-footer",
    "edit button": ".md-content__button",
    "search box": ".sp-header__search",
    "shortlist buttons": "button[data-shortlist]",
}
PT = 4 / 3  # CSS pixels in a point


# ---------------------------------------------------------------------------
# Reading the PDFs Chromium writes: objects, the page tree, fonts' ToUnicode
# maps and the text operators of each page's content stream.

_OBJECT = re.compile(rb"(\d+) 0 obj\s*")
_TOKEN = re.compile(
    rb"/[^\s/\[\]<>()]+|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'\"*]+",
    re.S,
)


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Each object's dictionary text and (decompressed) stream, by number."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    position = 0
    while match := _OBJECT.search(data, position):
        start = match.end()
        end = data.find(b"endobj", start)
        begin = data.find(b"stream", start)
        if begin == -1 or begin > end:
            found[int(match[1])] = (data[start:end], None)
            position = end
            continue
        head = data[start:begin]
        body = begin + len(b"stream")
        body += 2 if data[body : body + 2] == b"\r\n" else 1
        length = re.search(rb"/Length (\d+)(?! \d+ R)", head)
        stop = body + int(length[1]) if length else data.find(b"endstream", body)
        raw = data[body:stop]
        found[int(match[1])] = (head, zlib.decompress(raw) if b"/FlateDecode" in head else raw)
        position = data.find(b"endobj", stop)
    return found


def _reference(text: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s+(\d+) 0 R", text)
    return int(match[1]) if match else None


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", "replace")


def _cmap(text: bytes) -> dict[int, str]:
    """A ToUnicode CMap: character code to text."""
    table: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = _utf16(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            low_code, high_code = int(low, 16), int(high, 16)
            if target.startswith(b"["):
                for offset, each in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", target)):
                    table[low_code + offset] = _utf16(each)
            else:
                first = _utf16(target[1:-1])
                for offset in range(high_code - low_code + 1):
                    table[low_code + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return table


def _string_bytes(token: bytes) -> bytes:
    if token.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    return re.sub(
        rb"\\([0-7]{1,3}|.)",
        lambda m: bytes([int(m[1], 8)]) if m[1][:1].isdigit() else escapes.get(m[1], m[1]),
        token[1:-1],
        flags=re.S,
    )


class _Font:
    def __init__(self, head: bytes, objects: dict) -> None:
        self.wide = b"/Type0" in head
        unicode = _reference(head, b"ToUnicode")
        self.table = _cmap(objects[unicode][1] or b"") if unicode in objects else {}

    def decode(self, raw: bytes) -> str:
        if self.wide:
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
        else:
            codes = list(raw)
        return "".join(self.table.get(code, chr(code) if not self.wide else "") for code in codes)


def _page_text(content: bytes, fonts: dict[bytes, _Font]) -> str:
    out: list[str] = []
    operands: list = []
    font: _Font | None = None
    array: list | None = None
    for token in _TOKEN.findall(content):
        if token == b"[":
            array = []
        elif token == b"]":
            operands.append(array or [])
            array = None
        elif array is not None:
            array.append(token)
        elif token[:1] in b"/<(" or token[:1].isdigit() or token[:1] in b"-+.":
            operands.append(token)
        else:
            if token == b"Tf" and len(operands) >= 2:
                font = fonts.get(operands[-2][1:])
            elif token in (b"Tj", b"'", b'"') and operands and font:
                out.append(font.decode(_string_bytes(operands[-1])))
            elif token == b"TJ" and operands and font:
                for item in operands[-1]:
                    if item[:1] in b"<(":
                        out.append(font.decode(_string_bytes(item)))
                    elif float(item) < -250:
                        out.append(" ")
            elif token in (b"Td", b"TD", b"T*", b"Tm", b"ET"):
                out.append("\n")
            operands = []
    return "".join(out)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF that Chromium printed, in page order."""
    objects = _objects(data)
    catalog = next(head for head, _ in objects.values() if re.search(rb"/Type\s*/Catalog", head))

    def kids(number: int) -> list[int]:
        head = objects[number][0]
        if re.search(rb"/Type\s*/Page\b(?!s)", head):
            return [number]
        listed = re.search(rb"/Kids\s*\[([^\]]*)\]", head)
        return [page for kid in re.findall(rb"(\d+) 0 R", listed[1] if listed else b"") for page in kids(int(kid))]

    texts = []
    for number in kids(_reference(catalog, b"Pages")):
        head = objects[number][0]
        resources = _reference(head, b"Resources")
        resource_text = objects[resources][0] if resources else head
        font_block = re.search(rb"/Font\s*<<(.*?)>>", resource_text, re.S)
        fonts = {
            name: _Font(objects[int(ref)][0], objects)
            for name, ref in re.findall(rb"/([^\s/]+)\s+(\d+) 0 R", font_block[1] if font_block else b"")
        }
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", head)
        streams = [int(ref) for ref in re.findall(rb"(\d+) 0 R", contents[1])] if contents else []
        texts.append("".join(_page_text(objects[ref][1] or b"", fonts) for ref in streams))
    return texts


def squash(text: str) -> str:
    """Text without spaces or line breaks, for finding words a line may have wrapped."""
    return re.sub(r"\s+", "", text)


def print_to_pdf(tab) -> bytes:
    """What printing the open page on A4 gives."""
    tab.emulate_media(media="print")
    try:
        return tab.pdf(format="A4")
    finally:
        tab.emulate_media(media="screen")


# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content():
    loaded, _ = load_content(EXAMPLE_CONTENT, TODAY)
    assert loaded is not None
    return loaded.public()


def test_the_football_club_page_prints_on_one_a4_page(page, example_url, content):
    record = content.assets[FOOTBALL]
    page.goto(example_url + KINDS["asset"].url(FOOTBALL), wait_until="load")
    pages = pdf_pages(print_to_pdf(page))
    assert len(pages) == 1, f"the activity page printed on {len(pages)} A4 pages"
    text = squash(pages[0])
    for words in (record.item.name, record.item.contact.phone, "When"):
        assert squash(words) in text, f"{words!r} is not on the printed page"


def test_printed_page_footer_names_the_site_its_address_and_the_date(page, example_url, content):
    page.goto(example_url + KINDS["asset"].url(FOOTBALL), wait_until="load")
    printed_on = page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    text = squash(pdf_pages(print_to_pdf(page))[0])
    address = content.site.site_url.rstrip("/") + "/" + KINDS["asset"].url(FOOTBALL)
    for words in (content.site.name, address, f"Printed {printed_on}", "Page 1 of 1"):
        assert squash(words) in text, f"{words!r} is not in the printed footer"


@pytest.mark.parametrize("path", [KINDS["asset"].url(FOOTBALL), *LISTINGS])
def test_no_navigation_or_controls_on_paper(page, example_url, path):
    page.goto(example_url + path, wait_until="load")
    assert page.locator("button[data-shortlist]").first.is_visible(), "the shortlist button shows on screen"
    page.emulate_media(media="print")
    shown = [name for name, selector in CHROME.items() if any(item.is_visible() for item in page.locator(selector).all())]
    assert shown == [], f"printed with: {', '.join(shown)}"


@pytest.mark.parametrize("path", LISTINGS)
def test_listing_cards_print_whole_with_their_full_address(page, example_url, content, path):
    page.goto(example_url + path, wait_until="load")
    titles = page.locator("li.sp-card .sp-card__title a")
    names = titles.all_inner_texts()
    assert names, f"{path} lists nothing"
    stems = [href.strip("/").split("/")[-1] for href in (link.get_attribute("href") for link in titles.all())]
    addresses = [content.site.site_url.rstrip("/") + "/" + KINDS["asset"].url(stem) for stem in stems]
    assert page.locator(".sp-print-address").first.is_hidden(), "the written-out address shows on screen"
    assert page.locator("li.sp-card .sp-print-address").all_inner_texts() == addresses
    pages = [squash(text) for text in pdf_pages(print_to_pdf(page))]
    for stem, name, address in zip(stems, names, addresses, strict=True):
        facts = card(content.assets[stem], content, KINDS["asset"].url(stem))
        holding = [number for number, text in enumerate(pages) if squash(name) in text]
        assert holding, f"{name!r} is not on paper"
        text = pages[holding[0]]
        # The card is whole: its address and its cost are on the page with its name.
        assert squash(address) in text, f"{name}: its address is not on the same page as its name"
        assert squash(facts.cost) in text, f"{name}: its cost is not on the same page as its name"


@pytest.mark.parametrize(("path", "smallest"), [(KINDS["asset"].url(FOOTBALL), 11), *((path, 12) for path in LISTINGS)])
def test_printed_text_is_large(page, example_url, path, smallest):
    page.goto(example_url + path, wait_until="load")
    page.emulate_media(media="print")
    sizes = page.evaluate("""() => [...document.querySelectorAll('.sp-page p, .sp-page li, .sp-page dd, .sp-page dt')]
        .filter(e => e.offsetParent !== null && e.textContent.trim() && !e.closest('.sp-print-address'))
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes
    assert min(sizes) / PT >= smallest, f"printed text as small as {min(sizes) / PT:.1f}pt"


def test_outside_links_have_their_address_written_out(page, example_url):
    page.goto(example_url + KINDS["asset"].url(FOOTBALL), wait_until="load")
    page.evaluate("""async () => {
        const p = document.createElement('p');
        p.innerHTML = '<a id="out" href="https://example.org/timetable">the timetable</a> <a id="bare" href="https://example.org/">https://example.org/</a>';
        document.querySelector('.sp-asset').append(p);
        const shortlist = await import(document.querySelector('script[src$="/shortlist.js"]').src);
        shortlist.refresh();
    }""")
    page.emulate_media(media="print")
    after = page.evaluate("id => getComputedStyle(document.getElementById(id), '::after').content", "out")
    bare = page.evaluate("id => getComputedStyle(document.getElementById(id), '::after').content", "bare")
    assert after == '" (https://example.org/timetable)"'
    assert bare in ("none", "normal", '""'), "an address already written as the link's words is not repeated"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_the_pdf_reader_agrees_with_pdftotext(page, example_url, tmp_path):
    page.goto(example_url + LISTINGS[0], wait_until="load")
    data = print_to_pdf(page)
    (tmp_path / "listing.pdf").write_bytes(data)
    poppler = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "listing.pdf"), "-"], capture_output=True, text=True, check=True
    )
    expected = [squash(text) for text in poppler.stdout.split("\f")[:-1]]
    assert [squash(text) for text in pdf_pages(data)] == expected
