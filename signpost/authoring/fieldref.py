"""The field reference for staff (docs/fields.md), written from the schemas.

Every field of every content file: what it means (the model's description),
whether it must be there, what may be written (choices, and patterns in
words) and an example. ``python build.py schemas`` writes it; a test fails
when it is out of date or misses a field.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter

from signpost.authoring.schema import (
    CLOCK_TIME,
    DATE,
    LOCAL_DATETIME,
    MONEY,
    POSTCODE,
    WEB_ADDRESS,
    SchemaField,
    SchemaTarget,
    schema_name,
    walk,
)
from signpost.load.yamlsource import parse_yaml
from signpost.models.common import EMAIL_PATTERN, PHONE_PATTERN, STEM_PATTERN, Text
from signpost.models.news import CATEGORY_PATTERN

# Each pattern a schema uses, in words, with an example value. A pattern
# missing here stops the reference being written (and a test says so).
PATTERNS: dict[str, tuple[str, Any]] = {
    STEM_PATTERN: ("an id or file name: lowercase letters, numbers and hyphens, no spaces, such as `town-centre`", "town-centre"),
    EMAIL_PATTERN: ("an email address, such as `name@example.org`", "name@example.org"),
    PHONE_PATTERN: ("a phone number: digits and spaces (a `+` at the start, brackets and hyphens are fine)", "01632 960 123"),
    CATEGORY_PATTERN: (
        "up to 40 letters, numbers and spaces (commas, full stops, apostrophes and hyphens are fine), "
        "starting with a letter or number",
        "Training",
    ),
    r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$": (
        "a branch name: letters, numbers, dots, underscores, hyphens and slashes",
        "main",
    ),
    CLOCK_TIME: ("a time on the 24-hour clock, in quotes, such as `'19:30'`", '"19:30"'),
    LOCAL_DATETIME: ("a date and time, in quotes, as `'YYYY-MM-DD HH:MM'`, such as `'2027-03-14 10:00'`", '"2027-03-14 10:00"'),
    DATE: ("a date as YYYY-MM-DD, without quotes, such as `2026-11-22`", "2026-11-22"),
    MONEY: ("an amount in pounds and pence, without a £ sign, such as `3.50`", "3.50"),
    WEB_ADDRESS: ("a web address starting with `https://` (or `http://`)", "https://example.org/"),
    POSTCODE: ("a UK postcode, such as `HF1 2AB`", "HF1 2AB"),
}
# Free text: several paragraphs when typed as Text, else one line.
_TEXT_RULES = TypeAdapter(Text).json_schema()
_FOR_EXAMPLE = re.compile(r"for example (\[[^\]]*\]|'[^']*'|\"[^\"]*\"|[^\s,;)]+)")


class MissingWordsError(Exception):
    """A schema uses a pattern that the reference cannot yet explain."""


def field_reference(targets: list[SchemaTarget]) -> str:
    """The whole reference as Markdown."""
    parts = [_INTRODUCTION, "## Contents\n", *(f"- [{target.title}](#{_anchor(target.title)})" for target in targets), ""]
    for target in targets:
        parts.append(_section(target))
    return "\n".join(parts).rstrip("\n") + "\n"


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")


def _section(target: SchemaTarget) -> str:
    schema = target.schema()
    lines = [f"## {target.title}", "", _where(target), ""]
    if schema.get("description"):
        lines += [" ".join(schema["description"].split()), ""]
    lines += [
        "| Field | Required | What it means | What you can write | Example |",
        "| --- | --- | --- | --- | --- |",
    ]
    required_above: dict[tuple[str, ...], bool] = {(): True}
    for item in walk(schema):
        required_above[item.path] = required_above[item.path[:-1]] and item.required
        lines.append(_row(item, required_above[item.path[:-1]]))
    if target.front_matter:
        lines += ["", "Below the front matter's closing `---` line comes the text of the page, in Markdown."]
    return "\n".join(lines) + "\n"


def _where(target: SchemaTarget) -> str:
    schema_link = f"[`{target.file}`](../{target.file})"
    if target.kind is None and target.globs[0].endswith("site.yml"):
        return f"One file, `{target.globs[0]}`. Editors check it with {schema_link}."
    if target.kind is None:
        return (
            f"One file, `{target.globs[0]}`: a list of entries, each starting with `- id:`. Editors check it with {schema_link}."
        )
    kind = target.kind
    start = f'Start one with `python build.py new {schema_name(kind)} "Its title"`.'
    if not kind.has_body:
        return f"One file each: `content/{kind.folder}/<file name>{kind.suffix}`. {start} Editors check it with {schema_link}."
    return (
        f"One Markdown file each: `content/{kind.folder}/<file name>{kind.suffix}`, with the fields in front matter "
        f"(between two `---` lines at the top) and the text of the page below. {start} "
        f"The schema is {schema_link}, but VS Code does not check front matter: `check` does."
    )


def _row(item: SchemaField, parent_required: bool) -> str:
    cells = [f"`{item.dotted}`", _required(item, parent_required), item.description, allowed(item), example(item)]
    return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"


def _required(item: SchemaField, parent_required: bool) -> str:
    if item.required:
        return "yes" if parent_required else f"yes, if `{item.path[-2]}` is there"
    if item.has_default and item.default not in (None, [], {}) and item.block is None:
        return f"no (if left out: `{_flow(item.default)}`)"
    return "no"


def allowed(item: SchemaField) -> str:
    """What may be written in a field, in words."""
    if item.block is not None and item.block_list:
        return f"a list: start each item with `- ` under `{item.key}:`, with the fields below"
    if item.block is not None:
        return f"the fields below, each on its own line, indented under `{item.key}:`"
    if item.node.get("type") == "array":
        return "a list like `[first, second]`, each " + value_words(item.node.get("items", {}))
    return value_words(item.node)


def is_text(node: dict) -> bool:
    """True for free text of one or more paragraphs (a Text field), not a single line."""
    return all(node.get(key) == value for key, value in _TEXT_RULES.items())


def value_words(node: dict) -> str:
    """One value's rules in words."""
    if "enum" in node:
        return "one of: " + ", ".join(f"`{choice}`" for choice in node["enum"])
    if "anyOf" in node:
        return " or ".join(value_words(choice) for choice in node["anyOf"] if choice.get("type") != "number")
    kind = node.get("type")
    if kind == "boolean":
        return "`true` or `false`"
    if kind in ("integer", "number"):
        return _number_words(node)
    if "pattern" in node:
        if node["pattern"] not in PATTERNS:
            raise MissingWordsError(
                f"no words for the pattern {node['pattern']}: add them to PATTERNS in signpost/authoring/fieldref.py"
            )
        return PATTERNS[node["pattern"]][0]
    if is_text(node):
        return f"text in Markdown, one or more paragraphs (up to {node['maxLength']:,} characters)"
    return f"text on one line (up to {node['maxLength']} characters)" if "maxLength" in node else "text"


