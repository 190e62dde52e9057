"""Make imported fields fit the asset model, saying what was changed.

The model is the judge: the fields are validated, and each error is either
fixed (an optional value that does not fit is left out, a required one gets
a marked placeholder) or, when nothing sensible can be done, the record is
refused with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel

from signpost.check.validation import validate
from signpost.core.problems import Problem
from signpost.load.yamlsource import YamlDocument
from signpost.opendata.columns import base_type

# Not FILL IN: that marks a file started by `signpost new`, which check refuses even as a draft;
# an imported draft must pass check while staff finish it.
PLACEHOLDER = "MISSING"
PLACEHOLDER_EMAIL = "missing@example.invalid"
_ROUNDS = 40


def repair(model: type[BaseModel], data: dict, marks: dict[str, str], today: dt.date) -> tuple[Any, list[str], str | None]:
    """The item, the fixes made (one report text each) and, if it cannot be made, why."""
    fixes: list[str] = []
    for _ in range(_ROUNDS):
        item, problems = validate(model, YamlDocument(data), "")
        if item is not None:
            return item, fixes, None
        for problem in problems:
            fix = _fix(model, data, _path(problem.field), problem, marks, today)
            if fix is None:
                return None, fixes, f"{problem.explanation()} — fix it in the source, then import again"
            fixes.append(fix)
    return None, fixes, "has too many values that do not fit — fix them in the source, then import again"


def _path(label: str) -> tuple:
    """``schedule.sessions[2].starts`` → ``('schedule', 'sessions', 1, 'starts')``."""
    path: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", label):
        path.append(int(index) - 1 if index else name)
    return tuple(path)


def _fix(model: type[BaseModel], data: dict, path: tuple, problem: Problem, marks: dict[str, str], today: dt.date) -> str | None:
    value = _parent(data, path)
    shown = value[0].get(value[1]) if isinstance(value[0], dict) else None
    message = problem.message
    if isinstance(shown, (str, int, float)) and not isinstance(shown, bool) and str(shown) not in message:
        message = f"'{shown}' {message}"
    what = f"{problem.field}: {message}" if problem.field else message
    whole = _fix_group(data, path, marks)
    if whole:
        return f"{what} — {whole}"
    parent, key = _parent(data, path)
    if parent is None:
        return None
    if isinstance(key, int) or not _required(model, path):
        _remove(parent, key)
        if path[:2] == ("schedule", "sessions"):
            return f"{what} — that session is left out; add it by hand"
        return f"{what} — left out; fix it in the source or add it by hand"
    return _placeholder(data, path, marks, today, what)


def _fix_group(data: dict, path: tuple, marks: dict[str, str]) -> str | None:
    """Fixes for checks across the fields of a group, reported at the group."""
    if path == ("contact",):
        data["contact"]["email"] = PLACEHOLDER_EMAIL
        marks["contact"] = f"{PLACEHOLDER}: no usable phone, email or website in the source"
        return "a placeholder email address is put in, as a draft"
    if path == ("cost",):
        cost = data["cost"]
        if cost.get("free") is True and cost.get("amount") is not None:
            cost.pop("amount")
            return "the amount is left out"
        cost["note"] = f"{PLACEHOLDER}: what it costs."
        marks["cost"] = f"{PLACEHOLDER}: the source's price could not be read"
        return "a placeholder is put in, as a draft"
    if path == ("location",):
        data["location"].pop("latitude", None)
        data["location"].pop("longitude", None)
        return "the map position is left out"
    if path == ("audience",):
        data["audience"].pop("max_age", None)
        return "the oldest age is left out"
    if path == ("schedule",):
        data["schedule"]["note"] = f"{PLACEHOLDER}: when it meets."
        marks["schedule"] = f"{PLACEHOLDER}: the source's times could not be read"
        return "a placeholder is put in, as a draft"
    if len(path) >= 3 and path[:2] == ("schedule", "sessions") and isinstance(path[2], int):
        sessions = data["schedule"]["sessions"]
        if path[2] < len(sessions) and (len(path) == 3 or path[3] not in ("ends",)):
            sessions.pop(path[2])
            return "that session is left out; add it by hand"
    return None


def _parent(data: Any, path: tuple) -> tuple[Any, Any]:
    for part in path[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None, None
    return (data, path[-1]) if path and isinstance(data, (dict, list)) else (None, None)


def _remove(parent: Any, key: Any) -> None:
    if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
        parent.pop(key)
    elif isinstance(parent, dict):
        parent.pop(key, None)


def _required(model: type[BaseModel], path: tuple) -> bool:
    current: Any = model
    info = None
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return False
        info = current.model_fields[part]
        current = base_type(info.annotation)
        if hasattr(current, "__args__") and not isinstance(current, type):
            current = base_type(current.__args__[0])
    return bool(info and info.is_required())


def _placeholder(data: dict, path: tuple, marks: dict[str, str], today: dt.date, what: str) -> str | None:
    top = path[0]
    if top == "location":
        data.pop("location", None)
        return f"{what} — the place is left out; add it by hand"
    if top == "cost":
        data["cost"] = {"free": False, "note": f"{PLACEHOLDER}: what it costs."}
    elif path in (("summary",), ("description",)):
        data[top] = f"{PLACEHOLDER}: {'one plain sentence saying what it is' if top == 'summary' else 'more about it'}."
    elif path == ("last_checked",):
        data["last_checked"] = today
    else:
        return None
    marks[top] = f"{PLACEHOLDER}: the source's value could not be used"
    return f"{what} — a placeholder is put in, as a draft"
