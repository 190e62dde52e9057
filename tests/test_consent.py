"""Consent and drafts win over references: a withdrawn item leaves every output at the next build.

A reference to something that is not published (a story whose consent was
withdrawn, a news post or event taken back to draft, a draft or closed
activity) is a warning, and the item is left out of the referring page, the
newsletter's emails, feeds, search, calendars, the sitemap and every export.
A reference to a file that does not exist is still an error.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from signpost.check.loader import load_content
from signpost.collect.newsletter import NO_ENTRIES
from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS
from tests.conftest import TODAY, build, readable_bytes
from tests.test_errors import line_of, problems_in, replace_in
from tests.test_privacy import _append_field


def plain(data: bytes) -> str:
    """A file's text as a reader would see it, whatever the format.

    Entities are decoded (HTML, XML feeds), JSON's escaped line breaks and
    quotes undone, and runs of white space made one space, so a phrase is
    found however the file wraps it (the text email wraps at 72 columns). A
    second copy with iCalendar's folded lines joined follows the first.
    """
    text = data.decode("utf-8", "replace")

    def tidy(value: str) -> str:
        value = html.unescape(value).replace("\\n", " ").replace('\\"', '"').replace("\\/", "/")
        return " ".join(value.split())

    return tidy(text) + "\n" + tidy(re.sub(r"\r?\n[ \t]", "", text))


def site_texts(output: Path) -> dict[str, str]:
    """Every file under ``output`` (gzip and Pagefind fragments opened), as plain text, by its path."""
    return {
        path.relative_to(output).as_posix(): plain(readable_bytes(path)) for path in sorted(output.rglob("*")) if path.is_file()
    }


def found_in(texts: dict[str, str], phrase: str) -> list[str]:
    """The files whose text holds ``phrase``, however it was wrapped."""
    needle = " ".join(phrase.split())
    return [name for name, text in texts.items() if needle in text]


def stem_found_in(texts: dict[str, str], stem: str) -> list[str]:
    """The files naming ``stem`` as a whole word: its address, relative links to it, ids."""
    word = re.compile(rf"(?<![\w-]){re.escape(stem)}(?![\w-])")
    return [name for name, text in texts.items() if word.search(text)]


def first_sentence(text: str) -> str:
    return " ".join(text.split()).split(". ")[0]


@dataclass(frozen=True)
class Listed:
    """One item a published newsletter issue lists, and what would give it away."""

    issue: Record
    key: str
    stem: str
    record: Record
    comment: str | None

    def phrases(self) -> list[str]:
        """The item's title, summary, a sentence of its own text and the issue's comment on it."""
        item = self.record.item
        kind = KINDS[self.key]
        own = item.worker_perspective if self.key == "case_study" else self.record.body.replace("<!-- more -->", "")
        phrases = [kind.title(item), kind.summary(item), first_sentence(own)]
        return phrases + ([self.comment] if self.comment else [])


def listed_items(content: Content, key: str) -> list[Listed]:
    """The published items of kind ``key`` that published issues list, in the issues' order."""
    records = getattr(content, KINDS[key].attribute)
    found = []
    for issue in content.newsletters.values():
        for item in issue.item.items:
            if not issue.item.draft and item.kind == key and content.is_published(KINDS[key].attribute, item.stem):
                found.append(Listed(issue, key, item.stem, records[item.stem], item.comment))
    return found


def distinctive(content_dir: Path, listed: Listed) -> bool:
    """True when nothing else in the content says the item's phrases or names its file.

    Only then does finding them in the built site mean the item leaked.
    """
    own = Path(listed.record.source).resolve()
    word = re.compile(rf"(?<![\w-]){re.escape(listed.stem)}(?![\w-])")
    for path in content_dir.rglob("*"):
        if not path.is_file() or path.resolve() == own:
            continue
        text = path.read_text(errors="replace")
        if path.parent.name == "newsletters":
            # The issue names the item and comments on it: those lines go with it.
            text = "\n".join(line for line in text.splitlines() if listed.stem not in line)
            text = text.replace(listed.comment or "\0", "")
        if word.search(text) or any(" ".join(phrase.split()) in plain(text.encode()) for phrase in listed.phrases()):
            return False
    return True


def choose(content_dir: Path, key: str) -> tuple[Listed, Listed]:
    """An item of kind ``key`` a published issue lists, and another one of the same kind to compare with."""
    content, _ = load_content(content_dir, TODAY)
    candidates = listed_items(content, key)
    withdrawn = next(listed for listed in candidates if distinctive(content_dir, listed))
    control = next(listed for listed in candidates if listed.stem != withdrawn.stem)
    return withdrawn, control


