"""The engine's side of the GitHub workflows: actionlint notices a mistake, the
review script keeps one issue per stage, and a pull request's mistakes come
back as annotations on the right lines.

That a site's own workflows are sound is a site test
(signpost/sitetests/test_site_workflows.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from signpost.sitetests.test_site_workflows import actionlint
from tests.conftest import EXAMPLE_CONTENT, REPO, run_command

# A workflow with one mistake: "runs_on" for "runs-on".
BROKEN_WORKFLOW = """name: Broken
on: push
jobs:
  build:
    runs_on: ubuntu-latest
    steps:
      - run: echo hello
"""


def test_actionlint_does_notice_a_broken_workflow(tmp_path):
    # The site tests trust actionlint's silence (signpost/sitetests/test_site_workflows.py).
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW)
    result = actionlint(str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "runs_on" in result.stdout


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


def test_the_review_script_opens_updates_and_closes_issues(tmp_path):
    # On 1 April 2027, with the example's 12-month period, one activity is due and no stage is further on.
    # As in the workflow: the script runs build.py in a repository holding the (fixture) content.
    workspace = tmp_path / "workspace"
    shutil.copytree(EXAMPLE_CONTENT, workspace / "content")
    shutil.copy2(REPO / "build.py", workspace / "build.py")
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(FAKE_GH)
    fake.chmod(0o755)
    log = tmp_path / "gh.log"
    day = int(dt.datetime(2027, 4, 1, 12, tzinfo=dt.UTC).timestamp())
    path = os.pathsep.join([str(fake.parent), str(Path(sys.executable).parent), os.environ["PATH"]])
    env = {**os.environ, "PATH": path, "GH_LOG": str(log), "SOURCE_DATE_EPOCH": str(day)}
    result = subprocess.run(["bash", str(SCRIPT)], cwd=workspace, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    calls = log.read_text()
    assert "issue close 7 --comment" in calls  # very overdue: empty now, so its open issue closes
    assert "issue create --title Activities due a check (1) --label review: due --body-file" in calls
    assert "## Due a check (1)" in calls and "/directory/northgate-residents-association/" in calls
    assert "review: overdue --body-file" not in calls and "issue edit" not in calls


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
