"""Explain a field written under a name an earlier version of Signpost used.

Every model forbids fields it does not know, so pydantic reports an old name
as an unknown field. :func:`renamed_fields` picks out those whose place
matches an entry of the table in :mod:`signpost.core.renames`; validation then
says what the field is called now, instead of "is not a field we know".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from signpost.core.renames import FieldChange, latest


def renamed_fields(details: list[dict], changes: Sequence[FieldChange]) -> dict[tuple, FieldChange]:
    """The unknown fields among pydantic's ``details`` that ``changes`` renamed or removed, by place.

    Each maps to the last change in its chain, so a site several versions
    behind is told today's name.
    """
    by_path = {change.parts: change for change in changes}
    found = {}
    for detail in details:
        loc = tuple(detail["loc"])
        change = by_path.get(_names(loc)) if detail["type"] == "extra_forbidden" else None
        if change is not None:
            found[loc] = latest(change, changes)
    return found


def explained(renamed: Mapping[tuple, FieldChange]) -> set[tuple]:
    """The errors these old names account for: their own, and the new name missing beside each."""
    told = set(renamed)
    told.update(loc[:-1] + (change.now,) for loc, change in renamed.items() if change.now)
    return told


def explain_change(change: FieldChange, block: Any) -> tuple[str, str]:
    """What to tell staff about an old field written in ``block`` (the lines around it)."""
    if change.now is None:
        return f"was removed in Signpost {change.version}", change.instead
    message = f"is called '{change.now}' since Signpost {change.version}"
    if isinstance(block, dict) and change.now in block:
        return message, f"'{change.now}:' is here too, so keep one of them and delete the other"
    return message, f"rename it to '{change.now}:'"


def _names(loc: tuple) -> tuple:
    """The field names in a place, without list positions: what a table entry's path holds."""
    return tuple(part for part in loc if isinstance(part, str))
