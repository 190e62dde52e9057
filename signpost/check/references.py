"""Check that every id and file name one file mentions points at something real."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from signpost.check.guess import guess_record
from signpost.check.validation import field_label
from signpost.core.content import Content, Record, why_hidden
from signpost.core.kinds import KINDS, TAXONOMIES, ContentKind, Reference
from signpost.core.problems import Problem
from signpost.load.sourcelines import record_line

# How a staff member would name each kind a newsletter can list.
# Where a reference to something unpublished is left out, as staff would say it.
_LEFT_OUT_OF = {"newsletter": "this issue and its emails"}


def check_references(content: Content) -> list[Problem]:
    """Every broken reference (an error), and notes on unpublished targets, freshness and consent (warnings).

    The references are the ones each kind declares in :data:`signpost.core.kinds.KINDS`.
    """
    problems: list[Problem] = []
    for kind in KINDS.values():
        for record in getattr(content, kind.attribute).values():
            for reference in kind.references:
                problems.extend(_reference_problems(content, kind, record, reference))
            if kind.name in _RECORD_CHECKS:
                problems.extend(_RECORD_CHECKS[kind.name](content, record))
    return problems


def _reference_problems(content: Content, kind: ContentKind, record: Record, reference: Reference) -> Iterator[Problem]:
    """The problems of one reference field of one record."""
    field, _, item_kind = reference.field.partition(".")
    value = getattr(record.item, field)
    if reference.target in TAXONOMIES:
        taxonomy = TAXONOMIES[reference.target]
        groups = getattr(content, taxonomy.attribute)
        named = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, identifier in named:
            if identifier not in groups:
                path = (field,) if index is None else (field, index)
                yield _missing(record, path, identifier, groups, taxonomy.noun, f"content/{taxonomy.file}")
    elif item_kind:
        stems = [(index, item.stem) for index, item in enumerate(value) if item.kind == item_kind]
        yield from _links(content, kind, record, reference, [((field, index, item_kind), stem) for index, stem in stems])
    else:
        yield from _links(content, kind, record, reference, [((field, index), stem) for index, stem in enumerate(value)])


def _missing(record: Record, path: tuple, value: str, known: dict, what: str, where: str) -> Problem:
    guess = guess_record(value, known, itself=record)
    hint = f"did you mean '{guess}'?" if guess else f"use one of the {what} ids in {where}"
    return Problem(record.source, record_line(record, *path), field_label(path), f"'{value}' is not a known {what}", hint)


# What staff can do about a reference to something not published, by reason.
_FIXES = {
    "it is a draft": "remove it from this list, or publish it by taking out draft: true in its file",
    "no consent to publish is recorded": "remove it from this list, unless consent is being recorded again in the story's file",
    "it is closed": "remove it from this list, or change the activity's status in its file if it has opened again",
}


def _hidden(record: Record, path: tuple, value: str, reason: str, where: str) -> Problem:
    """A warning, not an error: a withdrawn item must leave the site at once, whatever refers to it."""
    # A closed activity keeps its page, so it is not "unpublished": it is just not offered.
    state = "is closed" if reason == "it is closed" else f"is not published ({reason})"
    return Problem(
        record.source,
        record_line(record, *path),
        field_label(path),
        f"'{value}' {state}, so it is left out of {where}",
        _FIXES[reason],
        "warning",
    )


def _links(
    content: Content, kind: ContentKind, record: Record, reference: Reference, named: list[tuple[tuple, str]]
) -> Iterator[Problem]:
    """Each named record of the reference's kind: missing (an error), itself, or not published (a warning)."""
    target_kind = KINDS[reference.target]
    records = getattr(content, target_kind.attribute)
    where = f"content/{target_kind.folder} (the file name without {target_kind.suffix})"
    for path, stem in named:
        target = records.get(stem)
        if target is None and stem in content.unreadable.get(target_kind.attribute, ()):
            continue  # the file's own errors say enough
        if target is None:
            yield _missing(record, path, stem, records, target_kind.noun, where)
        elif target is record:
            yield Problem(
                record.source,
                record_line(record, *path),
                field_label(path),
                f"an {target_kind.noun} cannot connect to itself",
                "remove this line",
            )
        elif kind.published(record.item) and (reason := why_hidden(target.item)):
            yield _hidden(record, path, stem, reason, _LEFT_OUT_OF.get(kind.name, "this page"))


def _freshness(content: Content, record: Record) -> Iterator[Problem]:
    checked = record.item.last_checked
    age = (content.today - checked).days
    if checked > content.today:
        yield Problem(
            record.source,
            record_line(record, "last_checked"),
            "last_checked",
            f"{checked.isoformat()} is in the future",
            "use the date the details were checked, as YYYY-MM-DD",
        )
    elif age > content.site.review_after_days and not record.item.draft:
        yield Problem(
            record.source,
            record_line(record, "last_checked"),
            "last_checked",
            f"was {age} days ago",
            "check the details are still right, then set last_checked to today's date",
            "warning",
        )


def _consent(content: Content, record: Record) -> Iterator[Problem]:
    story = record.item
    if not story.draft and not story.publishable:
        yield Problem(
            record.source,
            record_line(record, "consent") if story.consent else 1,
            "consent",
            "no consent to publish is recorded, so this story will not appear on the site",
            "add consent: with given: true, date and recorded_by once the person has agreed",
            "warning",
        )


# Checks of a record beyond its references, by kind.
_RECORD_CHECKS: dict[str, Callable[[Content, Record], Iterator[Problem]]] = {"asset": _freshness, "case_study": _consent}