def remove_consent(path: Path) -> None:
    """Take the ``consent:`` block out of a story's front matter, as staff would."""
    lines = path.read_text().splitlines(keepends=True)
    start = next(number for number, line in enumerate(lines) if line.startswith("consent:"))
    end = next(number for number in range(start + 1, len(lines)) if not lines[number].startswith((" ", "\t")))
    path.write_text("".join(lines[:start] + lines[end:]))


def build_and_prove_gone(content_dir: Path, tmp_path: Path, capsys, withdrawn: Listed, control: Listed) -> None:
    """Build once; the item is in no output file, its comparison item is, and the issue warns."""
    output = tmp_path / "site"
    assert build(content_dir, output) == 0
    stderr = capsys.readouterr().err
    texts = site_texts(output)

    issue_url = KINDS["newsletter"].url(withdrawn.issue.stem)
    issue_files = [f"{issue_url}index.html", f"{issue_url}email.html", f"{issue_url}email.txt"]
    # The scan reads every format: the item still published is found in each.
    seen = found_in(texts, KINDS[control.key].title(control.record.item))
    assert set(issue_files) <= set(seen), seen
    assert any(name.startswith("pagefind/fragment/") for name in seen), "the scan must read the search index"
    if control.key == "news":
        assert {"feed.xml", "atom.xml"} <= set(seen)

    for phrase in withdrawn.phrases():
        assert found_in(texts, phrase) == [], phrase
    assert stem_found_in(texts, withdrawn.stem) == []
    assert not (output / KINDS[withdrawn.key].url(withdrawn.stem)).exists()

    issue_file = Path(withdrawn.issue.source)
    line = line_of(issue_file, f"{withdrawn.key}: {withdrawn.stem}")
    warnings = [text for text in stderr.splitlines() if text.startswith(f"{withdrawn.issue.source}:{line}: warning: ")]
    assert len(warnings) == 1, stderr
    assert f"'{withdrawn.stem}' is not published" in warnings[0] and "so it is left out of" in warnings[0]


def test_withdrawing_consent_takes_a_listed_story_off_every_output_in_one_build(example_copy, tmp_path, capsys):
    withdrawn, control = choose(example_copy, "case_study")
    remove_consent(Path(withdrawn.record.source))
    content, _ = load_content(example_copy, TODAY)
    assert not content.is_published("case_studies", withdrawn.stem)
    build_and_prove_gone(example_copy, tmp_path, capsys, withdrawn, control)


def test_a_listed_news_post_made_a_draft_leaves_every_output_in_one_build(example_copy, tmp_path, capsys):
    withdrawn, control = choose(example_copy, "news")
    _append_field(Path(withdrawn.record.source), "draft: true")
    content, _ = load_content(example_copy, TODAY)
    assert not content.is_published("news", withdrawn.stem)
    build_and_prove_gone(example_copy, tmp_path, capsys, withdrawn, control)


@pytest.mark.parametrize(
    ("file", "edit", "key", "expected"),
    [
        (
            "case-studies/sam-and-ali.md",
            ("  given: true", "  given: false"),
            "case_study: sam-and-ali",
            "items[3].case_study: 'sam-and-ali' is not published (no consent to publish is recorded), "
            "so it is left out of this issue and its emails — "
            "remove it from this list, unless consent is being recorded again in the story's file",
        ),
        (
            "news/posts/first-post.md",
            ("date: 2026-11-01", "date: 2026-11-01\ndraft: true"),
            "news: first-post",
            "items[1].news: 'first-post' is not published (it is a draft), so it is left out of this issue and its emails — "
            "remove it from this list, or publish it by taking out draft: true in its file",
        ),
        (
            "events/mapping-workshop.md",
            ("title: Mapping", "draft: true\ntitle: Mapping"),
            "event: mapping-workshop",
            "items[2].event: 'mapping-workshop' is not published (it is a draft), so it is left out of this issue and its emails — "
            "remove it from this list, or publish it by taking out draft: true in its file",
        ),
    ],
)
def test_an_issue_listing_something_unpublished_gets_a_warning_at_its_line(small_content, file, edit, key, expected):
    replace_in(small_content / file, *edit)
    line = line_of(small_content / "newsletters/issue-1.md", key)
    problems = problems_in(small_content)
    assert f"newsletters/issue-1.md:{line}: warning: {expected}" in problems
    assert [problem for problem in problems if ": warning: " not in problem] == []


