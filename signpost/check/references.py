"""Check that every id and file name one file mentions points at something real."""

from __future__ import annotations

from collections.abc import Iterator

from signpost.check.guess import guess_record
from signpost.check.validation import field_label
from signpost.core.content import Content, Record, why_hidden
from signpost.core.kinds import KINDS
from signpost.core.problems import Problem
from signpost.load.sourcelines import record_line

# How a staff member would name each kind a newsletter can list.
_NEWSLETTER_WORDS = {"news": "news post", "event": "event", "case_study": "case study"}


def check_references(content: Content) -> list[Problem]:
    """Every broken reference (an error), and notes on unpublished targets, freshness and consent (warnings)."""
    problems: list[Problem] = []
    for asset in content.assets.values():
        problems.extend(_asset_problems(content, asset))
    for story in content.case_studies.values():
        problems.extend(_case_study_problems(content, story))
    for issue in content.newsletters.values():
        problems.extend(_newsletter_problems(content, issue))
    return problems


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


def _asset_problems(content: Content, record: Record) -> Iterator[Problem]:
    asset = record.item
    for index, domain in enumerate(asset.domains):
        if domain not in content.domains:
            yield _missing(record, ("domains", index), domain, content.domains, "domain", "content/domains.yml")
    if asset.area not in content.areas:
        yield _missing(record, ("area",), asset.area, content.areas, "area", "content/areas.yml")
    yield from _asset_links(content, record, ("connections",), asset.connections, published=not asset.draft)
    yield from _freshness(content, record)


def _asset_links(content: Content, record: Record, field: tuple, stems: list[str], published: bool) -> Iterator[Problem]:
    for index, stem in enumerate(stems):
        target = content.assets.get(stem)
        if target is None and stem in content.unreadable.get("assets", ()):
            continue
        if target is None:
            yield _missing(record, field + (index,), stem, content.assets, "asset", "content/assets (the file name without .yml)")
        elif stem == record.stem:
            yield Problem(
                record.source,
                record_line(record, *field, index),
                field_label(field + (index,)),
                "an asset cannot connect to itself",
                "remove this line",
            )
        elif published and (reason := why_hidden(target.item)):
            yield _hidden(record, field + (index,), stem, reason, "this page")


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


def _case_study_problems(content: Content, record: Record) -> Iterator[Problem]:
    story = record.item
    yield from _asset_links(content, record, ("assets_used",), story.assets_used, published=story.publishable)
    if not story.draft and not story.publishable:
        yield Problem(
            record.source,
            record_line(record, "consent") if story.consent else 1,
            "consent",
            "no consent to publish is recorded, so this story will not appear on the site",
            "add consent: with given: true, date and recorded_by once the person has agreed",
            "warning",
        )


def _newsletter_problems(content: Content, record: Record) -> Iterator[Problem]:
    for index, item in enumerate(record.item.items):
        kind = KINDS[item.kind]
        attribute, what, where = kind.attribute, _NEWSLETTER_WORDS[item.kind], f"content/{kind.folder}"
        path = ("items", index, item.kind)
        if item.stem in content.unreadable.get(attribute, ()):
            continue
        target = getattr(content, attribute).get(item.stem)
        if target is None:
            yield _missing(record, path, item.stem, getattr(content, attribute), what, where)
        elif not record.item.draft and (reason := why_hidden(target.item)):
            yield _hidden(record, path, item.stem, reason, "this issue and its emails")
