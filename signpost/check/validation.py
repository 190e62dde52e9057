"""Validate plain data against a model and explain each error to staff.

Pydantic reports errors as ``loc`` tuples and type codes written for
programmers. Here each becomes a :class:`Problem` with the file's line, a
plain sentence and a hint ("did you mean ...").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from signpost.check.guess import guess, guess_hint, reference_choices
from signpost.check.renamed import explain_change, explained, renamed_fields
from signpost.core.problems import Problem
from signpost.core.renames import FieldChange
from signpost.load.yamlsource import YamlDocument
from signpost.load.yamlvalues import quote_hint
from signpost.models.common import EMAIL_PATTERN, PHONE_PATTERN, STEM_PATTERN
from signpost.models.news import CATEGORY_PATTERN

M = TypeVar("M", bound=BaseModel)

_DATE_HINT = "write the date as YYYY-MM-DD, for example 2026-11-22"
_PATTERN_TEXT = {
    STEM_PATTERN: ("is not a valid id", "use lowercase letters, numbers and hyphens, for example 'town-centre'"),
    EMAIL_PATTERN: ("is not an email address", "write it like name@example.org"),
    PHONE_PATTERN: ("is not a phone number", "use digits and spaces, for example 01632 960 123"),
    CATEGORY_PATTERN: ("is not a usable category", "use up to 40 letters, numbers and spaces, for example 'Training'"),
}
_SIMPLE = {
    "bool_type": ("must be true or false", "write true or false, without quotes"),
    "bool_parsing": ("must be true or false", "write true or false, without quotes"),
    "int_type": ("must be a whole number", "write a number such as 18, without quotes"),
    "int_parsing": ("must be a whole number", "write a number such as 18, without quotes"),
    "int_from_float": ("must be a whole number", "leave out the decimal point"),
    "decimal_parsing": ("must be an amount in pounds", "write it like 3.50, without a £ sign"),
    "decimal_type": ("must be an amount in pounds", "write it like 3.50, without a £ sign"),
    "decimal_max_places": ("has more than two decimal places", "write pounds and pence, like 3.50"),
    "float_type": ("must be a number", "write a number such as 53.8"),
    "float_parsing": ("must be a number", "write a number such as 53.8"),
    "string_type": ("must be text", "put the value in quotes"),
    "date_type": ("is not a date", _DATE_HINT),
    "date_parsing": ("is not a date", _DATE_HINT),
    "date_from_datetime_parsing": ("is not a date", _DATE_HINT),
    "date_from_datetime_inexact": ("should be a date without a time", _DATE_HINT),
    "list_type": ("should be a list", "write it as [first, second] or as lines that start with '- '"),
    "model_type": ("should be a group of 'key: value' lines", "indent the lines below it by two spaces"),
    "model_attributes_type": ("should be a group of 'key: value' lines", "indent the lines below it by two spaces"),
    "dict_type": ("should be a group of 'key: value' lines", "indent the lines below it by two spaces"),
    "string_too_short": ("is empty", "write something, or delete the line"),
}


@dataclass(frozen=True)
class _Where:
    """What explaining one error may look at: the model, the file's data and lines, the known ids."""

    model: type[BaseModel]
    document: YamlDocument
    prefix: tuple
    known: Mapping[str, Mapping[str, list[str]]]

    def data_at(self, path: tuple) -> Any:
        data = self.document.data
        for part in self.prefix + path:
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return None
        return data

    def line(self, path: tuple) -> int:
        return self.document.line_of(self.prefix + path)


