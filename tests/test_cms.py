"""The web form for staff at /admin/: Decap CMS, set up from the models and served by the site itself.

The settings (admin/config.yml) are compared with the models, walked here
with pydantic and typing rather than with the code under test: one
collection per kind, one form field per model field in file order, the
model's description as the hint, the model's fixed choices and the site's
domains and areas as choices. In Chromium, with Decap's in-memory test
backend in place of GitHub, a new activity is made through the form and
saved; the file Decap wrote is put into a copy of the example content and
``check`` accepts it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import shutil
import typing
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import BaseModel, TypeAdapter

from signpost.check.loader import load_content
from signpost.cli import main
from signpost.core.kinds import KINDS
from signpost.core.theme import PAGE_TEMPLATES, THEME
from signpost.engines.csp import inline_scripts
from signpost.generators import cms
from signpost.models import SiteSettings
from signpost.models.common import STEM_PATTERN
from signpost.models.schedule import WEEKDAYS
from signpost.render.site import SiteRenderer
from tests.conftest import EXAMPLE_CONTENT, REPO, TODAY, readable_bytes, serve_folder
from tests.test_html import VNU, needs_vnu, nu_checker_errors

VENDOR = THEME / Path(cms.BUNDLE).parent
ADMIN_META = '<meta http-equiv="Content-Security-Policy" content="'
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
});
"""
TIME_FORMATS = {dt.date: ("YYYY-MM-DD", "YYYY-MM-DD", False), dt.time: ("HH:mm", False, "HH:mm")}
TIME_FORMATS[dt.datetime] = ("YYYY-MM-DD HH:mm", "YYYY-MM-DD", "HH:mm")


def site_settings() -> dict:
    return yaml.safe_load((EXAMPLE_CONTENT / "site.yml").read_text(encoding="utf-8"))


