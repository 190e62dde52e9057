"""Mistakes in content files come back as one plain line each, with the line number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from signpost.check.loader import load_content
from tests.conftest import TODAY, run_command

ROVERS = "assets/rovers.yml"


def problems_in(content: Path) -> list[str]:
    """Every problem the loader finds, as text, with paths relative to ``content``."""
    _, problems = load_content(content, TODAY)
    return [problem.as_text().replace(content.as_posix() + "/", "") for problem in problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_small_fixture_is_clean(small_content):
    assert problems_in(small_content) == []


def test_misspelt_key_names_file_line_key_and_suggestion(small_content):
    replace_in(small_content / ROVERS, "name: Hollinsford Rovers", "nmae: Hollinsford Rovers")
    assert "assets/rovers.yml:1: nmae: is not a field we know — did you mean 'name'?" in problems_in(small_content)


def test_check_command_prints_the_problem_and_exits_1_without_traceback(small_content):
    replace_in(small_content / ROVERS, "name: Hollinsford Rovers", "nmae: Hollinsford Rovers")
    result = run_command("check", "--content", str(small_content))
    assert result.returncode == 1
    assert f"{small_content.as_posix()}/assets/rovers.yml:1: nmae: is not a field we know — did you mean 'name'?" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "1 error, 0 warnings." in result.stderr


def test_check_formats_for_github_and_json(small_content):
    replace_in(small_content / ROVERS, "area: northgate", "area: northgat")
    github = run_command("check", "--content", str(small_content), "--format", "github")
    line = line_of(small_content / ROVERS, "area: northgat")
    assert github.stdout.strip() == (
        f"::error file={small_content.as_posix()}/assets/rovers.yml,line={line}::"
        "area: 'northgat' is not a known area — did you mean 'northgate'?"
    )
    as_json = json.loads(run_command("check", "--content", str(small_content), "--format", "json").stdout)
    assert as_json == [
        {
            "source": f"{small_content.as_posix()}/assets/rovers.yml",
            "line": line,
            "field": "area",
            "message": "'northgat' is not a known area",
            "hint": "did you mean 'northgate'?",
            "severity": "error",
        }
    ]


def test_clean_content_passes_check(small_content):
    result = run_command("check", "--content", str(small_content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All content in" in result.stderr


def test_yaml_syntax_error_gives_line_and_plain_cause(small_content):
    replace_in(small_content / ROVERS, "summary: A friendly", "summary: Note: a friendly")
    line = line_of(small_content / ROVERS, "summary: Note")
    assert problems_in(small_content) == [
        f"assets/rovers.yml:{line}: summary: has a colon and a space (': ') in the text, which marks the start of a new field — "
        'put the text in double quotes: summary: "Note: a friendly adult football club that trains …"'
    ]


def test_tab_indentation_is_explained(small_content):
    replace_in(small_content / ROVERS, "  min_age: 16", "\tmin_age: 16")
    assert problems_in(small_content) == [
        f"assets/rovers.yml:{line_of(small_content / ROVERS, 'min_age')}: min_age: is indented with a tab — "
        "use 2 spaces instead of the tab, so that it sits under 'audience:'"
    ]


def test_empty_file(small_content):
    (small_content / "assets" / "empty.yml").write_text("\n\n")
    assert problems_in(small_content) == ["assets/empty.yml:1: the file is empty — fill it in, or delete the file"]


def test_bytes_that_are_not_utf8(small_content):
    (small_content / "assets" / "latin.yml").write_bytes(b"name: Caf\xe9 club\nsummary: x\n")
    assert problems_in(small_content) == [
        "assets/latin.yml:1: has a character that is not UTF-8 text (byte 10) — "
        "retype the accented letter or symbol on this line, or save the file as UTF-8"
    ]


def test_a_list_where_a_mapping_belongs(small_content):
    (small_content / "assets" / "list.yml").write_text("- name: A\n- name: B\n")
    assert problems_in(small_content) == [
        "assets/list.yml:1: should be a set of fields, but it is a list — "
        "start each line with a field name, like 'name: Hollinsford Library'"
    ]


def test_duplicate_stems(small_content):
    (small_content / "assets" / "rovers.yaml").write_text((small_content / ROVERS).read_text())
    assert problems_in(small_content) == [
        "assets/rovers.yml:1: has the same name as assets/rovers.yaml — "
        "each file needs its own name; rename or delete one of them"
    ]


def test_duplicate_keys(small_content):
    replace_in(small_content / ROVERS, "area: northgate", "area: northgate\narea: riverside")
    line = line_of(small_content / ROVERS, "area: riverside")
    assert problems_in(small_content) == [
        f"assets/rovers.yml:{line}: area: appears twice (first on line {line - 1}) — keep one of them and delete the other"
    ]


def test_duplicate_domain_ids(small_content):
    path = small_content / "domains.yml"
    path.write_text(path.read_text() + "- id: sport\n  name: Sport again\n  description: Twice.\n")
    line = len(path.read_text().splitlines()) - 2
    assert (
        f"domains.yml:{line}: id: 'sport' is used twice (first on line {line_of(path, 'id: sport')}) — give each entry its own id"
        in problems_in(small_content)
    )


def test_bad_file_name(small_content):
    (small_content / ROVERS).rename(small_content / "assets" / "Rovers Club.yml")
    problems = problems_in(small_content)
    assert (
        "assets/Rovers Club.yml:1: the file name is not allowed (it becomes the page address) — use lowercase letters, numbers and hyphens: rename it to rovers-club.yml"
        in problems
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (ROVERS, "domains: [sport]", "domains: [sports]", "domains[1]: 'sports' is not a known domain — did you mean 'sport'?"),
        (
            "case-studies/sam-and-ali.md",
            "assets_used: [rovers]",
            "assets_used: [rover]",
            "assets_used[1]: 'rover' is not a known asset — did you mean 'rovers'?",
        ),
        (
            "newsletters/issue-1.md",
            "  - event: mapping-workshop",
            "  - event: maping-workshop",
            "items[2].event: 'maping-workshop' is not a known event — did you mean 'mapping-workshop'?",
        ),
        (
            "newsletters/issue-1.md",
            "  - news: first-post",
            "  - news: first-pots",
            "items[1].news: 'first-pots' is not a known news post — did you mean 'first-post'?",
        ),
    ],
)
def test_cross_references_resolve_or_are_errors_at_their_line(small_content, file, old, new, expected):
    replace_in(small_content / file, old, new)
    line = line_of(small_content / file, new.strip())
    assert problems_in(small_content) == [f"{file}:{line}: {expected}"]


def test_listing_a_story_without_consent_is_a_warning_so_the_story_can_be_taken_down(small_content):
    replace_in(small_content / "case-studies/sam-and-ali.md", "  given: true", "  given: false")
    problems = problems_in(small_content)
    assert any("'sam-and-ali' is not published" in problem and ": warning: " in problem for problem in problems)
    assert any("no consent to publish is recorded" in problem and "warning" in problem for problem in problems)
    assert all(": warning: " in problem for problem in problems)


def test_a_quoted_news_date_is_caught_before_the_blog_plugin_sees_it(small_content):
    path = small_content / "news" / "posts" / "first-post.md"
    replace_in(path, "date: 2026-11-01", 'date: "2026-11-01"')
    assert problems_in(small_content) == [
        "news/posts/first-post.md:3: date: '2026-11-01' is written as text, not a date — remove the quotes around the date"
    ]


def test_a_quoted_news_draft_flag_is_caught(small_content):
    path = small_content / "news" / "posts" / "first-post.md"
    replace_in(path, "date: 2026-11-01", 'date: 2026-11-01\ndraft: "true"')
    assert problems_in(small_content) == [
        "news/posts/first-post.md:4: draft: 'true' must be true or false — write true or false, without quotes"
    ]


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        (
            "news/posts/2026/sub.md",
            "news/posts/2026:1: is a folder inside news/posts/, so nothing in it is read or published — move its files up into content/news/posts/",
        ),
        (
            "news/drafts/secret.md",
            "news/drafts:1: only index.md and the posts folder belong in news/ — put news posts in content/news/posts/",
        ),
        (
            "news/posts/notes.txt",
            "news/posts/notes.txt:1: warning: is not a .md file, so it is not read or published — rename it to end in .md, or move it out of news/posts/",
        ),
        (
            "media/minutes.pdf",
            "media/minutes.pdf:1: only pictures belong in media/ — use a .png, .jpg, .gif or .webp file; other files are not published",
        ),
        (
            "about.md",
            "about.md:1: warning: is not used by Signpost, so it is not published — move it out of the content folder, or into the right folder",
        ),
        (
            "events/index.md",
            "events/index.md:1: 'index' names the list page of events/ — choose another file name, such as main-events.md",
        ),
    ],
)
def test_files_in_places_nothing_reads_are_reported(small_content, relative, expected):
    path = small_content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((small_content / "events" / "mapping-workshop.md").read_text())
    assert problems_in(small_content) == [expected]


def test_the_news_index_is_required(small_content):
    (small_content / "news" / "index.md").unlink()
    assert problems_in(small_content) == [
        "news/index.md:1: is missing — create it with a heading such as '# News' and a sentence about the news"
    ]


def test_an_area_cannot_be_called_index(small_content):
    path = small_content / "areas.yml"
    replace_in(path, "- id: riverside", "- id: index")
    assert f"areas.yml:{line_of(path, 'id: index')}: id: 'index' names the list page itself — choose another id" in problems_in(
        small_content
    )


def test_an_invisible_pasted_character_is_found_on_its_line(small_content):
    path = small_content / ROVERS
    replace_in(path, "  buddy: true", "  buddy: true\n  note: Ask\x0bfor Sam")
    assert problems_in(small_content) == [
        f"assets/rovers.yml:{line_of(path, 'note: Ask')}: has an invisible character (U+000B) that cannot be used — "
        "delete the text around it on this line and type it again"
    ]


def test_missing_front_matter(small_content):
    (small_content / "events" / "bare.md").write_text("Just some text\n")
    assert problems_in(small_content) == [
        "events/bare.md:1: has no front matter — start the file with a line '---', then the fields, then another '---' line"
    ]


def test_front_matter_lines_count_from_the_top_of_the_file(small_content):
    path = small_content / "events" / "mapping-workshop.md"
    replace_in(path, "  postcode: HF1 1AA", "  postcode: nowhere")
    assert problems_in(small_content) == [
        f"events/mapping-workshop.md:{line_of(path, 'nowhere')}: venue.postcode: is not a UK postcode"
    ]


def test_stale_asset_is_a_warning_not_an_error(small_content):
    replace_in(small_content / ROVERS, "last_checked: 2026-10-14", "last_checked: 2024-01-02")
    result = run_command("check", "--content", str(small_content), "--today", TODAY.isoformat())
    assert result.returncode == 0
    assert "warning: last_checked: was 1055 days ago" in result.stdout


def test_build_refuses_bad_content_with_the_same_lines(small_content, tmp_path):
    replace_in(small_content / ROVERS, "name: Hollinsford Rovers", "nmae: Hollinsford Rovers")
    result = run_command("build", "--content", str(small_content), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "nmae: is not a field we know — did you mean 'name'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