def _number_words(node: dict) -> str:
    what = "a whole number" if node.get("type") == "integer" else "a number"
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f"{what} from {_number(low)} to {_number(high)}"
    return f"{what}, {_number(low)} or more" if low is not None else what


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def example(item: SchemaField) -> str:
    """An example line for the field, as it would be written in the file."""
    if item.block is not None:
        return f"`{item.key}:` then `- ` and the first field" if item.block_list else f"`{item.key}:` then the fields below"
    value = example_value(item)
    if value is _TEXT and item.node.get("type") == "array":
        return f"`{item.key}:` then one line starting with `- ` for each"
    if value is _TEXT:
        if is_text(item.node):
            return f"`{item.key}: |` then the text on the lines below, indented by two spaces"
        return f"`{item.key}:` then your words on the same line"
    return f"`{item.key}: {value}`"


_TEXT = object()


def example_value(item: SchemaField) -> Any:
    """The example value as YAML text, or _TEXT for free text that has no example."""
    node = item.node
    if node.get("examples"):
        return _flow(node["examples"][0])
    found = _FOR_EXAMPLE.search(item.description)
    if found:
        text = found.group(1)
        return scalar(text[1:-1]) if text[:1] in "'\"" else text.rstrip(".")
    if item.has_default and item.default not in (None, False, [], {}):
        return _flow(item.default)
    return _made_up(node)


def _made_up(node: dict) -> Any:
    if node.get("type") == "array":
        inner = _made_up(node.get("items", {}))
        return _TEXT if inner is _TEXT else f"[{inner}]"
    if "enum" in node:
        return scalar(node["enum"][0])
    if "anyOf" in node:
        return next((_made_up(choice) for choice in node["anyOf"] if "pattern" in choice), _TEXT)
    if node.get("type") == "boolean":
        return "true"
    if node.get("type") == "integer":
        low = node.get("minimum", 1)
        return str((low + node["maximum"]) // 2 if low == 0 and "maximum" in node else low)
    if node.get("type") == "number":
        low, high = node.get("minimum", 0), node.get("maximum", 2)
        return str(round((low + high) / 2, 1))
    if node.get("pattern") in PATTERNS:
        return PATTERNS[node["pattern"]][1]
    return _TEXT


def _flow(value: Any) -> str:
    """A value as it is written after ``key: `` (lists in square brackets)."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return scalar(value)


def scalar(value: Any) -> str:
    """A YAML scalar: plain when that reads back the same, else in double quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    document, problems = parse_yaml(f"value: {value}", "example")
    # Clock times go in quotes: other YAML readers take 19:30 for a number.
    plain = (
        document is not None and not problems and document.data == {"value": value} and not re.fullmatch(r"\d{1,2}:\d{2}", value)
    )
    return value if plain else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_INTRODUCTION = """\
# Field reference

<!-- Written by `python build.py schemas` from the models in signpost/models/.
Do not edit it by hand: change the description in the model, then run the
command again. -->

Every field Signpost reads from the files in `content/`: what it means,
whether it must be there, what you can write and an example. To start a new
file with every field already in place, see
[Start a new file](../CONTRIBUTING.md#start-a-new-file).

How to read this page:

- A field written like `location.postcode` goes under `location:`, indented
  by two spaces:

  ```yaml
  location:
    venue: Hollinsford Library
    postcode: HF1 2AB
  ```

- **Required** "yes" means `check` reports a mistake when the field is
  missing. "yes, if `location` is there" means it is needed only when you use
  the block above it. "no" means you can leave the line out; what happens
  then is shown in brackets.
- Lists can be written on one line, `days: [tuesday, thursday]`, or as lines
  that start with `- ` under the field.
- Put text in quotes when it contains `: ` or ` #`, or starts with a quote
  mark, `[`, `{`, `&`, `*`, `!`, `|`, `>`, `%` or `@`. Use double quotes
  when the text has an apostrophe: `summary: "Tea, cake and a chat: everyone's welcome"`.
- In a message from `check`, a number in square brackets says which item of
  a list: `schedule.sessions[2].starts` is `starts` in the second session.
"""
