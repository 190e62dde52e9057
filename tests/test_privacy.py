"""Staff notes, drafts and stories without consent reach no output file of any kind."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build, readable_bytes

SECRETS = {
    "staff note on an asset": "SECRET-ASSET-NOTE-4410",
    "staff note on an event": "SECRET-EVENT-NOTE-5521",
    "staff note on a case study": "SECRET-STORY-NOTE-6632",
    "a draft asset": "SECRET-DRAFT-ASSET-7743",
    "a story without consent": "SECRET-NO-CONSENT-8854",
    "a draft event": "SECRET-DRAFT-EVENT-9965",
    "a draft news post": "SECRET-DRAFT-NEWS-1076",
    "a draft newsletter": "SECRET-DRAFT-ISSUE-2187",
    "a stray text file among news posts": "SECRET-STRAY-NOTES-3298",
    "a stray page in the content folder": "SECRET-STRAY-PAGE-4309",
}
# Published text, to prove the scan reads HTML and the compressed search index.
CONTROL = "PUBLICCONTROLWORD"


def add_secrets(content: Path) -> None:
    rovers = content / "assets" / "rovers.yml"
    text = rovers.read_text().replace("Rovers play", f"Rovers play {CONTROL}")
    rovers.write_text(text + f"staff_notes: {SECRETS['staff note on an asset']}\n")
    draft = text.replace("name: Hollinsford Rovers Football Club", f"name: {SECRETS['a draft asset']}")
    (content / "assets" / "draft-club.yml").write_text(draft + "draft: true\n")
    _append_field(content / "events" / "mapping-workshop.md", f"staff_notes: {SECRETS['staff note on an event']}")
    _append_field(content / "case-studies" / "sam-and-ali.md", f"staff_notes: {SECRETS['staff note on a case study']}")
    story = (content / "case-studies" / "sam-and-ali.md").read_text()
    unconsented = story.replace("title: Sam joins the team", f"title: {SECRETS['a story without consent']}")
    (content / "case-studies" / "no-consent.md").write_text(unconsented.replace("  given: true", "  given: false"))
    event = (content / "events" / "mapping-workshop.md").read_text()
    (content / "events" / "draft-event.md").write_text(
        event.replace("title: Mapping", f"title: {SECRETS['a draft event']} Mapping").replace("---\n", "---\ndraft: true\n", 1)
    )
    (content / "news" / "posts" / "draft-post.md").write_text(
        f"---\ntitle: {SECRETS['a draft news post']}\ndate: 2026-11-10\ndescription: Not ready.\ndraft: true\n---\n"
        f"{SECRETS['a draft news post']} body.\n"
    )
    (content / "news" / "posts" / "notes.txt").write_text(SECRETS["a stray text file among news posts"])
    (content / "about.md").write_text(f"# About\n\n{SECRETS['a stray page in the content folder']}\n")
    issue = (content / "newsletters" / "issue-1.md").read_text()
    (content / "newsletters" / "issue-2.md").write_text(
        issue.replace("number: 1", "number: 2")
        .replace("title: Welcome", f"title: {SECRETS['a draft newsletter']}")
        .replace("---\n", "---\ndraft: true\n", 1)
    )


def _append_field(path: Path, line: str) -> None:
    text = path.read_text()
    head, _, body = text.partition("\n---\n")
    path.write_text(f"{head}\n{line}\n---\n{body}")


def test_nothing_private_reaches_any_output_file(small_content, tmp_path):
    add_secrets(small_content)
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    files = [path for path in output.rglob("*") if path.is_file()]
    found_control = {path.relative_to(output).as_posix() for path in files if CONTROL.encode() in readable_bytes(path)}
    assert "directory/rovers/index.html" in found_control
    # The open-data exports are among the files scanned.
    assert {"data/assets.csv", "data/assets.json", "data/openreferral/services.json"} <= found_control
    assert any(name.startswith("pagefind/fragment/") for name in found_control), "the scan must read the search index"
    leaks = [
        (what, path.relative_to(output).as_posix())
        for path in files
        for what, secret in SECRETS.items()
        if secret.encode() in readable_bytes(path)
    ]
    assert leaks == []
    assert not (output / "directory" / "draft-club").exists()
    assert not (output / "case-studies" / "no-consent").exists()
    assert not (output / "events" / "draft-event").exists()
    assert not (output / "news" / "draft-post").exists()
    assert not (output / "newsletter" / "issue-2").exists()
