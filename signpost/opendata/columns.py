"""The asset model laid flat: one named column per field, for spreadsheets.

The columns come from the model itself, in its order, so a field added to
``Asset`` appears in the CSV export and is read back by the CSV import with
no list to keep in step. Nested groups become dotted names
(``contact.phone``); the sessions of a schedule become one column of words.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from signpost.models import Asset
from signpost.opendata.export_json import PRIVATE_FIELDS

# Cells that hold several values join them with this.
LIST_SEPARATOR = "; "
# The longest text that fits on one line (a ``Line`` in the models).
LINE_LENGTH = 200


@dataclass(frozen=True)
class Column:
    """One column: its name, where its value sits in an asset, and what kind of value it holds."""

    name: str
    path: tuple[str, ...]
    kind: str
    required: bool
    choices: tuple[str, ...] = ()


def base_type(annotation: Any) -> Any:
    """The type under ``Optional[...]`` and ``Annotated[...]``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return base_type(next(arg for arg in typing.get_args(annotation) if arg is not type(None)))
    if origin is typing.Annotated:
        return base_type(typing.get_args(annotation)[0])
    return annotation


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _max_length(annotation: Any) -> int | None:
    """The ``max_length`` set on a text type (200 for one line), looking inside Optional and Annotated."""
    for arg in typing.get_args(annotation):
        found = _max_length(arg)
        if found:
            return found
        for item in getattr(arg, "metadata", None) or []:
            if getattr(item, "max_length", None):
                return item.max_length
    return None


def _kind(annotation: Any) -> tuple[str, tuple[str, ...]]:
    base = base_type(annotation)
    if base is str and _max_length(annotation) == LINE_LENGTH:
        return "line", ()
    if typing.get_origin(base) is list:
        item = base_type(typing.get_args(base)[0])
        if typing.get_origin(item) is typing.Literal:
            return "choices", typing.get_args(item)
        return "list", ()
    if typing.get_origin(base) is typing.Literal:
        return "choice", typing.get_args(base)
    kinds = {bool: "bool", int: "int", float: "float", Decimal: "money", dt.date: "date"}
    return kinds.get(base, "text"), ()


def _columns(model: type[BaseModel], prefix: tuple[str, ...]) -> list[Column]:
    found = []
    for name, info in model.model_fields.items():
        if not prefix and name in PRIVATE_FIELDS:
            continue
        path = (*prefix, name)
        base = base_type(info.annotation)
        if path == ("schedule", "sessions"):
            found.append(Column("schedule.sessions", path, "sessions", False))
        elif _is_model(base):
            found.extend(_columns(base, path))
        else:
            kind, choices = _kind(info.annotation)
            found.append(Column(".".join(path), path, kind, info.is_required(), choices))
    return found


# The file name first (it names the page), the page's address last.
COLUMNS: tuple[Column, ...] = (
    Column("id", (), "text", False),
    *_columns(Asset, ()),
    Column("url", (), "text", False),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
BY_NAME = {column.name: column for column in COLUMNS}


def value_at(data: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` in a model or nested dict, or None when any part is missing."""
    for part in path:
        if data is None:
            return None
        data = data.get(part) if isinstance(data, dict) else getattr(data, part, None)
    return data
