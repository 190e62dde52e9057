"""Whatever a file holds, loading it ends in a valid model or our own error with
its file and line: never a crash. Valid content also renders without a crash:
every page's body and every file's bytes are made, as a build makes them, and a
published record has its page."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signpost.build.outputs import render_site
from signpost.check.loader import load_content
from signpost.core.content import Content
from signpost.core.kinds import KINDS as REGISTRY
from signpost.core.outputs import FileOutput, Page, page_urls
from signpost.core.theme import PAGE_TEMPLATES
from signpost.models import Asset
from tests.conftest import SMALL_CONTENT, TODAY

TEMPLATES = PAGE_TEMPLATES
# SIGNPOST_FUZZ_EXAMPLES=5000 runs a longer campaign than CI's.
FUZZ = settings(
    max_examples=int(os.environ.get("SIGNPOST_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
KINDS = {kind.attribute: (kind.folder, kind.suffix) for kind in REGISTRY.values()}
FUZZ_URLS = {kind.attribute: kind.url("fuzz") for kind in REGISTRY.values()}

FIELD_NAMES = sorted(
    {
        "name",
        "summary",
        "description",
        "domains",
        "area",
        "schedule",
        "sessions",
        "repeats",
        "days",
        "weeks",
        "dates",
        "starts",
        "ends",
        "cost",
        "free",
        "amount",
        "per",
        "contact",
        "phone",
        "email",
        "website",
        "last_checked",
        "location",
        "venue",
        "address",
        "postcode",
        "latitude",
        "longitude",
        "title",
        "start",
        "end",
        "timezone",
        "items",
        "news",
        "event",
        "case_study",
        "consent",
        "given",
        "date",
        "recorded_by",
        "draft",
        "staff_notes",
        "status",
        "number",
        "categories",
        "audience",
    }
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=40)
    | st.dates()
    | st.datetimes()
    | st.sampled_from(["19:30", "2027-02-30", "monday", "sport", "£3", "yes"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=20,
)
YAMLISH = st.lists(
    st.sampled_from(
        list(":- \n\t[]{}&*!|>'\"#%@`,?abcnm019_.")
        + ["name: ", "\n  - ", "!!python/object:os.system", "&a [*a]", "---\n", "2027-02-30"]
    ),
    max_size=60,
).map("".join)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(SMALL_CONTENT, target)
    return target


def write(content: Path, kind: str, data: bytes) -> Path:
    folder, suffix = KINDS[kind]
    for old in content.glob("**/fuzz*"):
        old.unlink()
    path = content / folder / f"fuzz{suffix}"
    path.write_bytes(data)
    return path


def check(content: Path, kind: str, path: Path) -> bool:
    """The file loaded as a model, or an error names it with a line; True when the site was rendered with it."""
    loaded, problems = load_content(content, TODAY)
    assert loaded is not None
    ours = [problem for problem in problems if problem.source == path.as_posix()]
    assert all(problem.line >= 1 and problem.message for problem in problems)
    if "fuzz" in getattr(loaded, kind):
        if not [problem for problem in problems if problem.severity == "error"]:
            published = rendered(loaded)
            assert not loaded.is_published(kind, "fuzz") or FUZZ_URLS[kind] in published
            return True
    else:
        assert [problem for problem in ours if problem.severity == "error"], "an unreadable file must be reported"
    return False


def rendered(content: Content) -> list[str]:
    """Every output made whole (each page's body, each file's bytes), as a build writes them; the page addresses."""
    outputs = list(render_site(content, TEMPLATES))
    for output in outputs:
        if isinstance(output, Page):
            assert output.body.strip(), f"{output.url} has an empty body"
        elif isinstance(output, FileOutput):
            output.content()
    return page_urls(outputs)


@FUZZ
@given(kind=st.sampled_from(sorted(KINDS)), text=st.text(max_size=300))
def test_any_text(content, kind, text):
    path = write(content, kind, text.encode("utf-8", "replace"))
    check(content, kind, path)


@FUZZ
@given(kind=st.sampled_from(sorted(KINDS)), data=st.binary(max_size=200))
def test_any_bytes(content, kind, data):
    check(content, kind, write(content, kind, data))


@FUZZ
@given(kind=st.sampled_from(sorted(KINDS)), text=YAMLISH)
def test_yaml_like_text(content, kind, text):
    body = text if kind == "assets" else f"---\n{text}\n---\nBody\n"
    check(content, kind, write(content, kind, body.encode()))


def _base_asset() -> dict:
    return yaml.safe_load((SMALL_CONTENT / "assets" / "rovers.yml").read_text())


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(sorted(Asset.model_fields)) | st.sampled_from(FIELD_NAMES), VALUES, max_size=4))
def test_assets_with_odd_values(content, changes):
    data = {**_base_asset(), **changes}
    check(content, "assets", write(content, "assets", yaml.safe_dump(data, allow_unicode=True).encode()))


@FUZZ
@given(kind=st.sampled_from(["events", "case_studies", "newsletters", "news"]), front=VALUES, body=st.text(max_size=200))
def test_markdown_with_any_front_matter(content, kind, front, body):
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    check(content, kind, write(content, kind, text.encode()))


# A valid record of each kind (a fixture file) with any words as its title and
# summary and any text as its body or description: these reach the renderer, so
# a template or an output that breaks on odd text fails here.
FIXTURE_FILES = {
    "assets": "assets/rovers.yml",
    "case_studies": "case-studies/sam-and-ali.md",
    "events": "events/mapping-workshop.md",
    "newsletters": "newsletters/issue-1.md",
    "news": "news/posts/first-post.md",
}
WORDS = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=60).filter(str.strip)
# Nearly every example renders the whole site (about 0.4 s each, most of it
# compiling the templates afresh), so this one runs a fifth as many.
RENDERING = settings(FUZZ, max_examples=max(FUZZ.max_examples // 5, 10))


@RENDERING
@given(kind=st.sampled_from(sorted(FIXTURE_FILES)), title=WORDS, summary=WORDS, body=st.text(max_size=300))
def test_valid_records_with_any_words(content, kind, title, summary, body):
    registered = next(entry for entry in REGISTRY.values() if entry.attribute == kind)
    text = (SMALL_CONTENT / FIXTURE_FILES[kind]).read_text()
    words = {registered.summary_field: summary, registered.title_field: title}
    if registered.has_body:
        _, front, _ = text.split("---\n", 2)
        text = "---\n" + yaml.safe_dump({**yaml.safe_load(front), **words}, allow_unicode=True) + "---\n" + body
    else:
        description = {"description": body} if body.strip() else {}  # an asset needs one
        text = yaml.safe_dump({**yaml.safe_load(text), **words, **description}, allow_unicode=True)
    path = write(content, kind, text.encode())
    assert check(content, kind, path), load_content(content, TODAY)[1]


def test_a_known_nasty_case_is_reported_not_crashed(content):
    path = write(content, "assets", b"name: &a [*a]\nlast_checked: 2026-02-30\nwhen: !!python/object:os.system x\n")
    loaded, problems = load_content(content, TODAY)
    assert loaded is not None
    assert [problem.message for problem in problems if problem.source == path.as_posix()] == [
        '"&a" is read as a YAML shortcut that marks values to copy elsewhere, which Signpost does not accept',
    ]
