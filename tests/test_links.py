"""Symbolic links in a content folder are refused, never followed.

A pull request can add a link where a file belongs. Followed, it would have
the build publish, or quote in an error message, any file of the machine
that builds the site. Here each kind of link points at a file outside the
content folder holding a secret, and the secret must appear nowhere: not
in the messages, not in the site.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from signpost.check.loader import load_content, media_files, reload_record
from signpost.core.kinds import KINDS
from signpost.load.links import first_link, links_in
from tests.conftest import TODAY, build, tree_digest

SECRET = "TOKEN-7f3a9c-never-publish"
# The name of a file beside the secret: listing a linked folder would show it.
SECRET_NAME = "id_rsa_never_listed"
MESSAGE = (
    "is a shortcut (a symbolic link) to another {what}, so it is not read or published"
    " — put the {what} itself here instead of a shortcut to it"
)


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    """A folder outside the content: a secret file, and a file whose very name must not be shown."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "key.txt").write_text(f"{SECRET}\n")
    (folder / SECRET_NAME).write_text(f"{SECRET}\n")
    return folder


def _activity_naming_the_secret(small_content: Path, folder: Path) -> Path:
    text = (small_content / "assets" / "rovers.yml").read_text()
    start = text.index("name:")
    end = text.index("\n", start)
    target = folder / "rovers-copy.yml"
    target.write_text(text[:start] + f"name: {SECRET}" + text[end:])
    return target


def _posts_naming_the_secret(small_content: Path, folder: Path) -> Path:
    posts = folder / "posts"
    posts.mkdir()
    (posts / "a-post.md").write_text(f"---\ntitle: {SECRET}\ndate: 2026-10-01\ndescription: A post.\n---\n\n{SECRET}\n")
    return posts


LINKS = {
    "a picture": lambda content, secrets: ("media/team.jpg", secrets / "key.txt", "file"),
    "the media folder": lambda content, secrets: ("media", secrets, "folder"),
    "an activity file": lambda content, secrets: ("assets/linked.yml", _activity_naming_the_secret(content, secrets), "file"),
    "the site settings": lambda content, secrets: ("site.yml", secrets / "key.txt", "file"),
    "the news page": lambda content, secrets: ("news/index.md", secrets / "key.txt", "file"),
    "a folder of stories": lambda content, secrets: ("case-studies", secrets, "folder"),
    "the news folder": lambda content, secrets: ("news", secrets, "folder"),
    "the folder of news posts": lambda content, secrets: ("news/posts", _posts_naming_the_secret(content, secrets), "folder"),
}


def _replace_with_link(link: Path, target: Path) -> None:
    if link.is_dir():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


@pytest.mark.parametrize("where", LINKS)
def test_a_link_is_one_plain_error_at_its_path_and_nothing_is_read_through_it(small_content, secrets, where):
    relative, target, what = LINKS[where](small_content, secrets)
    _activity_naming_the_secret(small_content, secrets)  # a secret inside the linked folder too
    link = small_content / relative
    _replace_with_link(link, target)

    content, problems = load_content(small_content, TODAY)
    linked = [problem for problem in problems if problem.source == link.as_posix()]
    assert [(problem.line, problem.explanation()) for problem in linked] == [(1, MESSAGE.format(what=what))]
    said = "\n".join(problem.as_text() + problem.detail for problem in problems)
    assert SECRET not in said and SECRET_NAME not in said
    if content is not None:
        loaded = [record for kind in KINDS.values() for record in getattr(content, kind.attribute).values()]
        assert SECRET not in repr([(record.item, record.body) for record in loaded])
        assert all(first_link(small_content, Path(record.source)) is None for record in loaded)
    assert all(first_link(small_content, path) is None for path in media_files(small_content))


def test_the_preview_reading_a_saved_file_again_names_the_linked_folder(small_content, secrets):
    content, _ = load_content(small_content, TODAY)
    _activity_naming_the_secret(small_content, secrets)
    _replace_with_link(small_content / "assets", secrets)
    record, problems = reload_record(content, KINDS["asset"], small_content / "assets" / "rovers-copy.yml")
    assert record is None
    assert [(problem.source, problem.explanation()) for problem in problems] == [
        ((small_content / "assets").as_posix(), MESSAGE.format(what="folder"))
    ]


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


def test_a_named_pipe_is_reported_not_read(small_content):
    # Reading a pipe waits for a writer that never comes: the check would hang.
    pipe = small_content / "assets" / "pipe.yml"
    os.mkfifo(pipe)
    threading.Thread(target=_end_any_reading_of, args=(pipe,), daemon=True).start()
    _, problems = load_content(small_content, TODAY)
    said = [problem.explanation() for problem in problems if problem.source.endswith("assets/pipe.yml")]
    assert said == ["is not an ordinary file, so it is not read — put a text file here"]


def _end_any_reading_of(pipe: Path) -> None:
    """If something opens ``pipe`` to read, end what it reads, so a broken loader fails this test rather than hangs it."""
    for _ in range(600):
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))  # succeeds only once a reader is waiting
            return
        except OSError:
            time.sleep(0.05)


def test_pictures_are_found_in_subfolders_but_never_hidden_ones(small_content):
    media = small_content / "media"
    for name in ("team.jpg", "walks/moor.png", ".draft.jpg", ".thumbs/team.jpg", "notes.txt"):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(b"x")
    assert media_files(small_content) == [media / "team.jpg", media / "walks" / "moor.png"]
