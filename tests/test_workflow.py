"""The GitHub workflows: they lint clean, they do what the README says, and a
pull request's mistakes come back as annotations on the right lines."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from signpost.render import suggest
from tests.conftest import REPO, run_command

WORKFLOWS = REPO / ".github" / "workflows"
ISSUE_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / suggest.ISSUE_FORM


def actionlint(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert binary, "actionlint is missing: install the test extras (pip install -e '.[test]')"
    return subprocess.run([binary, "-no-color", *args], cwd=cwd, capture_output=True, text=True, check=False)


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key "on" as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_finds_nothing_in_the_workflows():
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in WORKFLOWS.glob("*.yml")) == ["checks.yml", "publish.yml", "review.yml"]


def test_actionlint_does_notice_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "publish.yml").read_text().replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1))
    result = actionlint(str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "runs_on" in result.stdout


def test_every_action_is_pinned_to_a_version():
    uses = [
        step["uses"] for name in ("checks.yml", "publish.yml", "review.yml") for step in steps(workflow(name)) if "uses" in step
    ]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+(\.\d+)*", action) for action in uses), uses


def test_pull_requests_are_checked_built_and_tested():
    checks = workflow("checks.yml")
    assert "pull_request" in checks["on"]
    commands = " ".join(step.get("run", "") for step in steps(checks))
    for command in ("build.py check --format github", "build.py review --format github", "build.py build"):
        assert command in commands
    for tests in ("tests/test_html.py", "tests/test_accessibility.py"):
        assert tests in commands and (REPO / tests).is_file()


def test_main_is_published_on_pages_and_rebuilt_every_day():
    publish = workflow("publish.yml")
    assert publish["on"]["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", publish["on"]["schedule"][0]["cron"])  # once a day
    assert publish["concurrency"]["group"] == "pages"
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    used = [step.get("uses", "").split("@")[0] for step in steps(publish)]
    assert "actions/upload-pages-artifact" in used and "actions/deploy-pages" in used


SCRIPT = REPO / ".github" / "scripts" / "review-issues.sh"
# A stand-in for the gh command: it notes each call, and says issue 7 is the
# open one for "very overdue" (a stage that is empty on the day below).
FAKE_GH = """#!/usr/bin/env bash
printf '%s\\n' "$*" >>"$GH_LOG"
case "$*" in
  "issue list --label review: very-overdue"*) echo 7 ;;
  "issue create"*) cat "${@: -1}" >>"$GH_LOG" ;;
esac
"""


def test_the_daily_review_keeps_an_issue_per_stage():
    review = workflow("review.yml")
    assert "schedule" in review["on"] and review["permissions"]["issues"] == "write"
    assert subprocess.run(["bash", "-n", str(SCRIPT)], check=False).returncode == 0
    if shutil.which("shellcheck"):
        checked = subprocess.run(["shellcheck", str(SCRIPT)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout


def test_the_review_script_opens_updates_and_closes_issues(tmp_path):
    # On 1 April 2027, with the example's 12-month period, one activity is due and no stage is further on.
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(FAKE_GH)
    fake.chmod(0o755)
    log = tmp_path / "gh.log"
    day = int(dt.datetime(2027, 4, 1, 12, tzinfo=dt.UTC).timestamp())
    path = os.pathsep.join([str(fake.parent), str(Path(sys.executable).parent), os.environ["PATH"]])
    env = {**os.environ, "PATH": path, "GH_LOG": str(log), "SOURCE_DATE_EPOCH": str(day)}
    result = subprocess.run(["bash", str(SCRIPT)], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    calls = log.read_text()
    assert "issue close 7 --comment" in calls  # very overdue: empty now, so its open issue closes
    assert "issue create --title Activities due a check (1) --label review: due --body-file" in calls
    assert "## Due a check (1)" in calls and "/directory/northgate-residents-association/" in calls
    assert "review: overdue --body-file" not in calls and "issue edit" not in calls


def test_the_issue_form_has_the_fields_the_page_links_fill_in():
    form = yaml.safe_load(ISSUE_FORM.read_text())
    ids = {field.get("id") for field in form["body"]}
    assert {suggest.PAGE_FIELD, suggest.SOURCE_FIELD} <= ids


def line_of(path: Path, text: str) -> int:
    """The line (from 1) on which ``text`` first appears in ``path``."""
    lines = path.read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize("content_arg", ["relative", "absolute"])
def test_a_pull_requests_mistakes_are_annotated_on_their_lines(small_content, content_arg):
    # As in a workflow: the repository is the workspace, the content folder is in it.
    # The pull request misspells a key in one file and adds another with an unknown domain.
    workspace = small_content.parent
    rovers = small_content / "assets" / "rovers.yml"
    juniors = small_content / "assets" / "rovers-juniors.yml"
    text = rovers.read_text()
    juniors.write_text(
        text.replace("name: Hollinsford Rovers", "name: Hollinsford Rovers Juniors", 1).replace("[sport]", "[sport, sprot]", 1)
    )
    rovers.write_text(text.replace("summary:", "sumary:", 1))
    folder = "content" if content_arg == "relative" else str(small_content)
    result = run_command(
        "check", "--content", folder, "--format", "github", cwd=workspace, env={"GITHUB_WORKSPACE": str(workspace)}
    )
    assert result.returncode == 1
    annotations = result.stdout.strip().splitlines()
    assert all(re.match(r"::error file=content/assets/rovers(-juniors)?\.yml,line=\d+::", line) for line in annotations), (
        annotations
    )
    assert f"::error file=content/assets/rovers.yml,line={line_of(rovers, 'sumary:')}::sumary: " in result.stdout
    assert f"::error file=content/assets/rovers-juniors.yml,line={line_of(juniors, 'sprot')}::domains" in result.stdout
    assert "'sprot'" in result.stdout


def test_an_annotation_escapes_what_github_would_misread(small_content):
    rovers = small_content / "assets" / "rovers.yml"
    rovers.write_text(rovers.read_text().replace("area: northgate", "area: north%gate", 1))
    result = run_command("check", "--content", "content", "--format", "github", cwd=small_content.parent)
    assert "north%25gate" in result.stdout and "north%gate" not in result.stdout
