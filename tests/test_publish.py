"""Builds are atomic (a failed or killed build leaves the old site) and reproducible."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import CONFIG, REPO, TODAY, build, run_command, tree_digest


def test_invalid_content_leaves_the_old_site_byte_for_byte(small_content, tmp_path):
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    before = tree_digest(output)
    rovers = small_content / "assets" / "rovers.yml"
    rovers.write_text(rovers.read_text().replace("name:", "nmae:"))
    assert build(small_content, output) == 1
    assert tree_digest(output) == before


def test_a_build_failing_inside_the_engine_leaves_the_old_site(small_content, tmp_path):
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    before = tree_digest(output)
    post = small_content / "news" / "posts" / "first-post.md"
    post.write_text(post.read_text() + "\nSee [the old page](missing-page.md).\n")
    result = run_command("build", "--content", str(small_content), "--output", str(output), "--today", TODAY.isoformat())
    assert result.returncode == 1
    line = len(post.read_text().splitlines())
    assert result.stderr.splitlines()[0] == (
        f"{post.as_posix()}:{line}: links to 'missing-page.md', which is not a page on this site — "
        "check the file name, or use a full web address starting with https://"
    )
    assert "Traceback" not in result.stderr
    assert tree_digest(output) == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".site.")] == []


def test_a_build_killed_part_way_leaves_the_old_site(small_content, tmp_path):
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    before = tree_digest(output)
    original = (small_content / "assets" / "rovers.yml").read_text()
    for number in range(400):  # enough pages that the build is still running when killed
        (small_content / "assets" / f"copy-{number:04d}.yml").write_text(original)
    process = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build.py"),
            "build",
            "--content",
            str(small_content),
            "--output",
            str(output),
            "--config",
            str(CONFIG),
            "--today",
            TODAY.isoformat(),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob(".site.staging-*/directory")) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert any(tmp_path.glob(".site.staging-*")), "the build should have been killed while writing"
    assert tree_digest(output) == before
    assert build(small_content, output) == 0  # the next build clears what the killed one left
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".site.")] == []
    assert (output / "directory" / "copy-0399" / "index.html").is_file()


def test_the_same_content_gives_byte_identical_sites(small_content, tmp_path):
    first, second = tmp_path / "first", tmp_path / "elsewhere" / "second"
    assert build(small_content, first) == 0
    copy = tmp_path / "copy"
    shutil.copytree(small_content, copy)
    assert build(copy, second) == 0
    assert tree_digest(first) == tree_digest(second)


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("content", "it would replace the content folder"),
        ("content/site", "it is inside the content folder"),
        (".", "it would replace the content folder"),
        ("..", "it would replace the content folder"),
    ],
)
def test_a_build_refuses_to_replace_what_it_must_keep(small_content, monkeypatch, output, reason):
    project = small_content.parent
    monkeypatch.chdir(project)
    before = tree_digest(small_content)
    result = run_command("build", "--content", "content", "--output", output, "--config", str(CONFIG), cwd=project)
    assert result.returncode == 1
    assert f"cannot build the site here: {reason}" in result.stderr
    assert tree_digest(small_content) == before


def test_a_build_replaces_only_a_folder_it_built(small_content, tmp_path):
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.txt").write_text("keep me")
    assert build(small_content, other) == 1
    assert (other / "letter.txt").read_text() == "keep me"
    output = tmp_path / "site"
    assert build(small_content, output) == 0 and build(small_content, output) == 0
