"""Validate plain data against a model and explain each error to staff.

Pydantic reports errors as ``loc`` tuples and type codes written for
programmers. Here each becomes a :class:`Problem` with the file's line, a
plain sentence and a hint ("did you mean ...").
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from signpost.models.common import EMAIL_PATTERN, PHONE_PATTERN, STEM_PATTERN
from signpost.models.news import CATEGORY_PATTERN
from signpost.problems import Problem
from signpost.yamlsource import YamlDocument

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


def validate(model: type[M], document: YamlDocument, source: str, prefix: tuple = ()) -> tuple[M | None, list[Problem]]:
    """Build ``model`` from the document (or the part of it at ``prefix``).

    Returns the item, or ``None`` and a problem for every error found.
    """
    data = document.data
    for part in prefix:
        data = data[part]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        problems = [_problem(model, document, source, detail, prefix) for detail in error.errors()]
        return None, problems


def _problem(model: type[BaseModel], document: YamlDocument, source: str, detail: dict, prefix: tuple) -> Problem:
    loc = _owning_field(detail)
    line = document.line_of(prefix + loc)
    message, hint = _explain(model, loc, detail)
    return Problem(source, line, field_label(loc), message, hint)


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


def _explain(model: type[BaseModel], loc: tuple, detail: dict) -> tuple[str, str]:
    kind, value, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(model, loc)
    if kind == "missing":
        return _missing(model, loc)
    if kind == "literal_error":
        return _not_allowed(model, loc, value)
    if kind == "string_pattern_mismatch":
        text, hint = _PATTERN_TEXT.get(context.get("pattern"), ("is not in the expected form", ""))
        return f"'{value}' {text}", hint
    if kind == "value_error":
        return _split_hint(str(context.get("error", detail["msg"])))
    if kind in ("too_short", "string_too_short") and isinstance(value, list):
        return "needs at least one item", "add an item on a line that starts with '- '"
    if kind == "string_too_long":
        return f"is too long ({len(value)} characters; at most {context.get('max_length')})", "shorten it"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {context.get('ge', context.get('gt'))}", "check the number"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {context.get('le', context.get('lt'))}", "check the number"
    if kind == "date_type" and isinstance(value, str) and value.strip()[:4].isdigit():
        return f"'{value}' is written as text, not a date", "remove the quotes around the date"
    if kind in _SIMPLE:
        text, hint = _SIMPLE[kind]
        shown = f"'{value}' " if isinstance(value, (str, int, float)) and not isinstance(value, bool) and value != "" else ""
        return (shown + text).strip(), hint
    return detail["msg"][0].lower() + detail["msg"][1:], "check this value against the examples in the README"


def _split_hint(text: str) -> tuple[str, str]:
    message, _, hint = text.partition("; ")
    return message, hint


def _unknown_key(model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    known = list(_fields_at(model, loc[:-1]))
    guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    if guess:
        return "is not a field we know", f"did you mean '{guess[0]}'?"
    return "is not a field we know", "remove it, or use one of: " + ", ".join(known)


def _missing(model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    info = _fields_at(model, loc[:-1]).get(str(loc[-1]))
    description = (info.description or "") if info else ""
    return "is missing", f"add '{loc[-1]}:' here" + (f" ({description.rstrip('.')})" if description else "")


def _not_allowed(model: type[BaseModel], loc: tuple, value: Any) -> tuple[str, str]:
    choices = _literal_choices(model, loc)
    guess = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    if guess:
        return f"'{value}' is not one of the choices", f"did you mean '{guess[0]}'?"
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
