"""Fields renamed or removed between versions of Signpost, for every kind of file.

A site pins the Signpost version it was written for. When a later version
renames or removes a field, the site's files still use the old name; ``check``
reads this table to say, at the old field's line, what the field is called
now (see :mod:`signpost.check.validation`), rather than calling it a field it
does not know. CHANGELOG.md lists every entry under its version
(``tests/test_renames.py`` holds the two together).

To rename a field: rename it in its model, add an entry here with the
version it changes in, and a line for it (:meth:`FieldChange.changelog_line`)
under that version's "Renamed fields" in CHANGELOG.md. Never reuse an old name
for a new field: the entry would then call the new field old.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from signpost.core.kinds import KINDS, SITE_FILE, SITE_MODEL, TAXONOMIES

# The name the table uses for the site settings file; the other files are
# named by their kind (KINDS) or taxonomy (TAXONOMIES).
SITE_SETTINGS = "site"


@dataclass(frozen=True)
class FieldChange:
    """One field renamed or removed in one version, in one kind of file.

    ``path`` is the old field's place in a record, with its blocks joined by
    dots and list items left out: ``schedule.sessions.days`` is ``days:`` in
    any item of ``sessions:`` under ``schedule:``. ``now`` is its new name in
    the same block, or ``None`` when the field was removed; ``instead`` then
    says what to do with its value.
    """

    version: str
    kind: str
    path: str
    now: str | None = None
    instead: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        """The old path as field names: ``("schedule", "sessions", "days")``."""
        return tuple(self.path.split("."))

    @property
    def new_path(self) -> str | None:
        """The field's full path today, or ``None`` when it was removed."""
        return ".".join((*self.parts[:-1], self.now)) if self.now else None

    def changelog_line(self) -> str:
        """The line CHANGELOG.md gives this change under its version."""
        place = f"{files_of(self.kind)}: `{self.path}:`"
        if self.now:
            return f"- {place} is now `{self.new_path}:` — rename it."
        return f"- {place} was removed — {self.instead}."


# Empty so far: no field has been renamed or removed since 0.1.0.
FIELD_CHANGES: tuple[FieldChange, ...] = ()


def files_of(kind: str) -> str:
    """Where the files of ``kind`` are, as staff see them: ``content/assets/``."""
    if kind == SITE_SETTINGS:
        return f"content/{SITE_FILE}"
    if kind in TAXONOMIES:
        return f"content/{TAXONOMIES[kind].file}"
    return f"content/{KINDS[kind].folder}/"


def changes_for(kind: str, table: Iterable[FieldChange] = FIELD_CHANGES) -> tuple[FieldChange, ...]:
    """The entries of ``table`` for one kind of file, oldest version first."""
    return tuple(sorted((change for change in table if change.kind == kind), key=lambda change: _version_key(change.version)))


def latest(change: FieldChange, changes: Iterable[FieldChange]) -> FieldChange:
    """The last change in a chain: renamed in 0.2, then renamed again (or removed) in 0.4.

    A site two versions behind is told today's name, not the one in between.
    ``changes`` are one kind's entries, oldest first (see :func:`changes_for`).
    """
    later = [entry for entry in changes if _version_key(entry.version) > _version_key(change.version)]
    for entry in later:
        if change.new_path == entry.path:
            change = entry
    return change


def table_mistakes(table: Iterable[FieldChange] = FIELD_CHANGES) -> list[str]:
    """What is wrong with the entries of ``table``, one sentence each; none for a sound table.

    An old name that is still a field would call good content old, and a new
    name that is not a field would send staff to a name that fails too.
    """
    table = tuple(table)
    mistakes = []
    for change in table:
        model = _model_of(change.kind)
        if model is None:
            mistakes.append(f"{change.path}: '{change.kind}' is not a kind of file")
            continue
        if not re.fullmatch(r"\d+\.\d+\.\d+", change.version):
            mistakes.append(f"{change.path}: the version '{change.version}' is not like 0.2.0")
        if change.parts[-1] in _fields(model, change.parts[:-1]):
            mistakes.append(f"{change.path}: '{change.parts[-1]}' is still a field of {change.kind}")
        final = latest(change, changes_for(change.kind, table))
        if final.now and final.now not in _fields(model, final.parts[:-1]):
            mistakes.append(f"{change.path}: its new name '{final.new_path}' is not a field of {change.kind}")
        if final.now is None and not final.instead:
            mistakes.append(f"{change.path}: removed, but it does not say what to do instead")
    return mistakes


def _model_of(kind: str) -> type[BaseModel] | None:
    if kind == SITE_SETTINGS:
        return SITE_MODEL
    if kind in TAXONOMIES:
        return TAXONOMIES[kind].model
    return KINDS[kind].model if kind in KINDS else None


def _fields(model: type[BaseModel], names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of the block at ``names`` (lists looked through), or none when there is no such block."""
    current: type[BaseModel] | None = model
    for name in names:
        info = current.model_fields.get(name) if current else None
        current = _model_in(info.annotation) if info else None
    return current.model_fields if current else {}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as ``list[Session]`` or ``Place | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for argument in typing.get_args(annotation) if (found := _model_in(argument))), None)


def _version_key(version: str) -> tuple[int, ...]:
    """``"0.10.0"`` after ``"0.9.1"``: versions compare by their numbers."""
    return tuple(int(number) for number in version.split(".") if number.isdigit())