def validate(
    model: type[M],
    document: YamlDocument,
    source: str,
    prefix: tuple = (),
    known: Mapping | None = None,
    changes: Sequence[FieldChange] = (),
) -> tuple[M | None, list[Problem]]:
    """Build ``model`` from the document (or the part of it at ``prefix``).

    Returns the item, or ``None`` and a problem for every error found.
    ``known`` holds the ids other records may be referred to by (see
    :func:`signpost.check.guess.reference_choices`), to guess a mistyped one.
    ``changes`` are the fields of this kind of file renamed or removed since
    an earlier version (see :mod:`signpost.core.renames`): each is told by its
    new name.
    """
    where = _Where(model, document, prefix, known or {})
    try:
        return model.model_validate(where.data_at(())), []
    except ValidationError as error:
        details = error.errors()
    # An old name stays an error, not a warning: to go on, the record would be
    # built without the field, and its page would lose the value silently.
    renamed = renamed_fields(details, changes)
    others = [detail for detail in details if tuple(detail["loc"]) not in renamed]
    told = _told_elsewhere(where, others) | explained(renamed)
    problems = [_renamed_problem(where, source, loc, change) for loc, change in renamed.items()]
    return None, problems + [_problem(where, source, detail) for detail in details if tuple(detail["loc"]) not in told]


def _renamed_problem(where: _Where, source: str, loc: tuple, change: FieldChange) -> Problem:
    message, hint = explain_change(change, where.data_at(loc[:-1]))
    return Problem(source, where.line(loc), field_label(loc), message, hint)


def _told_elsewhere(where: _Where, details: list[dict]) -> set[tuple]:
    """Missing fields already explained by an unknown one: written in the wrong place, or misspelt ("nmae")."""
    missing = {tuple(detail["loc"]) for detail in details if detail["type"] == "missing"}
    meant = set()
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] != "extra_forbidden":
            continue
        home = _home(where, loc)
        if home is None:
            meant.add(loc[:-1] + (guess(loc[-1], list(_fields_at(where.model, loc[:-1]))),))
        elif home.present:
            meant.add(home.path + (home.key,))
    return meant & missing


def _problem(where: _Where, source: str, detail: dict) -> Problem:
    loc = _owning_field(detail)
    message, hint = _explain(where, loc, detail)
    return Problem(source, where.line(loc), field_label(loc), message, hint)


def _owning_field(detail: dict) -> tuple:
    """The error's place; a cross-field check may name its field (see models.common.field_error)."""
    loc = tuple(detail["loc"])
    error = str((detail.get("ctx") or {}).get("error", ""))
    if detail["type"] == "value_error" and error.startswith("@"):
        field, _, rest = error[1:].partition(" ")
        detail["ctx"] = {**detail["ctx"], "error": rest}
        return (*loc, field)
    return loc


def field_label(loc: tuple) -> str:
    """``("schedule", "sessions", 0, "starts")`` → ``schedule.sessions[1].starts``.

    List items are counted from 1, as a person counts them.
    """
    label = ""
    for part in loc:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        else:
            label += ("." if label else "") + str(part)
    return label


def _explain(where: _Where, loc: tuple, detail: dict) -> tuple[str, str]:
    model, kind, value, context = where.model, detail["type"], detail.get("input"), detail.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(where, loc)
    if kind == "missing":
        return _missing(model, loc)
    if kind == "literal_error":
        return _not_allowed(model, loc, value)
    if kind == "string_pattern_mismatch":
        text, hint = _PATTERN_TEXT.get(context.get("pattern"), ("is not in the expected form", ""))
        if context.get("pattern") == STEM_PATTERN:
            hint = _id_hint(where, loc, value) or hint
        return f"'{value}' {text}", hint
    if kind == "value_error":
        return _split_hint(str(context.get("error", detail["msg"])))
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # "- Go to training: once a week" is read as a field called "Go to training".
        text = ": ".join(str(part) for part in next(iter(value.items())))
        return "has a colon and a space (': ') in the text, so it was read as a field", quote_hint("", text)
    if kind in ("too_short", "string_too_short") and isinstance(value, list):
        return "needs at least one item", "add an item on a line that starts with '- '"
    if kind == "string_too_long":
        return f"is too long ({len(value)} characters; at most {context.get('max_length')})", "shorten it"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {context.get('ge', context.get('gt'))}", "check the number"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {context.get('le', context.get('lt'))}", "check the number"
    if kind in ("date_parsing", "date_from_datetime_parsing") and _day_first(value):
        return f"'{value}' is not a date", f"write the date as YYYY-MM-DD: {_day_first(value)}"
    if kind == "date_type" and isinstance(value, str) and value.strip()[:4].isdigit():
        return f"'{value}' is written as text, not a date", "remove the quotes around the date"
    if kind in _SIMPLE:
        text, hint = _SIMPLE[kind]
        shown = f"'{value}' " if isinstance(value, (str, int, float)) and not isinstance(value, bool) and value != "" else ""
        return (shown + text).strip(), hint
    return detail["msg"][0].lower() + detail["msg"][1:], "check this value against the examples in the README"


