"""Every page carries a Content Security Policy, and Chromium enforces it with no violation.

The policy is a ``<meta http-equiv>`` tag first in ``<head>``. In Chromium,
each page type is opened with a listener for violation reports, and its
scripts are checked to have done their work (search shows results, find
shows counts), so a policy that quietly breaks a script fails too. An inline
script put into a template is blocked; the preview's reload script still
runs. Where the scan of a page must agree with a browser, Chromium says what
the scripts are, not a list typed here.
"""

from __future__ import annotations

import html
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from signpost.core.theme import THEME
from signpost.engines.csp import TrustedScripts, inline_scripts, policy, script_hash, with_policy
from signpost.generators.cms import PAGE as ADMIN_PAGE
from signpost.models import SiteSettings
from tests.conftest import CONFIG, EXAMPLE_CONTENT, SMALL_CONTENT, build, serve_folder
from tests.test_accessibility import PAGE_TYPES, open_page
from tests.test_map import answer_tiles, open_map
from tests.test_preview import preview  # noqa: F401  (a fixture)

CSP_META = '<meta http-equiv="Content-Security-Policy" content="'
# Reports every violation the page sees, from before its first script runs.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at line ${event.lineNumber}`);
});
"""
# Pages that carry their own, wider policy, written with them: the staff
# form (Decap CMS; see signpost.generators.cms.admin_policy).
OWN_POLICY = {"admin/index.html"}
SETTINGS = SiteSettings.model_validate(yaml.safe_load((EXAMPLE_CONTENT / "site.yml").read_text(encoding="utf-8")))


@pytest.fixture
def page(browser):
    """A tab that enforces the pages' policy (the shared fixture bypasses it for other tests' helpers)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def pages_in(site: Path) -> list[Path]:
    """Every web page the build wrote (the newsletter's email.html is an email, not a page).

    The staff's web form (admin/index.html) is left out: it is the one page
    with a policy of its own, tested in test_cms.py.
    """
    return sorted(
        path for path in site.rglob("*.html") if path.name != "email.html" and path.relative_to(site).as_posix() != ADMIN_PAGE
    )


def policy_of(document: str) -> dict[str, list[str]]:
    """The policy in a page's meta tag, as directive name → values."""
    start = document.index(CSP_META) + len(CSP_META)
    text = html.unescape(document[start : document.index('"', start)])
    return {name: values for name, *values in (part.split() for part in text.split(";"))}


