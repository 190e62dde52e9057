"""The generators: each kind of output registers itself, says what it makes, and a new one needs one module.

A generator added from here (a test's own module, as a team's would be)
appears in a full build and in the live preview's quick page, with no other
file changed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

import signpost.generators
from signpost.build.outputs import render_site
from signpost.build.pipeline import BuildOptions, build_site
from signpost.check.loader import load_content
from signpost.core.kinds import KINDS
from signpost.core.outputs import FileOutput
from signpost.engines.mkdocs.engine import MkDocsEngine
from signpost.preview.builds import LiveBuilds
from signpost.render.registry import generator, record_generator, record_generators, site_generators, unregister
from tests.conftest import REPO, TODAY

GENERATORS = Path(signpost.generators.__file__).parent
OPTIONS = BuildOptions(TODAY, REPO / "templates" / "signpost")


def every_generator():
    return [*site_generators(), *record_generators()]


def test_each_module_in_generators_registers_what_it_makes_and_says_so():
    modules = {path.stem for path in GENERATORS.glob("*.py") if path.stem != "__init__"}
    assert {entry.name.split(".")[0] for entry in every_generator()} == modules
    for entry in every_generator():
        assert entry.makes.strip(), f"{entry.name} does not say what it makes"
        assert (entry.outputs.__doc__ or "").strip(), f"{entry.name} has no docstring"


def test_site_generators_have_one_place_each_and_the_sitemap_comes_last():
    entries = site_generators()
    orders = [entry.order for entry in entries]
    assert len(set(orders)) == len(orders), "two generators share a place in the order"
    assert entries[0].name == "home.home_page"
    assert entries[-1].name == "sitemap.sitemap_and_robots"


def test_every_record_kind_with_a_page_starts_with_its_page():
    for name in ("asset", "event", "case_study", "newsletter"):
        first = record_generators(name)[0]
        assert first.order == 0 and first.name == f"records.{name}_page"


def test_architecture_lists_every_generator_with_its_order_and_what_it_makes():
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for entry in site_generators():
        assert f"| {entry.order} | `{entry.name}` | {entry.makes} |" in text, f"{entry.name} is not in ARCHITECTURE.md"
    for entry in record_generators():
        assert f"| {entry.kind} {entry.order} | `{entry.name}` | {entry.makes} |" in text, (
            f"{entry.name} is not in ARCHITECTURE.md"
        )


def test_generators_never_import_each_other_or_the_run_loop():
    for path in GENERATORS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and path.stem != "__init__":
                assert not node.module.startswith(("signpost.generators", "signpost.build")), f"{path.name} imports {node.module}"


@pytest.fixture
def greetings():
    """Two generators of this test's own: one file for the site, one beside each activity's page."""

    @generator(order=500, makes="hello.txt: a greeting")
    def hello(renderer):
        """A greeting naming the site."""
        yield FileOutput("hello.txt", f"Hello from {renderer.site.name}".encode())

    @record_generator(kind="asset", order=50, makes="directory/<stem>/hello.txt: the activity's name")
    def hello_activity(renderer, record):
        """The activity's name, beside its page."""
        yield FileOutput(KINDS["asset"].url(record.stem) + "hello.txt", record.item.name.encode())

    yield
    unregister("test_generators.hello")
    unregister("test_generators.hello_activity")


def test_a_generator_added_in_one_module_is_in_the_build(greetings, small_content, tmp_path):
    build_site(small_content, tmp_path / "site", MkDocsEngine(REPO / "mkdocs.yml"), OPTIONS)
    site_name = yaml.safe_load((small_content / "site.yml").read_text())["name"]
    assert (tmp_path / "site" / "hello.txt").read_text() == f"Hello from {site_name}"
    for asset in (small_content / "assets").glob("*.yml"):
        item = yaml.safe_load(asset.read_text())
        if not item.get("draft"):
            assert (tmp_path / "site" / "directory" / asset.stem / "hello.txt").read_text() == item["name"]


def test_a_record_generator_added_in_one_module_is_in_the_previews_quick_page(greetings, small_content, tmp_path):
    reported = []
    builds = LiveBuilds(small_content, MkDocsEngine(REPO / "mkdocs.yml"), OPTIONS, tmp_path / "site", reported.append)
    builds.build_now()
    rovers = small_content / "assets" / "rovers.yml"
    rovers.write_text(
        rovers.read_text().replace(f"name: {yaml.safe_load(rovers.read_text())['name']}", "name: Rovers Renamed", 1)
    )
    builds.saved({rovers}, only_modified=True)
    assert (tmp_path / "site" / "directory" / "rovers" / "hello.txt").read_text() == "Rovers Renamed"
    assert builds.stale_since is None  # written as a quick page: no full build has run since


def test_the_run_loop_gives_each_output_once(small_content):
    content, _ = load_content(small_content, TODAY)
    paths = [output.path for output in render_site(content, OPTIONS.templates_dir)]
    assert len(paths) == len(set(paths))
