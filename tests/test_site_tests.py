"""``signpost test-site``: the packaged site tests run on any site's folder, with pytest's exit code.

A new site holds only drafts, so the site tests must pass on a site with no
published activity, event, story or newsletter: the fixture
tests/fixtures/no-activities/ is such a site's content (site.yml, the ten
domains, one area and a news page).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from signpost.sitetests.htmlcheck import find_vnu
from tests.conftest import FIXTURES, REPO

NO_ACTIVITIES = FIXTURES / "no-activities"
SITE_TESTS = REPO / "signpost" / "sitetests"


def new_site(folder: Path, content: Path) -> Path:
    """A site's folder as a team keeps it: ``content``, the theme settings and templates, the workflows."""
    folder.mkdir()
    shutil.copytree(content, folder / "content")
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "templates").symlink_to(REPO / "templates")  # read, never written
    shutil.copytree(REPO / ".github", folder / ".github")
    return folder


def test_site(site: Path, *pytest_options: str) -> subprocess.CompletedProcess:
    """``signpost test-site --site SITE`` run from inside the site's folder, as its workflow runs it."""
    env = {**os.environ, "SIGNPOST_VNU": str(find_vnu(REPO) or "")}
    # Its temporary files beside the site's folder: pytest tidies its own
    # numbered folders away, and must not tidy those of the run that started it.
    alone = ["-p", "no:xdist", f"--basetemp={site.parent / 'site-tests-tmp'}"]
    command = [sys.executable, "-m", "signpost", "test-site", "--site", str(site), "--", *alone, *pytest_options]
    return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, check=False)


test_site.__test__ = False  # a helper, not a test


def outcomes(report: Path) -> dict[str, str]:
    """Each test's name (without its parameters) and outcome, from pytest's JUnit XML report."""
    found = {}
    for case in ElementTree.parse(report).iter("testcase"):
        outcome = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        found[case.get("name").split("[")[0]] = outcome
    return found


def packaged_tests() -> set[str]:
    """The name of every test function in signpost/sitetests/, read from the files."""
    return {
        node.name
        for path in SITE_TESTS.glob("test_*.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


@pytest.mark.browser
def test_every_site_test_passes_on_a_site_with_no_published_activity(tmp_path):
    site = new_site(tmp_path / "new-site", NO_ACTIVITIES)
    assert not list((site / "content").glob("assets/*")), "the fixture must hold no activity"
    report = tmp_path / "report.xml"
    result = test_site(site, f"--junitxml={report}")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    ran = outcomes(report)
    assert set(ran) == packaged_tests(), "every site test runs"
    assert set(ran.values()) == {"passed"}, ran
    assert not (site / ".pytest_cache").exists(), "nothing is written into the site's folder"


def test_a_site_whose_content_fails_check_fails_with_pytests_exit_code(tmp_path):
    site = new_site(tmp_path / "site", NO_ACTIVITIES)
    areas = site / "content" / "areas.yml"
    areas.write_text(areas.read_text().replace("- id: town-centre", "- id: Town Centre!", 1))
    report = tmp_path / "report.xml"
    result = test_site(site, "-k", "test_the_content_passes_check", f"--junitxml={report}")
    assert result.returncode == 1, result.stdout[-4000:]
    assert outcomes(report) == {"test_the_content_passes_check": "failure"}
    assert "areas.yml:" in result.stdout


def test_a_folder_that_is_not_a_site_is_refused_plainly(tmp_path):
    result = test_site(tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path} is not a site's folder: it needs content/ and mkdocs.yml" in result.stdout + result.stderr


@pytest.mark.browser
def test_every_site_test_passes_on_a_site_made_by_init(tmp_path):
    site = tmp_path / "made-by-init"
    made = subprocess.run(
        [sys.executable, "-m", "signpost", "init", str(site), "--name", "Dales Connect", "--place", "Upper Dales"]
        + ["--email", "connect@example.org", "--site-url", "https://example.org/dales/"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    report = tmp_path / "report.xml"
    result = test_site(site, f"--junitxml={report}")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    ran = outcomes(report)
    assert set(ran) == packaged_tests(), "every site test runs"
    assert set(ran.values()) == {"passed"}, ran