class ScriptsSeen(HTMLParser):
    """The standard library's parser, as a second opinion on which inline scripts a page runs."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside: bool = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").lower()
        self._inside = tag == "script" and "src" not in attributes and kind in ("", "module", "text/javascript")
        if self._inside:
            self.scripts.append("")

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        self._inside = False


# ----- the built pages -----


def test_every_page_has_one_policy_first_in_its_head(example_site):
    pages = pages_in(example_site)
    assert len(pages) > 100
    for path in pages:
        document = path.read_text(encoding="utf-8")
        assert document.count(CSP_META) == 1, path
        at = document.index(CSP_META)
        assert document.index("<head>") < at < document.index("<script"), path
        assert document[:at].rstrip().endswith('<meta charset="utf-8">'), path


def test_every_page_allows_exactly_the_theme_scripts_it_has_and_nothing_unsafe(example_site):
    tiles = urlsplit(SETTINGS.map_tiles)
    for path in pages_in(example_site):
        document = path.read_text(encoding="utf-8")
        rules = policy_of(document)
        # What the issue asks of every page, its own policy or not.
        assert "'unsafe-inline'" not in rules["script-src"] and rules["object-src"] == ["'none'"], path
        assert rules["default-src"] == ["'self'"] and rules["base-uri"] == ["'none'"] and rules["form-action"] == ["'self'"]
        if path.relative_to(example_site).as_posix() in OWN_POLICY:
            continue
        parser = ScriptsSeen()
        parser.feed(document)
        assert parser.scripts == inline_scripts(document), path  # on real pages, exactly the scripts
        hashes = [value for value in rules["script-src"] if value.startswith("'sha256-")]
        assert hashes == [f"'sha256-{script_hash(text)}'" for text in dict.fromkeys(parser.scripts)], path
        assert rules["script-src"] == ["'self'", "'wasm-unsafe-eval'", *hashes], path
        assert rules["img-src"] == ["'self'", "data:", f"{tiles.scheme}://{tiles.netloc}"], path


def test_the_newsletter_email_is_left_alone(example_site):
    emails = sorted(example_site.rglob("email.html"))
    assert emails
    assert all(CSP_META not in path.read_text(encoding="utf-8") for path in emails)


def test_without_a_map_no_other_site_is_allowed():
    settings = SETTINGS.model_copy(update={"map_tiles": None, "map_attribution": None})
    assert "img-src 'self' data:;" in policy(settings)
    assert "https:" not in policy(settings)


# ----- recognising scripts and theme scripts -----

# Text that only looks like a script (in a title, comment, attribute, raw
# text, or a script's own escaped text), real scripts of each kind, and line
# ends a browser rewrites before hashing.
TRICKY = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>A <script>window.ran.push("title")</script></title>
<script>window.ran = [];</script>
<!-- <script>window.ran.push("comment")</script> -->
<style>p::after { content: "<script>window.ran.push('style')</script>"; }</style>
<script type="application/json">{"a": "<b>"}</script>
<script type="application/ld+json">{"@type": "Thing"}</script>
<script type="module">window.ran.push("module");</script>
</head><body>
<p title='<script>window.ran.push("attribute")</script>'>A</p>
<p data-x=a'b title="<script>window.ran.push('unquoted')</script>">B</p>
<p data-y="a>b<script>window.ran.push('quoted')</script>">C</p>
<textarea><script>window.ran.push("textarea")</script></textarea>
<noscript><script>window.ran.push("noscript")</script></noscript>
<script>window.ran.push("escaped"); // <!-- <script> </script> still this script -->
</script>
<SCRIPT type=" text/JavaScript ">window.ran.push("upper case");</SCRIPT >
<script>window.ran.push(\r\n"line ends");</script>
<script src="x.js">window.ran.push("src")</script>
<script type="text/plain">window.ran.push("plain")</script>
<script>window.ran.push("last");</script>
</body></html>
"""


def scripts_in_chromium(tab) -> list[str]:
    """The text of each script element Chromium made that it would run inline, in document order."""
    return tab.evaluate("""() => [...document.querySelectorAll("script")]
        .filter((s) => !s.hasAttribute("src"))
        .filter((s) => ["", "module", "text/javascript"].includes((s.getAttribute("type") || "").trim().toLowerCase()))
        .map((s) => s.text)""")


def serve_document(tab, document: str) -> str:
    """Answer http://signpost.test/ with ``document`` (and x.js) in ``tab``; return the address."""
    files = {"/": ("text/html", document.encode()), "/x.js": ("text/javascript", b'window.ran.push("x.js");')}

    def answer(route):
        kind, body = files[urlsplit(route.request.url).path]
        route.fulfill(status=200, content_type=kind, body=body)

    tab.route("http://signpost.test/**", answer)
    return "http://signpost.test/"


@pytest.mark.browser
def test_the_scan_finds_the_scripts_chromium_runs_and_their_hashes_match(page):
    page.add_init_script(LISTEN)
    page.goto(serve_document(page, TRICKY), wait_until="load")
    expected = scripts_in_chromium(page)
    assert len(expected) == 6
    found = inline_scripts(TRICKY)
    # Every script Chromium runs is found, in order; text that only looks
    # like one may be found too, which is harmless (see signpost.engines.csp).
    remaining = iter(text.replace("\r\n", "\n") for text in found)
    assert all(text in remaining for text in expected)
    real = TrustedScripts([text for text in found if text.replace("\r\n", "\n") in expected])
    protected = with_policy(TRICKY, SETTINGS, real)
    assert len([value for value in policy_of(protected)["script-src"] if value.startswith("'sha256-")]) == len(expected)
    page.goto(serve_document(page, protected), wait_until="load")
    assert page.evaluate("window.__violations") == []
    assert sorted(page.evaluate("window.ran")) == sorted(["escaped", "upper case", "line ends", "x.js", "last", "module"])