def group_ids(name: str) -> list[str]:
    return [entry["id"] for entry in yaml.safe_load((EXAMPLE_CONTENT / name).read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def config(example_site) -> dict:
    return yaml.safe_load((example_site / cms.CONFIG).read_text(encoding="utf-8"))


# ----- the models, walked independently of signpost.authoring.schema -----


def _inside(annotation) -> list:
    """Every type an annotation is made of: X | None, list[X], Literal[...] and so on."""
    return [annotation, *(part for arg in typing.get_args(annotation) for part in _inside(arg))]


def _model_in(annotation) -> type[BaseModel] | None:
    return next((part for part in _inside(annotation) if isinstance(part, type) and issubclass(part, BaseModel)), None)


def model_fields(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> dict[str, typing.Any]:
    """Every field of ``model`` and of the blocks inside it, by dotted name, in file order."""
    found = {}
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        found[".".join(path)] = info
        inner = _model_in(info.annotation)
        if inner is not None:
            found.update(model_fields(inner, path))
    return found


def form_fields(fields: list[dict], prefix: tuple[str, ...] = ()) -> dict[str, dict]:
    """Every field of a collection's form and of the blocks inside it, by dotted name, in order."""
    found = {}
    for field in fields:
        path = (*prefix, field["name"])
        found[".".join(path)] = field
        found.update(form_fields(field.get("fields", []), path))
    return found


def literal_choices(annotation) -> list[str]:
    return [value for part in _inside(annotation) if typing.get_origin(part) is typing.Literal for value in typing.get_args(part)]


# ----- the settings -----


def test_the_form_saves_to_the_repository_in_site_yml_through_pull_requests(config):
    settings = site_settings()
    assert config["backend"] == {
        "name": "github",
        "repo": settings["repo_url"].removeprefix("https://github.com/"),
        "branch": settings["edit_branch"],
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert config["media_folder"] == "content/media" and config["site_url"] == settings["site_url"]


def test_the_settings_repeat_lists_in_full_with_no_anchor_or_alias(example_site):
    # People read the file as well as Decap, and our own content rules refuse
    # anchors and aliases: a list used twice is written out twice.
    events = list(yaml.parse((example_site / cms.CONFIG).read_text(encoding="utf-8")))
    assert not [event for event in events if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)]


def test_staff_sign_in_through_the_service_named_in_site_yml():
    # GitHub Pages sites need their own OAuth service for Decap's GitHub sign-in.
    settings = SiteSettings.model_validate({**site_settings(), "cms_auth_url": "https://auth.example.org/github/auth"})
    assert cms.backend(settings) == {
        "name": "github",
        "repo": settings.repo_url.removeprefix("https://github.com/"),
        "branch": settings.edit_branch,
        "base_url": "https://auth.example.org",
        "auth_endpoint": "github/auth",
    }


def test_there_is_a_collection_per_kind_and_a_field_per_model_field(config):
    assert [collection["name"] for collection in config["collections"]] == list(KINDS)
    for collection, kind in zip(config["collections"], KINDS.values(), strict=True):
        assert collection["folder"] == f"content/{kind.folder}"
        assert collection["format"] == ("frontmatter" if kind.has_body else "yml")
        assert collection["extension"] == kind.suffix.lstrip(".")
        assert collection["slug"] == "{{slug}}" and collection["identifier_field"] == kind.title_field
        form, models = form_fields(collection["fields"]), model_fields(kind.model)
        assert list(form) == list(models) + (["body"] if kind.has_body else []), kind.name
        for name, info in models.items():
            # A block's hint may go on with what the block itself says (as in docs/fields.md).
            assert form[name]["hint"].startswith(info.description.rstrip(".")), (kind.name, name)
            # Nothing the model lets staff leave out is demanded by the form.
            assert info.is_required() or not form[name]["required"], (kind.name, name)
            if "." not in name:
                assert form[name]["required"] == info.is_required(), (kind.name, name)


def test_fields_inside_a_block_that_may_be_left_out_are_not_demanded(config):
    asset = form_fields(config["collections"][0]["fields"])
    # Decap checks a block's fields even when the block is empty: "check" asks for them instead.
    assert not asset["location.venue"]["required"] and "Needed when Location is filled in." in asset["location.venue"]["hint"]
    # The fields of an item in a list are needed once the item is added.
    assert asset["schedule.sessions.repeats"]["required"] and asset["cost.free"]["required"]


def test_fixed_choices_dates_and_times_have_their_own_widgets(config):
    for collection, kind in zip(config["collections"], KINDS.values(), strict=True):
        form = form_fields(collection["fields"])
        for name, info in model_fields(kind.model).items():
            field, parts = form[name], _inside(info.annotation)
            choices = literal_choices(info.annotation)
            if choices:
                assert (field["widget"], field["options"]) == ("select", choices), (kind.name, name)
                assert field.get("multiple", False) == (typing.get_origin(info.annotation) is list), (kind.name, name)
            when = next((TIME_FORMATS[part] for part in parts if part in TIME_FORMATS), None)
            if when and field["widget"] == "list":
                field = field["field"]
            if when:
                assert field["widget"] == "datetime", (kind.name, name)
                assert (field["format"], field["date_format"], field["time_format"]) == when, (kind.name, name)
    asset = form_fields(config["collections"][0]["fields"])
    assert asset["schedule.sessions.days"]["options"] == list(WEEKDAYS)


def test_domains_and_areas_are_chosen_from_the_sites_own_lists(config):
    asset = form_fields(config["collections"][0]["fields"])
    for name, file in (("domains", "domains.yml"), ("area", "areas.yml")):
        assert asset[name]["widget"] == "select"
        assert [option["value"] for option in asset[name]["options"]] == group_ids(file)
    assert asset["domains"]["multiple"] and asset["domains"]["min"] == 1 and "multiple" not in asset["area"]


def test_fields_naming_another_record_search_that_kind(config):
    fields = {collection["name"]: form_fields(collection["fields"]) for collection in config["collections"]}
    expected = {
        ("asset", "connections"): ("asset", True),
        ("case_study", "assets_used"): ("asset", True),
        ("newsletter", "items.news"): ("news", False),
        ("newsletter", "items.event"): ("event", False),
        ("newsletter", "items.case_study"): ("case_study", False),
    }
    for (kind, name), (target, many) in expected.items():
        field = fields[kind][name]
        assert (field["widget"], field["collection"], field.get("multiple", False)) == ("relation", target, many)
        assert field["value_field"] == "{{slug}}" and field["search_fields"] == [KINDS[target].title_field]


def holds_file_names(info) -> bool:
    """True for a value (not a block) that is a file name or id, or a list of them."""
    if _model_in(info.annotation) is not None:
        return False
    return STEM_PATTERN in json.dumps(TypeAdapter(info.rebuild_annotation()).json_schema())


def test_every_field_holding_a_file_name_or_id_is_a_choice():
    # A new field holding a file name or an id must be added to cms.REFERENCES.
    named = {
        (kind.name, name) for kind in KINDS.values() for name, info in model_fields(kind.model).items() if holds_file_names(info)
    }
    assert named == set(cms.REFERENCES)


def content_of(root: Path):
    content, _ = load_content(root, TODAY)
    return content


# ----- the page -----


def test_the_admin_page_is_noindex_and_kept_out_of_the_sitemap_and_search(example_site):
    soup = BeautifulSoup((example_site / cms.PAGE).read_text(encoding="utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/directory/" in sitemap and "admin" not in sitemap
    index = [readable_bytes(path) for path in (example_site / "pagefind").rglob("*") if path.is_file()]
    assert any(b"/directory/" in data for data in index), "the scan must read the search index"
    assert not any(b"/admin/" in data for data in index)


def test_the_admin_page_loads_only_the_sites_own_scripts_under_its_own_policy(example_site):
    document = (example_site / cms.PAGE).read_text(encoding="utf-8")
    at = document.index(ADMIN_META)
    assert document[:at].rstrip().endswith('<meta charset="utf-8">') and at < document.index("<script")
    assert document.count(ADMIN_META) == 1
    start = at + len(ADMIN_META)
    assert html.unescape(document[start : document.index('"', start)]) == cms.admin_policy()
    assert inline_scripts(document) == []
    sources = [tag["src"] for tag in BeautifulSoup(document, "html.parser").find_all("script")]
    assert sources == ["../" + cms.BUNDLE, "../" + cms.TIDY_SCRIPT]
    for source in sources:
        served = (example_site / cms.ADMIN_URL / source).resolve()
        assert served.read_bytes() == (THEME / source.removeprefix("../")).read_bytes()


def test_the_vendored_decap_is_the_pinned_one():
    listed = dict(reversed(line.split(maxsplit=1)) for line in (VENDOR / "SHA256SUMS").read_text().splitlines())
    files = {path.name for path in VENDOR.iterdir() if path.name != "SHA256SUMS"}
    assert files == set(listed) and {"decap-cms.js", "LICENSE", "decap-cms.js.LICENSE.txt"} <= files
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    script = (REPO / "tools" / "vendor-decap").read_text(encoding="utf-8")
    assert f"\nVERSION={cms.DECAP_VERSION}\n" in script and VENDOR.name == f"decap-cms-{cms.DECAP_VERSION}"
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def admin_files(content_dir: Path) -> dict[str, str]:
    renderer = SiteRenderer(content_of(content_dir).public(), PAGE_TEMPLATES)
    return {output.path: output.content().decode() for output in cms.admin_outputs(renderer)}


@pytest.mark.parametrize("repo_url", [None, "https://gitlab.com/team/directory"])
def test_without_a_github_repository_the_page_says_how_to_set_it_up(example_copy, repo_url):
    site = example_copy / "site.yml"
    text = re.sub(r"^repo_url: .*\n", "" if repo_url is None else f"repo_url: {repo_url}\n", site.read_text(), flags=re.M)
    site.write_text(text)
    files = admin_files(example_copy)
    assert list(files) == [cms.PAGE]
    soup = BeautifulSoup(files[cms.PAGE], "html.parser")
    assert soup.h1.get_text() == "The web form is not set up" and not soup.find("script")
    assert "repo_url: https://github.com/" in soup.get_text()
    assert ("works with GitHub only" in soup.get_text()) == (repo_url is not None)


@needs_vnu
def test_the_page_that_says_how_to_set_it_up_is_valid_html(example_copy, tmp_path):
    site = example_copy / "site.yml"
    site.write_text(re.sub(r"^repo_url: .*\n", "", site.read_text(), flags=re.M))
    page = tmp_path / "index.html"
    page.write_text(admin_files(example_copy)[cms.PAGE])
    assert nu_checker_errors(VNU, [page], tmp_path) == []


# ----- in the browser, with Decap's in-memory backend -----


def form_site(example_site: Path, folder: Path) -> Path:
    """The built admin page and scripts, with the settings pointed at Decap's in-memory backend."""
    shutil.copytree(example_site / cms.ADMIN_URL, folder / cms.ADMIN_URL)
    shutil.copytree(example_site / "assets" / "javascripts", folder / "assets" / "javascripts")
    settings = yaml.safe_load((folder / cms.CONFIG).read_text(encoding="utf-8"))
    settings["backend"] = {"name": "test-repo"}
    (folder / cms.CONFIG).write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return folder


def existing_assets() -> str:
    """The example's assets as the in-memory backend's files (read by folder, and by path)."""
    folder = f"content/{KINDS['asset'].folder}"
    files = {
        path.name: {"path": f"{folder}/{path.name}", "content": path.read_text()} for path in EXAMPLE_CONTENT.glob("assets/*.yml")
    }
    return "window.repoFiles = " + json.dumps({folder: files, "content": {"assets": files}}) + ";"


class Form:
    """Decap's form, driven by its field labels."""

    def __init__(self, tab):
        self.tab = tab

    def control(self, label: str):
        """The first field labelled ``label`` (Decap adds " (optional)" to fields that may be left empty)."""
        found = self.tab.locator("label").filter(has_text=re.compile(rf"^{re.escape(label)}( \(optional\))?$")).first
        return self.tab.locator("#" + found.get_attribute("for"))

    def choose(self, label: str, option: str) -> None:
        box = self.control(label)
        box.click()
        box.fill(option)
        self.tab.get_by_role("option", name=option, exact=True).click()

    def open_block(self, label: str) -> None:
        self.control(label).locator("[data-testid=expand-button]").first.click()


@pytest.fixture(scope="module")
def cms_url(example_site, tmp_path_factory):
    server, url = serve_folder(form_site(example_site, tmp_path_factory.mktemp("cms")))
    yield url
    server.shutdown()


def saved_files(tab) -> dict[str, str]:
    """What Decap saved, by path: each save is a change waiting for review (a branch and pull request)."""
    entries = tab.evaluate("Object.values(window.repoFilesUnpublished)")
    return {diff["path"]: diff["content"] for entry in entries for diff in entry["diffs"]}


@pytest.mark.browser
@pytest.mark.xdist_group("cms")
def test_a_new_activity_made_in_the_form_passes_check(browser, cms_url, example_copy, capsys):
    content = content_of(EXAMPLE_CONTENT)
    domain = next(iter(content.domains.values())).item
    area = next(iter(content.areas.values())).item
    neighbour = sorted(content.assets)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems, requests = [], []
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("request", lambda request: requests.append(request.url))
    tab.add_init_script(LISTEN)
    tab.add_init_script(existing_assets())
    try:
        tab.goto(cms_url + cms.ADMIN_URL)
        tab.get_by_role("button", name="Login").click()
        tab.goto(cms_url + cms.ADMIN_URL + "#/collections/asset/new")
        form = Form(tab)
        form.control("Name").fill("Upper Fold Quilting Circle")
        form.control("Summary").fill("A friendly group that makes quilts for the village hall.")
        tab.locator("[data-slate-editor]").first.click()
        tab.keyboard.type("Bring a project, or learn from scratch.")
        form.choose("Domains", domain.name)
        form.choose("Area", area.name)
        tab.get_by_role("button", name=re.compile("^Add session")).click()
        form.choose("Repeats", "weekly")
        form.choose("Days", "thursday")
        form.control("Starts").fill("14:00")
        form.control("Ends").fill("16:00")
        # Typed, then emptied: as if never touched, so no empty location is written.
        form.open_block("Location")
        form.control("Postcode").fill("HF1 2AB")
        form.control("Postcode").fill("")
        form.control("Free").click()
        form.control("Phone").fill("01632 960 555")
        form.open_block("Welcome")
        form.control("Buddy").click()
        form.choose("Connections", content.assets[neighbour].item.name)
        form.control("Last checked").fill("2026-11-20")
        tab.get_by_role("button", name="Save").first.click()
        tab.get_by_text("Entry saved").wait_for()
        saved = saved_files(tab)
        violations = tab.evaluate("window.__violations")
    finally:
        context.close()
    assert list(saved) == ["content/assets/upper-fold-quilting-circle.yml"]
    assert violations == [] and problems == []
    assert all(url.startswith(cms_url) for url in requests), [url for url in requests if not url.startswith(cms_url)]
    (example_copy / "assets" / "upper-fold-quilting-circle.yml").write_text(
        saved["content/assets/upper-fold-quilting-circle.yml"]
    )
    assert main(["check", "--content", str(example_copy), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    reported = json.loads(capsys.readouterr().out or "[]")
    assert [problem for problem in reported if "upper-fold-quilting-circle" in json.dumps(problem)] == []
    asset = content_of(example_copy).assets["upper-fold-quilting-circle"].item
    assert (asset.name, asset.domains, asset.area) == ("Upper Fold Quilting Circle", [domain.id], area.id)
    assert asset.description == "Bring a project, or learn from scratch."
    session = asset.schedule.sessions[0]
    assert (session.repeats, session.days, session.starts, session.ends) == ("weekly", ["thursday"], dt.time(14), dt.time(16))
    assert asset.cost.free and asset.contact.phone == "01632 960 555" and asset.welcome.buddy is True
    assert asset.location is None and asset.welcome.mental_health_aware is None
    assert asset.connections == [neighbour] and asset.last_checked == dt.date(2026, 11, 20)


@pytest.mark.browser
@pytest.mark.xdist_group("cms")
def test_a_news_post_made_in_the_form_passes_check(browser, cms_url, example_copy, capsys):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(cms_url + cms.ADMIN_URL)
        tab.get_by_role("button", name="Login").click()
        tab.goto(cms_url + cms.ADMIN_URL + "#/collections/news/new")
        form = Form(tab)
        form.control("Title").fill("Our spring open day")
        form.control("Date").fill("2026-11-20")
        form.control("Description").fill("Come and meet the team on Saturday.")
        tab.locator("[data-slate-editor]").first.click()
        tab.keyboard.type("Tea and cake in the hall.")
        tab.get_by_role("button", name="Save").first.click()
        tab.get_by_text("Entry saved").wait_for()
        saved = saved_files(tab)
    finally:
        context.close()
    path = "content/news/posts/our-spring-open-day.md"
    assert list(saved) == [path]
    (example_copy / path.removeprefix("content/")).write_text(saved[path])
    assert main(["check", "--content", str(example_copy), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    reported = json.loads(capsys.readouterr().out or "[]")
    assert [problem for problem in reported if "our-spring-open-day" in json.dumps(problem)] == []
    record = content_of(example_copy).news["our-spring-open-day"]
    assert (record.item.title, record.item.date) == ("Our spring open day", dt.date(2026, 11, 20))
    assert record.body.strip() == "Tea and cake in the hall."
