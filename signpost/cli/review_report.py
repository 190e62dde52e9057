"""``signpost review``: the activities due a check, printed for staff, for CI or for a GitHub issue.

Four styles: ``text`` for a person at a terminal (with staff notes, since
only staff run it); ``github`` for a workflow log, as warnings beside each
file's ``last_checked`` line, never failures; ``markdown`` for the body of
the GitHub issue the daily workflow keeps for each stage; ``json`` for other
tools. The last three may end up somewhere public (a GitHub issue), so they
are made from the public copy of the content and show only what the
activity's own page shows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable

from signpost.check.loader import load_content
from signpost.collect.review import (
    STAGE_NAMES,
    STAGES,
    ReviewEntry,
    ReviewPeriod,
    by_stage_and_area,
    default_period,
    review_entries,
)
from signpost.core import humanize
from signpost.core.content import Content
from signpost.core.kinds import KINDS
from signpost.core.problems import ContentError, Problem, errors_in
from signpost.load.sourcelines import record_line

STYLES = ("text", "github", "markdown", "json")
HELP = "List the activities due a check, most overdue first, grouped by area, with who to ring."
STAGES_HELP = (
    "Stages, in whole calendar months since last_checked, for a review period of N months: "
    "due a check at N months or more; overdue at N + 3 or more; very overdue at 2N or more (and never under N + 6). "
    "N is --months, or else review_after_days from site.yml in months (365 days is 12, so 12, 15 and 24 months). "
    "Very overdue activities are listed last on the site and their pages say they may be out of date. "
    "Drafts and closed activities are left out. The list never fails a check: it is a reminder."
)
_HINT = "check the details with them, then set last_checked to the date you checked"


def add_options(command: argparse.ArgumentParser) -> None:
    """The ``review`` command's own options."""
    command.epilog = STAGES_HELP
    command.add_argument("--months", type=_months, default=None, help="The review period N in months (default: from site.yml).")
    command.add_argument(
        "--stage", choices=STAGES, action="append", default=None, help="Only this stage; repeat for more (default: all three)."
    )
    command.add_argument(
        "--area", action="append", default=None, help="Only activities in this area (an id from areas.yml); repeat for more."
    )
    command.add_argument(
        "--format",
        choices=STYLES,
        default="text",
        help="text (default, with staff notes), github (workflow warnings), markdown (an issue body) or json.",
    )