@pytest.mark.parametrize("how", ["draft: true", "status: closed"])
def test_a_draft_or_closed_activity_is_left_out_of_the_stories_and_activities_that_name_it(small_content, tmp_path, how):
    rovers = (small_content / "assets/rovers.yml").read_text()
    name = "Northgate Hidden Walking Netball"
    (small_content / "assets/hidden-club.yml").write_text(
        rovers.replace("name: Hollinsford Rovers Football Club", f"name: {name}") + how + "\n"
    )
    (small_content / "assets/rovers.yml").write_text(rovers + "connections: [hidden-club]\n")
    replace_in(small_content / "case-studies/sam-and-ali.md", "assets_used: [rovers]", "assets_used: [rovers, hidden-club]")
    problems = problems_in(small_content)
    state = "is closed" if how == "status: closed" else "is not published (it is a draft)"
    story_line = line_of(small_content / "case-studies/sam-and-ali.md", "assets_used:")
    assert (
        f"case-studies/sam-and-ali.md:{story_line}: warning: assets_used[2]: 'hidden-club' {state}, "
        "so it is left out of this page" in "\n".join(problems)
    )
    assert f"assets/rovers.yml:{line_of(small_content / 'assets/rovers.yml', 'connections:')}: warning: connections[1]" in (
        "\n".join(problems)
    )

    output = tmp_path / "site"
    assert build(small_content, output) == 0
    story_page = output / KINDS["case_study"].url("sam-and-ali") / "index.html"
    rovers_page = output / KINDS["asset"].url("rovers") / "index.html"
    assert "Hollinsford Rovers Football Club" in story_page.read_text()
    for page in story_page, rovers_page:
        assert name not in page.read_text() and "hidden-club" not in page.read_text()
    texts = site_texts(output)
    if how == "draft: true":
        assert found_in(texts, name) == [] and stem_found_in(texts, "hidden-club") == []
    else:  # a closed activity keeps its own page for old links, and no other page offers it
        pages = [found for found in found_in(texts, name) if found.endswith(".html")]
        assert pages == [f"{KINDS['asset'].url('hidden-club')}index.html"]


def first_reference(content_dir: Path) -> tuple[Path, str, str]:
    """The first item of the first published issue: its file, the line's text, and the kind's word."""
    content, _ = load_content(content_dir, TODAY)
    issue = next(record for record in content.newsletters.values() if not record.item.draft)
    item = issue.item.items[0]
    return (
        Path(issue.source),
        f"{item.kind}: {item.stem}",
        {"case_study": "case study", "news": "news post"}.get(item.kind, item.kind),
    )


def first_asset_used(content_dir: Path) -> tuple[Path, str, str]:
    """The first activity a published story names: its file, the stem, and the word for an asset."""
    content, _ = load_content(content_dir, TODAY)
    story = next(record for record in content.case_studies.values() if record.item.publishable and record.item.assets_used)
    return Path(story.source), story.item.assets_used[0], "asset"


@pytest.mark.parametrize("find", [first_reference, first_asset_used])
def test_a_reference_to_a_file_that_does_not_exist_still_fails_the_build(example_copy, tmp_path, capsys, find):
    path, reference, label = find(example_copy)
    text = path.read_text()
    assert text.count(reference) == 1, reference
    path.write_text(text.replace(reference, reference + "-gone"))
    output = tmp_path / "site"
    assert build(example_copy, output) == 1
    stderr = capsys.readouterr().err
    line = line_of(path, reference + "-gone")
    assert f"{path.as_posix()}:{line}: " in stderr and f"is not a known {label}" in stderr
    assert not output.exists()


def test_an_issue_whose_every_item_was_withdrawn_says_so_on_its_page_and_in_both_emails(small_content, tmp_path):
    replace_in(small_content / "case-studies/sam-and-ali.md", "  given: true", "  given: false")
    _append_field(small_content / "news/posts/first-post.md", "draft: true")
    _append_field(small_content / "events/mapping-workshop.md", "draft: true")
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    folder = output / KINDS["newsletter"].url("issue-1")
    for name in "index.html", "email.html", "email.txt":
        text = plain((folder / name).read_bytes())
        assert NO_ENTRIES in text, name
        assert "sam-and-ali" not in text and "first-post" not in text and "mapping-workshop" not in text