def _day_first(value: Any) -> str | None:
    """14/10/2026 (day, month, year, as written in the UK) as 2026-10-14, if it is a real day."""
    parts = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", str(value))
    try:
        return dt.date(int(parts[3]), int(parts[2]), int(parts[1])).isoformat() if parts else None
    except ValueError:
        return None


def _id_hint(where: _Where, loc: tuple, value: Any) -> str | None:
    """'did you mean ...?' for an id written as a name ('Moor Villages') or a file name ('x.yml')."""
    choices = reference_choices(loc, where.known)
    return guess_hint(value, choices) if choices is not None else None


def _split_hint(text: str) -> tuple[str, str]:
    message, _, hint = text.partition("; ")
    return message, hint


def _unknown_key(where: _Where, loc: tuple) -> tuple[str, str]:
    home = _home(where, loc)
    if home is not None:
        return home.explain(loc)
    # Pulled out of a block below this one ("days:" out of a session): say which, never "remove it".
    here = _shape(loc[:-1])
    parents = sorted(
        {
            _shape(path)[-2]
            for path in _field_paths(where.model)
            if path[-1] == loc[-1] and len(_shape(path)) > len(here) + 1 and _shape(path)[: len(here)] == here
        }
    )
    if parents:
        places = " or ".join(f"'{parent}:'" for parent in parents)
        return (
            "is not a field here",
            f"it belongs under {places}: move it there and indent it to line up with the fields around it",
        )
    known = list(_fields_at(where.model, loc[:-1]))
    found = guess(loc[-1], known)
    if found:
        return "is not a field we know", f"did you mean '{found}'?"
    return "is not a field we know", "remove it, or use one of: " + ", ".join(known)


