"""Content cannot inject script: every text field full of payloads builds a site
in which no script runs, no event handler appears and no javascript: URL survives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from signpost.check.loader import load_content
from tests.conftest import TODAY, build, serve_folder

pytestmark = pytest.mark.browser

# One line (text fields allow 200 characters), and a Markdown block.
LINE = (
    "\"'><script>alert(1)</script><img src=x onerror=alert(2)></title><svg onload=alert(3)>"
    '<a href="javascript:alert(4)">j</a>[m](javascript:alert(5))'
)
BLOCK = f"""{LINE}

<script>alert(6)</script>

<div onclick="alert(7)" style="color:red">raw</div>

[link](javascript:alert(8)) <a href="JaVaScRiPt:alert(9)">x</a> <iframe src="javascript:alert(10)"></iframe>

<img src="x" onerror="alert(11)"> <form action="javascript:alert(12)"><button>go</button></form>
"""


def asset() -> dict:
    return {
        "name": LINE,
        "summary": LINE,
        "description": BLOCK,
        "easy_read": BLOCK,
        "domains": ["sport"],
        "area": "northgate",
        "audience": {"min_age": 16, "groups": ["everyone"], "note": LINE},
        "schedule": {"sessions": [{"repeats": "weekly", "days": ["tuesday"], "starts": "18:30", "ends": "20:00"}], "note": LINE},
        "location": {"venue": LINE, "address": LINE, "postcode": "HF4 7QT"},
        "travel": {"buses": [LINE], "bus_note": LINE, "walking": LINE, "parking": LINE, "transport_provided": True, "note": LINE},
        "cost": {"free": False, "amount": 2, "per": "session", "concessions": LINE, "note": LINE},
        "accessibility": {"step_free": True, "note": LINE},
        "welcome": {"buddy": True, "note": LINE},
        "contact": {
            "name": LINE,
            "phone": "01632 960 411",
            "email": "a@example.org",
            "website": "https://example.org/x",
            "note": LINE,
        },
        "last_checked": "2026-10-14",
        "staff_notes": BLOCK,
    }


def event() -> dict:
    return {
        "title": LINE,
        "summary": LINE,
        "start": "2027-03-12 09:30",
        "end": "2027-03-12 13:00",
        "venue": {"venue": LINE, "address": LINE, "postcode": "HF1 1AA"},
        "online": "https://example.org/join",
        "cost": {"free": False, "amount": 5, "per": "event", "concessions": LINE, "note": LINE},
        "booking": {"required": True, "url": "https://example.org/book", "email": "b@example.org"},
        "audience": LINE,
        "organiser": {"name": LINE, "email": "o@example.org", "website": "https://example.org/"},
        "staff_notes": BLOCK,
    }


def story() -> dict:
    return {
        "title": LINE,
        "summary": LINE,
        "setting": LINE,
        "service_type": LINE,
        "worker": LINE,
        "individual": LINE,
        "worker_perspective": BLOCK,
        "individual_perspective": BLOCK,
        "assets_used": ["rovers"],
        "goals": [LINE, LINE],
        "date": "2026-10-01",
        "consent": {"given": True, "date": "2026-09-20", "recorded_by": LINE},
        "staff_notes": BLOCK,
    }


def markdown_file(path: Path, fields: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + body)


def fill_with_payloads(content: Path) -> None:
    (content / "assets" / "rovers.yml").write_text(yaml.safe_dump(asset(), allow_unicode=True, sort_keys=False))
    markdown_file(content / "events" / "mapping-workshop.md", event(), BLOCK)
    markdown_file(content / "case-studies" / "sam-and-ali.md", story(), BLOCK)
    markdown_file(
        content / "news" / "posts" / "first-post.md",
        {"title": LINE, "date": dt.date(2026, 11, 1), "description": LINE, "categories": ["Site news"]},
        BLOCK + "\n<!-- more -->\n\n" + BLOCK,
    )
    markdown_file(
        content / "newsletters" / "issue-1.md",
        {
            "number": 1,
            "title": LINE,
            "date": "2026-11-15",
            "items": [
                {"news": "first-post", "comment": LINE},
                {"event": "mapping-workshop", "comment": LINE},
                {"case_study": "sam-and-ali", "comment": LINE},
            ],
        },
        BLOCK,
    )
    site = yaml.safe_load((content / "site.yml").read_text())
    site.update({"name": LINE, "place": LINE, "tagline": LINE, "introduction": BLOCK, "organisation": LINE})
    (content / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True))
    for taxonomy in ("domains.yml", "areas.yml"):
        entries = yaml.safe_load((content / taxonomy).read_text())
        for entry in entries:
            entry.update({"name": LINE, "description": BLOCK})
        (content / taxonomy).write_text(yaml.safe_dump(entries, allow_unicode=True))


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    import shutil

    from tests.conftest import SMALL_CONTENT

    root = tmp_path_factory.mktemp("injection")
    content = root / "content"
    shutil.copytree(SMALL_CONTENT, content)
    fill_with_payloads(content)
    _, problems = load_content(content, TODAY)
    assert [problem.as_text() for problem in problems] == []
    assert build(content, root / "site") == 0
    return root / "site"


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "srcset"}


def dangerous_markup(html: str) -> list[str]:
    """Event-handler attributes, javascript: URLs and inline scripts that call alert."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}=...>")
            squeezed = "".join(text.split()).lower()
            if name.lower() in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"<{element.name} {name}={text}>")
        # A JSON-LD data block is not run; a payload that broke out of it would be a script of its own.
        if element.name == "script" and element.get("type") != "application/ld+json" and "alert(" in element.get_text():
            found.append("<script>alert(...)</script>")
    return found