@pytest.mark.browser
def test_an_untrusted_inline_script_is_blocked(page):
    page.add_init_script(LISTEN)
    page.goto(serve_document(page, with_policy(TRICKY, SETTINGS)), wait_until="load")
    assert page.evaluate("window.ran") is None  # the first script, which makes the list, never ran
    violations = page.evaluate("window.__violations")
    assert len(violations) == len(scripts_in_chromium(page)) == 6
    assert all(line.startswith("script-src-elem blocked inline") for line in violations)


def test_a_theme_script_is_trusted_with_any_address_in_its_quoted_value():
    trusted = TrustedScripts(['go=new URL("{{ base_url }}",location)'])
    assert trusted.allows('go=new URL("../..",location)')
    assert trusted.allows('go=new URL("https://example.org/",location)')
    assert not trusted.allows('go=new URL("",location);alert(1)//",location)')
    assert not trusted.allows('go=new URL("..",location);alert(1)')


def test_template_code_outside_a_quoted_value_is_never_trusted():
    trusted = TrustedScripts(["go({{ value }})", '{% if x %}go("a"){% endif %}', "{# note #}go()"])
    for text in ("go(1)", "go(alert(1))", 'go("a")', "go()"):
        assert not trusted.allows(text)


def test_the_policy_goes_before_a_script_that_comes_before_head():
    document = "<!doctype html><script>early()</script><html><head><meta charset=utf-8></head></html>"
    assert with_policy(document, SETTINGS).startswith("<!doctype html><meta http-equiv")
    assert with_policy("<!doctype html><p>No head</p>", SETTINGS).startswith("<!doctype html><meta http-equiv")


# ----- every page type in Chromium -----

# A find address with a filter, search with a query, and the pages
# test_accessibility does not cover: a shared shortlist, a flyer, the days.
EXTRA_PAGES = {
    "shortlist": "shortlist/?items=hollinsford-rovers-football-club",
    "days": "days/",
    "flyer": None,  # the first event's flyer, found in the built site
}


def page_types(site: Path) -> dict[str, str]:
    flyers = sorted(path.relative_to(site).parent.as_posix() + "/" for path in site.glob("events/*/flyer/index.html"))
    return {**PAGE_TYPES, **EXTRA_PAGES, "flyer": flyers[0]}


# What each page's scripts must have done, beyond the theme's and the shortlist's.
WORKED = {
    "search/": "document.querySelectorAll('.sp-result').length > 0",
    "find/": "document.querySelector('[data-find][data-ready]') !== null"
    " && /\\d/.test(document.querySelector('[data-find]').innerText)",
    "shortlist/": "document.querySelectorAll('#sp-shortlist li').length === 1",
}
EVERY_PAGE = {
    "the theme's inline script": "typeof __md_get === 'function'",
    "the theme's bundle": "!document.documentElement.classList.contains('no-js')",
    "the shortlist script": "document.querySelector('[data-shortlist-status]') !== null",
}


def violations_on(tab, base: str, path: str) -> list[str]:
    """Open a page, with reports of every violation, console lines included; return them."""
    console: list[str] = []
    tab.on("console", lambda message: "Content Security Policy" in message.text and console.append(message.text))
    tab.add_init_script(LISTEN)
    open_page(tab, base, path)
    tab.wait_for_load_state("networkidle")
    return console + tab.evaluate("window.__violations")


