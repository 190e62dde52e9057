"""Write an asset as a YAML file a member of staff can read and edit.

Keys come in the model's order, groups in block style, short lists in
brackets (``days: [tuesday, thursday]``), long text as a ``|`` block, and
quotes only where YAML would otherwise misread a value (times are always
quoted, as in the README's examples). A comment can follow any top-level key:
the import uses it to mark a placeholder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from signpost.models import Asset

# Inside [brackets] a comma or bracket would end the value: only these characters stay plain.
_PLAIN_IN_LIST = re.compile(r"^[^\W\d_][\w ./()'-]*$")
# Only these are not words to our loader: "yes" stays a word (taking_new_people: yes).
_RESERVED = {"true", "false", "null"}
# A phone number with a space in it is text to YAML, as staff write it (phone: 01632 960 411).
_PHONE = re.compile(r"^\+?[0-9][0-9()-]* [0-9 ()-]*[0-9]$")


def dump_asset(asset: Asset, comments: dict[str, str] | None = None) -> str:
    """The YAML text of ``asset``, leaving out values that are the model's defaults."""
    data = asset.model_dump(exclude_defaults=True)
    lines: list[str] = []
    for key, value in data.items():
        lines.extend(_entry(key, value, 0, (comments or {}).get(key)))
    return "\n".join(lines) + "\n"


def _entry(key: str, value: Any, indent: int, comment: str | None = None) -> list[str]:
    pad, note = " " * indent, f"  # {comment}" if comment else ""
    if isinstance(value, dict):
        inner = [line for name, item in value.items() for line in _entry(name, item, indent + 2)]
        return [f"{pad}{key}:{note}", *inner] if inner else []
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [f"{pad}{key}:{note}", *[line for item in value for line in _list_item(item, indent + 2)]]
    if isinstance(value, list):
        return [f"{pad}{key}: [{', '.join(scalar(item, in_list=True) for item in value)}]{note}"]
    if isinstance(value, str) and "\n" in value and _block_safe(value):
        body = [f"{pad}  {line}" if line else "" for line in value.split("\n")]
        return [f"{pad}{key}: |{note}", *body]
    return [f"{pad}{key}: {scalar(value)}{note}"]


def _list_item(item: dict, indent: int) -> list[str]:
    lines = [line for name, value in item.items() for line in _entry(name, value, indent + 2)]
    if not lines:
        return []
    first = lines[0]
    return [" " * indent + "- " + first[indent + 2 :], *lines[1:]]


def _block_safe(text: str) -> bool:
    # A "|" block keeps every character as typed, but its first line cannot start with a space.
    return not text[:1].isspace() and "\r" not in text


def scalar(value: Any, in_list: bool = False) -> str:
    """One value as YAML, quoted only when it must be."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.time):
        return f'"{value:%H:%M}"'
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _plain(text, in_list) else json.dumps(text, ensure_ascii=False)


def _plain(text: str, in_list: bool) -> bool:
    """True when YAML reads ``text`` back as the same text without quotes."""
    if not in_list and _PHONE.match(text):
        return True
    if not text or not text[0].isalpha() or text != text.strip() or text.lower() in _RESERVED:
        return False
    if in_list:
        return bool(_PLAIN_IN_LIST.match(text))
    return not any(mark in text for mark in (": ", " #", "\n", "\t")) and not text.endswith(":")