def test_the_output_holds_no_handler_attribute_or_javascript_url(payload_site):
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 20
    problems = {
        page.relative_to(payload_site).as_posix(): found for page in pages if (found := dangerous_markup(page.read_text()))
    }
    assert problems == {}


def test_the_payload_is_shown_as_text_not_run(payload_site):
    soup = BeautifulSoup((payload_site / "directory" / "rovers" / "index.html").read_text(), "html.parser")
    assert soup.select_one("article h1").get_text() == LINE
    assert LINE in soup.title.get_text()


def test_no_script_runs_in_any_page(payload_site, browser):
    server, base = serve_folder(payload_site)
    context = browser.new_context()
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
    try:
        for path in sorted(payload_site.rglob("*.html")):
            tab.goto(base + path.relative_to(payload_site).as_posix(), wait_until="load")
            tab.mouse.move(200, 300)
            tab.hover("body")
        tab.goto(base + "search/?q=alert", wait_until="load")
        tab.wait_for_selector(".sp-result", timeout=15_000)
        tab.wait_for_timeout(300)
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("website", "javascript:alert(1)"),
        ("website", "JAVASCRIPT:alert(1)"),
        ("website", "data:text/html,<script>x</script>"),
        ("website", 'https://example.org/"onmouseover="alert(1)'),
        ("email", '"><script>@x.org'),
        ("phone", "<script>"),
    ],
)
def test_link_fields_refuse_anything_but_safe_addresses(small_content, field, value):
    path = small_content / "assets" / "rovers.yml"
    data = yaml.safe_load(path.read_text())
    data["contact"][field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    _, problems = load_content(small_content, TODAY)
    assert [problem.field for problem in problems] == [f"contact.{field}"]


def test_the_site_contact_address_refuses_markup(small_content):
    path = small_content / "site.yml"
    text = path.read_text().replace(
        "contact_email: connects@hollinsford.example.org", 'contact_email: "<img/src=x/onerror=alert(8)>@x.yz"'
    )
    path.write_text(text)
    _, problems = load_content(small_content, TODAY)
    assert [problem.field for problem in problems] == ["contact_email"]


def test_categories_refuse_markup(small_content):
    path = small_content / "news" / "posts" / "first-post.md"
    path.write_text(path.read_text().replace("categories: [Site news]", "categories: ['<script>alert(1)</script>']"))
    _, problems = load_content(small_content, TODAY)
    assert [problem.as_text().split(": ", 1)[1] for problem in problems] == [
        "categories[1]: '<script>alert(1)</script>' is not a usable category — use up to 40 letters, numbers and spaces, for example 'Training'"
    ]
