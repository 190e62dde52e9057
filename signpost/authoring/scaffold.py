"""``signpost new``: start a content file with every field in place.

The file is written from the kind's JSON Schema (so from its model): every
field, in the model's order, with its description as a comment above it.
What staff must write says FILL IN; ``check`` reports each FILL IN left
(see :mod:`signpost.check.placeholders`), so filling them in is all it takes to
pass, and a half-written file is never published.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

from signpost.authoring.fieldref import is_text, scalar
from signpost.authoring.schema import DATE, FIELD_REFERENCE, SchemaField, SchemaTarget, schema_name, target_for, walk
from signpost.check.placeholders import PLACEHOLDER
from signpost.core.kinds import KINDS, ContentKind
from signpost.core.today import build_day
from signpost.models.common import STEM_PATTERN

# A model's own checks can need more than its required fields: a session
# needs days, a contact needs a phone, email or website, a newsletter item
# one thing to point at, and an event must say whether booking is needed.
# A new file asks for these too. The tests fill them in and run check.
STARTERS: dict[str, dict[str, Any]] = {
    "asset": {"schedule.sessions.days": [PLACEHOLDER], "contact.phone": PLACEHOLDER},
    "event": {"booking.required": PLACEHOLDER},
    "newsletter": {"items.news": PLACEHOLDER},
}
HELP = "Start a new file (an activity, event, story, news post or newsletter) with every field in place."
KIND_NAMES = {schema_name(kind): kind for kind in KINDS.values()}
# The words staff use for three kinds, accepted as well (`signpost new activity "..."`).
STAFF_WORDS = {"activity": KINDS["asset"], "story": KINDS["case_study"], "post": KINDS["news"]}
_WIDTH = 88
_STEM_LENGTH = 60
# Letters that do not split into a plain letter and an accent.
_SPELLED_OUT = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "Oe", "ł": "l", "Ł": "L", "đ": "d", "ð": "d", "þ": "th"}
)


def arguments(command: argparse.ArgumentParser) -> None:
    """The options of ``signpost new``."""
    command.add_argument(
        "kind", choices=[*KIND_NAMES, *STAFF_WORDS], help="What to start: " + ", ".join([*KIND_NAMES, *STAFF_WORDS]) + "."
    )
    command.add_argument("title", help='Its name or title, in quotes, for example "Upper Fold Quilting Circle".')
    command.add_argument(
        "--file-name",
        default=None,
        help="The file name to use, without .yml or .md (default: made from the title). It becomes the page address.",
    )


def run_new(args: argparse.Namespace) -> int:
    """Write the new file, or say plainly why not (exit 1)."""
    kind = KIND_NAMES.get(args.kind) or STAFF_WORDS[args.kind]
    problem, path = _new_path(Path(args.content), kind, args.title, args.file_name)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    text = new_file(kind, args.title.strip(), build_day(args.today), path, next_number(Path(args.content), kind))
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        print(_exists(path), file=sys.stderr)
        return 1
    print(f"Wrote {path.as_posix()}.", file=sys.stderr)
    print(f"Next: open it, replace every {PLACEHOLDER}, then run: python build.py check", file=sys.stderr)
    return 0


def _new_path(content: Path, kind: ContentKind, title: str, file_name: str | None) -> tuple[str, Path]:
    if not content.is_dir():
        return f"The content folder {content.as_posix()}/ does not exist. Check the --content option.", content
    if not title.strip() or "\n" in title or len(title.strip()) > 200:
        return "Give a title of one line (at most 200 characters), in quotes.", content
    stem = file_name if file_name is not None else stem_from(title)
    folder = content / kind.folder
    if not stem:
        return "The title has no letters or numbers to make a file name from. Give one with --file-name.", content
    if not re.match(STEM_PATTERN, stem) or len(stem) > 80 or stem == "index":
        return (
            f"'{stem}' cannot be a file name here: use lowercase letters, numbers and hyphens (not 'index'), "
            "for example --file-name upper-fold-quilting-circle.",
            content,
        )
    for suffix in kind.suffixes:
        if (folder / f"{stem}{suffix}").exists():
            return _exists(folder / f"{stem}{suffix}"), content
    folder.mkdir(parents=True, exist_ok=True)
    return "", folder / f"{stem}{kind.suffix}"


def _exists(path: Path) -> str:
    return (
        f"{path.as_posix()} already exists, so nothing was written. "
        "Choose another title, or give the new file its own name with --file-name."
    )


def stem_from(title: str) -> str:
    """A file name from a title: lowercase ASCII words joined by hyphens, at most 60 characters."""
    text = title.translate(_SPELLED_OUT).replace("&", " and ")
    text = re.sub(r"['’‘`]", "", text)  # "Tom's" becomes "toms", not "tom-s"
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    stem = ""
    for word in words:
        longer = f"{stem}-{word}" if stem else word
        if len(longer) > _STEM_LENGTH:
            break
        stem = longer
    return stem or (words[0][:_STEM_LENGTH] if words else "")


def next_number(content: Path, kind: ContentKind) -> int | None:
    """The next issue number for a newsletter (one more than the highest so far)."""
    if "number" not in kind.model.model_fields:
        return None
    numbers = [
        int(found.group(1))
        for path in (content / kind.folder).glob(f"*{kind.suffix}")
        for found in [re.search(r"^number:\s*(\d+)\s*$", path.read_text(encoding="utf-8", errors="replace"), re.MULTILINE)]
        if found
    ]
    return max(numbers, default=0) + 1


def new_file(kind: ContentKind, title: str, today: dt.date, path: Path, number: int | None = None) -> str:
    """The text of a new file of ``kind``, to be written at ``path``."""
    target = target_for(kind)
    known = {kind.title_field: title, **({"number": number} if number is not None else {})}
    lines = _header(target, path) + _fields(target, known, STARTERS.get(kind.name, {}), today)
    if not kind.has_body:
        return "\n".join(lines) + "\n"
    body = f"{PLACEHOLDER} the text of the page, in Markdown. Leave a blank line between paragraphs."
    return "\n".join(["---", *lines, "---", "", body]) + "\n"


def _header(target: SchemaTarget, path: Path) -> list[str]:
    # The site's folder holds content/ and schemas/: the new file is in content/<the kind's folder>/.
    depth = len(target.kind.folder.split("/")) + 1 if target.kind else 1
    schema = path.resolve().parents[depth] / target.file
    try:
        location = Path(os.path.relpath(schema, path.resolve().parent)).as_posix()
    except ValueError:  # another drive, on Windows
        location = schema.as_uri()
    about = (target.kind.model.__doc__ or "").strip().split("\n\n")[0] if target.kind else ""
    words = (
        f"{' '.join(about.split())} Replace every {PLACEHOLDER} with the real details. Lines marked (optional) "
        f"can be left empty or deleted. Then run: python build.py check. Every field is explained in {FIELD_REFERENCE}."
    )
    return [f"# yaml-language-server: $schema={location}", "#", *_comment(words, "")]


def _fields(target: SchemaTarget, known: dict[str, Any], starters: dict[str, Any], today: dt.date) -> list[str]:
    lines: list[str] = []
    indents: dict[tuple[str, ...], str] = {(): ""}
    first_in_item: set[tuple[str, ...]] = set()
    for item in walk(target.schema()):
        parent = item.path[:-1]
        indent = indents[parent]
        if len(item.path) == 1:
            lines.append("")
        dash = parent in first_in_item
        value = None if item.block is not None else _value(item, known, starters, today)
        lines += _comment(_explanation(item, value), indent[:-2] if dash else indent)
        first_in_item.discard(parent)
        key = f"{indent[:-2]}- {item.key}:" if dash else f"{indent}{item.key}:"
        if item.block is not None:
            indents[item.path] = indent + ("    " if item.block_list else "  ")
            if item.block_list:
                first_in_item.add(item.path)
            lines.append(key)
            continue
        lines += _value_lines(key, value, item, indent)
    return lines


def _value(item: SchemaField, known: dict[str, Any], starters: dict[str, Any], today: dt.date) -> Any:
    if item.dotted in starters:
        return starters[item.dotted]
    if item.dotted in known:
        return known[item.dotted]
    if item.required and not item.has_default:
        # The date a record is written or checked is today; any other date is a fact to fill in.
        if item.node.get("pattern") == DATE and len(item.path) == 1:
            return today
        return [PLACEHOLDER] if item.node.get("type") == "array" else PLACEHOLDER
    if item.has_default:
        return item.default
    return [] if item.node.get("type") == "array" else None


def _value_lines(key: str, value: Any, item: SchemaField, indent: str) -> list[str]:
    if isinstance(value, list):
        return [f"{key} [" + ", ".join(scalar(part) for part in value) + "]"]
    if value == PLACEHOLDER and is_text(item.node):
        # Paragraphs go on the lines below "key: |", indented.
        return [f"{key} |", f"{indent}  {PLACEHOLDER}"]
    text = value.isoformat() if isinstance(value, dt.date) else scalar(value)
    return [f"{key} {text}".rstrip()]


def _explanation(item: SchemaField, value: Any) -> str:
    text = " ".join(item.description.split())
    choices = item.node.get("enum") or item.node.get("items", {}).get("enum") or []
    if choices and not all(str(choice) in text for choice in choices):
        text += " One of: " + ", ".join(str(choice) for choice in choices) + "."
    asked = value == PLACEHOLDER or value == [PLACEHOLDER]
    if not item.required and not asked and "optional" not in text.lower():
        if item.block is not None and not item.block_list:
            text += " (optional: to leave it out, delete this line and the lines indented below it)"
        else:
            text += " (optional)"
    return text


def _comment(text: str, indent: str) -> list[str]:
    width = max(40, _WIDTH - len(indent) - 2)
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)]
