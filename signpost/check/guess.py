"""Guess which id, choice or field someone meant from what they typed.

Staff type what they see: a domain's name as the site shows it ("Sport and
exercise"), a place with capitals ("Moor Villages"), a file name with its
ending ("northgate-mens-shed.yml"), a day cut short ("Tues"). Each is
tidied the way an id is written, then matched against the ids and the names
people know them by: whole, then by its start, then by its letters in
order, then by spelling.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from signpost.core.kinds import KINDS, target_attribute

# Which fields hold the id of another record, by the field's place (list
# positions left out), and where those records are kept in Content.
REFERENCE_FIELDS = {
    reference.path: target_attribute(reference.target) for kind in KINDS.values() for reference in kind.references
}


def tidy(text: str) -> str:
    """``text`` written the way an id is: 'Moor Villages.yml' → 'moor-villages'."""
    text = re.sub(r"\.(ya?ml|md)$", "", str(text).strip().strip("'\"").lower())
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def guess(value: Any, choices: Mapping[str, Iterable[str]] | Iterable[str], exclude: Iterable[str] = ()) -> str | None:
    """The choice ``value`` most likely means, or None.

    ``choices`` are ids, or ids mapped to the other names people call them
    by (the name shown on the site). Ids in ``exclude`` are never guessed.
    """
    names = _names(choices, set(exclude))
    wanted = tidy(value)
    if not wanted or not names:
        return None
    if wanted in names:
        return names[wanted]
    for matches in (_starting(wanted, names), _in_order(wanted, names)):
        if len(set(matches)) == 1:
            return matches[0]
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def guess_hint(value: Any, choices: Mapping[str, Iterable[str]] | Iterable[str], exclude: Iterable[str] = ()) -> str | None:
    """How to write ``value`` as one of ``choices``, in words for staff; None when nothing fits."""
    found = guess(value, choices, exclude)
    if found is None:
        return None
    if tidy(value) != tidy(found):
        shown = choices.get(found, ()) if isinstance(choices, Mapping) else ()
        if any(tidy(value) == tidy(name) for name in shown):
            return f"that is the name shown on the site; write its id, '{found}'"
        return f"did you mean '{found}'?"
    if re.search(r"\.(ya?ml|md)$", str(value).strip()):
        return f"leave out the file's ending: '{found}'"
    return f"write it as '{found}'"


def guess_record(value: Any, records: Mapping[str, Any], itself: Any = None) -> str | None:
    """The id in ``records`` (id → Record) that ``value`` most likely means; never ``itself``."""
    return guess(value, names_of(records), [stem for stem, record in records.items() if record is itself])


def names_of(records: Mapping[str, Any]) -> dict[str, list[str]]:
    """Each record's id with the name or title people see on the site."""
    return {stem: _shown_names(record) for stem, record in records.items()}


def reference_choices(loc: tuple, known: Mapping[str, Mapping[str, Iterable[str]]]) -> Mapping[str, Iterable[str]] | None:
    """The ids (with their names) a field at ``loc`` may refer to, if it refers to any."""
    where = REFERENCE_FIELDS.get(tuple(part for part in loc if not isinstance(part, int)))
    return known.get(where) if where else None


def _shown_names(record: Any) -> list[str]:
    item = getattr(record, "item", record)
    return [str(getattr(item, name)) for name in ("name", "title") if isinstance(getattr(item, name, None), str)]


def _names(choices: Mapping[str, Iterable[str]] | Iterable[str], exclude: set[str]) -> dict[str, str]:
    """Every tidied id and name, mapped to its id; ids come first so a name never hides one."""
    given = choices.items() if isinstance(choices, Mapping) else ((choice, ()) for choice in choices)
    pairs = [(str(choice), list(others)) for choice, others in given if str(choice) not in exclude]
    names = {tidy(choice): choice for choice, _ in pairs}
    for choice, others in pairs:
        for other in others:
            names.setdefault(tidy(other), choice)
    return {name: choice for name, choice in names.items() if name}


def _starting(wanted: str, names: dict[str, str]) -> list[str]:
    # "tues" → tuesday, "moor" → moor-villages; three letters at least, or "e" would match everything.
    return [choice for name, choice in names.items() if len(wanted) >= 3 and name.startswith(wanted)]


def _in_order(wanted: str, names: dict[str, str]) -> list[str]:
    # "weds" → wednesday, "thur" → thursday: a short word's letters in order, from the first.
    if not 3 <= len(wanted) <= 5 or "-" in wanted:
        return []
    pattern = re.compile(".*".join(map(re.escape, wanted)))
    return [choice for name, choice in names.items() if pattern.match(name)]