def _months(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 120:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of months from 1 to 120")
    return int(value)


def run(args: argparse.Namespace, today) -> int:
    """Print the review list in the chosen style; exit 0 whatever it holds."""
    content, problems = load_content(args.content, today)
    if content is None or errors_in(problems):
        raise ContentError(problems)
    if args.format != "text":
        content = content.public()  # may be published (an issue): nothing staff-only
    period = ReviewPeriod(args.months) if args.months else default_period(content.site)
    stages = [stage for stage in STAGES if stage in (args.stage or STAGES)]
    unknown = sorted(set(args.area or ()) - set(content.areas))
    if unknown:
        print(f"--area: {', '.join(unknown)} is not in areas.yml — use one of {', '.join(content.areas)}", file=sys.stderr)
        return 2
    entries = [
        entry
        for entry in review_entries(content, period)
        if entry.stage in stages and entry.asset.area in (args.area or content.areas)
    ]
    printer: Callable = {"text": as_text, "github": as_github, "markdown": as_markdown, "json": as_json}[args.format]
    print(printer(content, entries, period, stages))
    if args.format != "json":
        print(counts(entries, stages), file=sys.stderr)
    return 0


def counts(entries: list[ReviewEntry], stages: list[str]) -> str:
    """``2 very overdue, 0 overdue, 5 due a check.``"""
    parts = [f"{sum(entry.stage == stage for entry in entries)} {STAGE_NAMES[stage].lower()}" for stage in stages]
    return ", ".join(parts) + "."


def as_text(content: Content, entries: list[ReviewEntry], period: ReviewPeriod, stages: list[str]) -> str:
    """For a person: each stage, each area, each activity with its contact and file."""
    lines = [f"Activities to check on {humanize.short_date(content.today)}. {period.describe()}"]
    groups = by_stage_and_area(content, entries)
    for stage in stages:
        total = sum(len(items) for items in groups[stage].values())
        lines += ["", f"{STAGE_NAMES[stage]}: {total or 'none'}"]
        for area, items in groups[stage].items():
            lines.append(f"  {area}")
            for entry in items:
                lines.append(f"    {entry.asset.name}: {entry.summary()}")
                lines += [f"      {line}" for line in entry.contact_lines()]
                if entry.asset.staff_notes:
                    notes = entry.asset.staff_notes.strip().splitlines()
                    lines += [f"      Staff notes: {notes[0]}", *(f"                   {line}" for line in notes[1:])]
                lines.append(f"      {entry.record.source}:{record_line(entry.record, 'last_checked')}")
    lines += ["", "Ring or email each one, then set last_checked to the date you checked."]
    return "\n".join(lines)


def as_github(content: Content, entries: list[ReviewEntry], period: ReviewPeriod, stages: list[str]) -> str:
    """One workflow warning per activity, beside its ``last_checked`` line."""
    return "\n".join(_problem(entry).as_github() for entry in entries)


def _problem(entry: ReviewEntry) -> Problem:
    ring = "; ".join(entry.contact_lines())
    return Problem(
        entry.record.source,
        record_line(entry.record, "last_checked"),
        "last_checked",
        f"{STAGE_NAMES[entry.stage].lower()}: {entry.asset.name} was {entry.summary()}",
        f"{_HINT} ({ring})" if ring else _HINT,
        "warning",
    )


def as_markdown(content: Content, entries: list[ReviewEntry], period: ReviewPeriod, stages: list[str]) -> str:
    """An issue body: what to do, then each stage's activities by area, linked to their pages and files."""
    lines = [
        f"Activities to check, as of {humanize.short_date(content.today)}. {period.describe()}",
        "",
        "Ring or email each one, update its file and set `last_checked` to the date you checked. "
        "An activity leaves this list once its file is updated; the list is rewritten every day.",
    ]
    groups = by_stage_and_area(content, entries)
    for stage in stages:
        total = sum(len(items) for items in groups[stage].values())
        lines += ["", f"## {STAGE_NAMES[stage]} ({total})"]
        if not total:
            lines += ["", "Nothing at this stage."]
        for area, items in groups[stage].items():
            lines += ["", f"### {_md(area)}", ""]
            lines += [_markdown_entry(content, entry) for entry in items]
    return "\n".join(lines)


def _markdown_entry(content: Content, entry: ReviewEntry) -> str:
    page = content.site.absolute(KINDS["asset"].url(entry.record.stem))
    contact = " ".join(_md(_sentence(line)) for line in entry.contact_lines())
    edit = content.site.edit_url(content.relative_source(entry.record))
    source = _repository_source(content, entry)
    file_link = f"[Edit `{source}`]({edit})" if edit else f"`{source}`"
    return f"- [{_md(entry.asset.name)}]({page}): {entry.summary()}. {contact} {file_link}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _repository_source(content: Content, entry: ReviewEntry) -> str:
    """The entry's file as the repository names it: ``content/assets/x.yml``."""
    return f"{content.site.content_folder.strip('/')}/{content.relative_source(entry.record)}"


def _md(text: str) -> str:
    """Plain text made safe in Markdown: punctuation escaped, and no '@name' that would notify someone."""
    text = re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", text)
    return re.sub(r"(?<!\w)@(?=\w)", "@\u200b", text)


def as_json(content: Content, entries: list[ReviewEntry], period: ReviewPeriod, stages: list[str]) -> str:
    """Each activity as a JSON object, in the same order."""
    return json.dumps(
        [
            {
                "stage": entry.stage,
                "name": entry.asset.name,
                "area": entry.asset.area,
                "last_checked": entry.asset.last_checked.isoformat(),
                "months": entry.months,
                "contact": entry.contact_lines(),
                "source": _repository_source(content, entry),
                "line": record_line(entry.record, "last_checked"),
                "url": content.site.absolute(KINDS["asset"].url(entry.record.stem)),
            }
            for entry in entries
        ],
        indent=2,
        ensure_ascii=False,
    )