@pytest.mark.browser
@pytest.mark.xdist_group("csp")
@pytest.mark.parametrize("name", [*PAGE_TYPES, *EXTRA_PAGES])
def test_no_page_type_breaks_the_policy_and_its_scripts_work(page, example_site, example_url, name, record_property):
    path = page_types(example_site)[name]
    assert violations_on(page, example_url, path) == [], f"{example_url}{path}"
    checks = {
        **EVERY_PAGE,
        **{f"the page's own script ({prefix})": test for prefix, test in WORKED.items() if path.startswith(prefix)},
    }
    broken = [what for what, test in checks.items() if not page.evaluate(test)]
    record_property("checked:no CSP violation", 1)
    assert broken == [], f"{example_url}{path}: did not run: {broken}"


@pytest.mark.browser
@pytest.mark.xdist_group("csp")
def test_search_works_when_its_webassembly_runs_in_the_page_itself(page, example_url):
    # Pagefind runs its WebAssembly in a worker, or in the page where no
    # worker starts: the case the policy's 'wasm-unsafe-eval' is for.
    page.route("**/pagefind-worker.js", lambda route: route.abort())
    assert violations_on(page, example_url, PAGE_TYPES["search results"]) == []
    assert page.locator(".sp-result").count() > 0


@pytest.mark.browser
@pytest.mark.xdist_group("csp")
def test_an_open_map_breaks_no_policy(page, example_url):
    console: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and console.append(message.text))
    page.add_init_script(LISTEN)
    asked = answer_tiles(page)
    open_map(page, example_url, PAGE_TYPES["area"])
    # A map picture on the page, or a report of one blocked. (Waiting for
    # "networkidle" could return at once: the page may have reached it
    # before the map was asked for.)
    page.wait_for_function("() => document.querySelector('.leaflet-tile-loaded') || window.__violations.length")
    assert asked, "the map asked for no map picture"
    assert console + page.evaluate("window.__violations") == []


# ----- an inline script put into the templates -----

INJECTED = '<script>document.title="pwned"</script>'


@pytest.mark.browser
def test_an_inline_script_added_to_a_template_is_blocked(page, tmp_path):
    # The theme's page shell (main.html) and a page body (home.html) each get one.
    shutil.copy(CONFIG, tmp_path / "mkdocs.yml")
    # Each as a site's own override of the default look's file.
    templates = tmp_path / "templates"
    (templates / "signpost").mkdir(parents=True)
    shell = templates / "main.html"
    shell.write_text((THEME / "main.html").read_text().replace("{{ super() }}", "{{ super() }}\n" + INJECTED, 1))
    body = templates / "signpost" / "home.html"
    body.write_text(INJECTED + "\n" + (THEME / "signpost" / "home.html").read_text())
    site = tmp_path / "site"
    assert build(SMALL_CONTENT, site, extra=["--config", str(tmp_path / "mkdocs.yml"), "--templates", str(templates)]) == 0
    assert (site / "index.html").read_text().count(INJECTED) == 2
    server, url = serve_folder(site)
    try:
        violations = violations_on(page, url, "")
        assert page.title() != "pwned"
    finally:
        server.shutdown()
    blocked = [line for line in violations if line.startswith("script-src-elem blocked inline")]
    assert len(blocked) == 2, violations


# ----- the live preview -----


@pytest.mark.browser
def test_the_preview_reload_script_runs_under_the_policy(page, preview):  # noqa: F811
    polled: list[str] = []
    page.on("request", lambda request: "/.signpost-preview/version" in request.url and polled.append(request.url))
    console: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and console.append(message.text))
    page.add_init_script(LISTEN)
    page.goto(preview + "directory/rovers/", wait_until="load")
    page.wait_for_timeout(2_000)  # the preview asks for the version every 0.7 s, so the network is never idle
    assert CSP_META in page.content()
    assert console + page.evaluate("window.__violations") == []
    assert len(polled) >= 2
