"""Symbolic links in a content folder are refused, never followed.

A pull request can add a link where a file belongs. Followed, it would have
the build publish, or quote in an error message, any file of the machine
that builds the site. Here each kind of link points at a file outside the
content folder holding a secret, and the secret must appear nowhere: not
in the messages, not in the site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from signpost.links import links_in
from signpost.loader import load_content
from tests.conftest import TODAY, build, tree_digest

SECRET = "TOKEN-7f3a9c-never-publish"
MESSAGE = "is a link to another {what}, so it is not read or published — put the {what} itself here instead of a link to it"


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    """A folder outside the content: a secret file, and an activity file that names the secret."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "key.txt").write_text(f"{SECRET}\n")
    return folder


def _activity_naming_the_secret(small_content: Path, folder: Path) -> Path:
    text = (small_content / "assets" / "rovers.yml").read_text()
    start = text.index("name:")
    end = text.index("\n", start)
    target = folder / "rovers-copy.yml"
    target.write_text(text[:start] + f"name: {SECRET}" + text[end:])
    return target


LINKS = {
    "a picture": lambda content, secrets: ("media/team.jpg", secrets / "key.txt", "file"),
    "an activity file": lambda content, secrets: (
        "assets/linked.yml",
        _activity_naming_the_secret(content, secrets),
        "file",
    ),
    "the site settings": lambda content, secrets: ("site.yml", secrets / "key.txt", "file"),
    "a folder of activities": lambda content, secrets: ("case-studies", secrets, "folder"),
}


@pytest.mark.parametrize("where", LINKS)
def test_a_link_is_one_plain_error_at_its_path_and_nothing_is_read_through_it(small_content, secrets, where, capsys):
    relative, target, what = LINKS[where](small_content, secrets)
    _activity_naming_the_secret(small_content, secrets)  # a secret inside the linked folder too
    link = small_content / relative
    if link.is_dir():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)

    content, problems = load_content(small_content, TODAY)
    linked = [problem for problem in problems if problem.source == link.as_posix()]
    assert [(problem.line, problem.explanation()) for problem in linked] == [(1, MESSAGE.format(what=what))]
    assert all(SECRET not in problem.as_text() + problem.detail for problem in problems)
    if content is not None:
        assert SECRET not in repr(
            [record.item for kind in ("assets", "case_studies") for record in getattr(content, kind).values()]
        )


def test_the_build_refuses_a_linked_picture_and_the_old_site_stays(small_content, secrets, tmp_path, capsys):
    site = tmp_path / "site"
    assert build(small_content, site) == 0
    before = tree_digest(site)
    (small_content / "media").mkdir(exist_ok=True)
    (small_content / "media" / "team.jpg").symlink_to(secrets / "key.txt")
    capsys.readouterr()
    assert build(small_content, site) == 1
    said = capsys.readouterr()
    assert f"media/team.jpg:1: {MESSAGE.format(what='file')}" in said.err
    assert SECRET not in said.out + said.err
    assert tree_digest(site) == before
    assert not any(SECRET.encode() in path.read_bytes() for path in site.rglob("*") if path.is_file())


def test_links_are_found_anywhere_without_following_them(tmp_path):
    root = tmp_path / "content"
    (root / "media" / "deep").mkdir(parents=True)
    (root / "media" / "deep" / "a.jpg").symlink_to(tmp_path)
    (root / "loop").symlink_to(root)  # followed, this would never end
    (root / ".hidden").symlink_to(tmp_path)  # hidden entries are never read, so not reported
    assert links_in(root) == [root / "loop", root / "media" / "deep" / "a.jpg"]