def _missing(model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    info = _fields_at(model, loc[:-1]).get(str(loc[-1]))
    description = (info.description or "") if info else ""
    return "is missing", f"add '{loc[-1]}:' here" + (f" ({description.rstrip('.')})" if description else "")


def _not_allowed(model: type[BaseModel], loc: tuple, value: Any) -> tuple[str, str]:
    choices = _literal_choices(model, loc)
    hint = guess_hint(value, choices)
    if hint:
        return f"'{value}' is not one of the choices", hint
    return f"'{value}' is not one of the choices", "use one of: " + ", ".join(choices)


def _fields_at(model: type[BaseModel], loc: tuple) -> dict:
    """The model fields that apply at ``loc`` (list indexes skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if _is_model(current) else None
        if info is None:
            return {}
        current = _inner_model(info.annotation)
    return current.model_fields if _is_model(current) else {}


_ITEM = -1  # in a field path: an item of the list named before it


@dataclass(frozen=True)
class _Home:
    """The block a field written in the wrong place belongs in."""

    key: str
    path: tuple  # the block, with the list positions found in the file
    present: bool  # whether the file has that block
    line_up: str = ""  # a field of that block to line it up with
    written: bool = False  # the block's field is in the file, but as a single value

    def explain(self, loc: tuple) -> tuple[str, str]:
        names = [part for part in self.path if isinstance(part, str)]
        if not names:
            parent = next((part for part in reversed(loc[:-1]) if isinstance(part, str)), "")
            spaces = "remove the spaces before it" + (f", so that it lines up with '{self.line_up}:'" if self.line_up else "")
            return f"belongs at the top level, not under '{parent}:'", spaces
        parent = names[-1]
        in_item = isinstance(self.path[-1], int)
        message = f"belongs in an item of '{parent}:'" if in_item else f"belongs under '{parent}:'"
        if self.present:
            return message, f"indent it to line up with '{self.line_up}:'"
        if in_item:
            return message, f"put it in a '- ' item under '{parent}:'"
        if self.written:
            return message, f"indent it by two spaces, in a group of lines under '{parent}:'"
        return message, f"add '{parent}:' on its own line above it, and indent it by two spaces"


def _home(where: _Where, loc: tuple) -> _Home | None:
    """Where the unknown field at ``loc`` belongs, when the model has it elsewhere and the file shows where."""
    key = loc[-1]
    patterns = sorted(
        (path[:-1] for path in _field_paths(where.model) if path[-1] == key and _shape(path[:-1]) != _shape(loc[:-1])), key=len
    )
    if not patterns:
        return None
    line = where.line(loc)
    above = max((number for number in where.document.lines.values() if number < line), default=0)
    for pattern in patterns:
        home = _resolve(where, pattern, key, line)
        ancestor = home.path == loc[: len(home.path)]
        # The block is right above the line (it was pulled out), or holds it (it was pushed in).
        if home.present and key not in where.data_at(home.path) and (ancestor or _last_line(where, home.path, line) == above):
            return home
    if len(patterns) == 1:
        home = _resolve(where, patterns[0], key, line)
        return home if not home.present else None
    return None


def _resolve(where: _Where, pattern: tuple, key: str, line: int) -> _Home:
    """``pattern`` in this file: each list item chosen as the one nearest above ``line``."""
    path: tuple = ()
    for part in pattern:
        data = where.data_at(path)
        if part == _ITEM:
            if not isinstance(data, list) or not data:
                return _Home(key, pattern, False)
            lines = [where.line(path + (index,)) for index in range(len(data))]
            part = max((index for index, start in enumerate(lines) if start <= line), default=0)
        elif not isinstance(data, dict) or not isinstance(data.get(part), (dict, list)):
            return _Home(key, pattern, False, written=isinstance(data, dict) and part in data and part == pattern[-1])
        path += (part,)
    block = where.data_at(path)
    if not isinstance(block, dict):
        return _Home(key, pattern, False)
    fields = sorted((where.line(path + (name,)), name) for name in block if isinstance(name, str))
    before = [name for number, name in fields if number <= line]
    return _Home(key, path, True, before[-1] if before else (fields[0][1] if fields else ""))


def _last_line(where: _Where, path: tuple, line: int) -> int:
    """The last line above ``line`` written inside the block at ``path``."""
    full = where.prefix + path
    return max((number for at, number in where.document.lines.items() if at[: len(full)] == full and number < line), default=0)


def _shape(path: tuple) -> tuple:
    return tuple(part for part in path if isinstance(part, str))


@functools.lru_cache(maxsize=64)
def _field_paths(model: type[BaseModel]) -> tuple[tuple, ...]:
    """Every field the model has at any depth, as paths with _ITEM for a list's items."""
    paths: list[tuple] = []

    def walk(current: type[BaseModel], prefix: tuple) -> None:
        for name, info in current.model_fields.items():
            paths.append(prefix + (name,))
            inner = _inner_model(info.annotation)
            if inner is not None and len(prefix) < 8:
                walk(inner, prefix + (name,) + ((_ITEM,) if _is_list(info.annotation) else ()))

    walk(model, ())
    return tuple(paths)


def _is_list(annotation: Any) -> bool:
    options = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) else (annotation,)
    return any(typing.get_origin(option) is list for option in options)


def _literal_choices(model: type[BaseModel], loc: tuple) -> list[str]:
    info = _fields_at(model, loc[:-1]).get(str(loc[-1])) if not isinstance(loc[-1], int) else None
    if info is None and len(loc) >= 2:
        info = _fields_at(model, loc[:-2]).get(str(loc[-2]))
    return [str(choice) for choice in _literals(info.annotation)] if info else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _inner_model(annotation: Any) -> Any:
    for candidate in _flatten(annotation):
        if _is_model(candidate):
            return candidate
    return None


def _literals(annotation: Any) -> list:
    return [
        arg
        for candidate in _flatten(annotation)
        if typing.get_origin(candidate) is typing.Literal
        for arg in typing.get_args(candidate)
    ]


def _flatten(annotation: Any) -> list:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        args = typing.get_args(annotation)
        args = args[:1] if origin is typing.Annotated else args
        return [inner for arg in args for inner in _flatten(arg)]
    return [annotation]
