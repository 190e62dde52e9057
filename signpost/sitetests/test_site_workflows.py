"""The site's GitHub workflows: they lint clean, every action is pinned, and they
check, build, publish and test the site as a pull request and each day need."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from signpost.render import suggest

# A signpost command as a workflow runs it: through build.py, python -m signpost, or the signpost command.
SIGNPOST = r"(?:build\.py|-m signpost|\bsignpost)"


def actionlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run actionlint (installed with the test tools) in ``cwd``."""
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert binary, "actionlint is missing: install the test tools (requirements/test.txt)"
    return subprocess.run([binary, "-no-color", *args], cwd=cwd, capture_output=True, text=True, check=False)


def workflow(site, name: str) -> dict:
    """One workflow file, with its ``on:`` key read as the word it is."""
    data = yaml.safe_load((site.workflows / name).read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key "on" as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def commands(data: dict) -> str:
    """Every command a workflow runs, one after another."""
    return "\n".join(step.get("run", "") for step in steps(data))


def test_actionlint_finds_nothing_in_the_workflows(site):
    files = sorted(site.workflows.glob("*.yml"))
    assert [path.name for path in files] == ["checks.yml", "publish.yml", "review.yml"]
    # Named one by one: actionlint finds them alone only inside a git repository.
    result = actionlint(*map(str, files), cwd=site.folder)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_version(site):
    uses = [step["uses"] for path in site.workflows.glob("*.yml") for step in steps(workflow(site, path.name)) if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+(\.\d+)*", action) for action in uses), uses


def test_pull_requests_are_checked_built_and_run_the_site_tests(site):
    checks = workflow(site, "checks.yml")
    assert "pull_request" in checks["on"]
    run = commands(checks)
    for command in ("check --format github", "review --format github", "build", "test-site"):
        assert re.search(rf"{SIGNPOST} {command}", run), f"the pull-request workflow never runs '{command}'"
    # The engine's own tests belong to the engine's repository, not to a site's pull requests.
    assert "pytest" not in run, "the pull-request workflow runs tests other than the site tests"


def test_main_is_published_on_pages_and_rebuilt_every_day(site):
    publish = workflow(site, "publish.yml")
    assert publish["on"]["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", publish["on"]["schedule"][0]["cron"])  # once a day
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    used = [step.get("uses", "").split("@")[0] for step in steps(publish)]
    assert "actions/upload-pages-artifact" in used and "actions/deploy-pages" in used


def test_the_daily_review_may_write_issues(site):
    review = workflow(site, "review.yml")
    assert "schedule" in review["on"] and review["permissions"]["issues"] == "write"
    assert re.search(rf"{SIGNPOST} review", commands(review))


def test_the_workflow_scripts_are_sound_shell(site):
    for path in sorted((site.folder / ".github" / "scripts").glob("*.sh")):
        assert subprocess.run(["bash", "-n", str(path)], check=False).returncode == 0, path.name
        if shutil.which("shellcheck"):
            checked = subprocess.run(["shellcheck", str(path)], capture_output=True, text=True, check=False)
            assert checked.returncode == 0, checked.stdout


def test_the_issue_form_has_the_fields_the_page_links_fill_in(site):
    form = yaml.safe_load((site.folder / ".github" / "ISSUE_TEMPLATE" / suggest.ISSUE_FORM).read_text())
    ids = {field.get("id") for field in form["body"]}
    assert {suggest.PAGE_FIELD, suggest.SOURCE_FIELD} <= ids
