"""Placeholders left in a file that ``signpost new`` started.

A new file says FILL IN wherever staff must write something. Each one left
is an error, named with the field and what the field is for, so ``check``
lists everything still to do at once and nothing half-written is published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from signpost.check.validation import field_label
from signpost.core.problems import Problem
from signpost.load.yamlsource import YamlDocument

PLACEHOLDER = "FILL IN"
_FENCE = re.compile(r"^-{3,}\s*$")


def with_placeholders(
    found: list[Problem], model: type[BaseModel], document: YamlDocument, source: str, markdown: str | None = None
) -> tuple[list[Problem], bool]:
    """Validation problems plus one for each placeholder; and whether any placeholder is left.

    A placeholder's line keeps only the placeholder's message: "'FILL IN' is
    not a date" says less than "still says FILL IN". ``markdown`` is the
    whole text of a Markdown file, whose body is searched too.
    """
    left = [
        Problem(source, document.line_of(path), field_label(path), f"still says {PLACEHOLDER}", _hint(model, path))
        for path in _placeholder_paths(document.data, ())
    ]
    if markdown is not None:
        left += _body_placeholders(markdown, source)
    lines = {problem.line for problem in left}
    return left + [problem for problem in found if problem.line not in lines], bool(left)


def _placeholder_paths(value: Any, path: tuple) -> Iterator[tuple]:
    if isinstance(value, str) and PLACEHOLDER in value:
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholder_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholder_paths(item, path + (index,))


def _hint(model: type[BaseModel], path: tuple) -> str:
    description = _description(model, [part for part in path if isinstance(part, str)])
    return f"replace {PLACEHOLDER} with the real details" + (f" ({description.rstrip('.')})" if description else "")


def _description(model: Any, keys: list[str]) -> str:
    """The description of the field at ``keys``, looking through lists and optional blocks."""
    info = None
    for key in keys:
        fields = getattr(model, "model_fields", {})
        info = fields.get(key)
        if info is None:
            return ""
        model = _inner_model(info.annotation)
    return (info.description or "") if info else ""


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _body_placeholders(text: str, source: str) -> list[Problem]:
    lines = text.splitlines()
    fences = [number for number, line in enumerate(lines) if _FENCE.match(line)]
    start = fences[1] + 1 if len(fences) > 1 and fences[0] == 0 else len(lines)
    return [
        Problem(
            source,
            number + 1,
            "",
            f"the text below the front matter still says {PLACEHOLDER}",
            "replace that line with the text for the page, in Markdown, or delete it",
        )
        for number in range(start, len(lines))
        if PLACEHOLDER in lines[number]
    ]
