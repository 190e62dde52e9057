"""Explain a Markdown file's '---' fence lines at the line that is wrong.

The fields of an event, story, news post or newsletter sit between two
lines of exactly three hyphens. When those cannot be found, the splitter
only knows that something is missing; here we look at the lines to say
which one is wrong: a fence of two dashes, a long dash typed by a word
processor, empty lines above the first fence, or a closing fence left out.
"""

from __future__ import annotations

import re

from signpost.core.problems import Problem
from signpost.load.sourcelines import FrontMatterError
from signpost.load.yaml_layout import yaml_lines

_FENCE = re.compile(r"-{3,}[ \t]*")
# Lines someone meant as a fence: one, two or spaced-out dashes, long dashes, or '...'.
_NEAR_FENCE = re.compile(
    r"[ \t]*(?:-{1,2}|(?:- ){1,}-|[-\u2010-\u2015\u2212 ]*[\u2010-\u2015\u2212][-\u2010-\u2015\u2212 ]*|\.{3})[ \t]*"
)
# A line that can belong to the fields: blank, indented, a comment, a list item or 'field:'.
_FIELD_LINE = re.compile(r"(?:\s.*|#.*|-(?:\s.*)?|[\w .'-]+:(?:\s.*)?|)")


def fence_problem(text: str, source: str, error: FrontMatterError) -> Problem:
    """The fence mistake behind ``error``, at its own line, in plain words."""
    lines = yaml_lines(text)
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Problem(source, error.line, "", error.message, error.hint)
    if _FENCE.fullmatch(lines[first]):
        if first > 0:
            return Problem(
                source,
                1,
                "",
                f"starts with {_count(first, 'empty line')} before the '---' line",
                "delete the empty lines: '---' must be the very first line",
            )
        return _closing_problem(lines, source)
    if _NEAR_FENCE.fullmatch(lines[first]):
        return Problem(
            source,
            first + 1,
            "",
            f"starts with {_describe(lines[first])} instead of '---'",
            "the first line must be exactly three hyphens: ---",
        )
    return Problem(source, error.line, "", error.message, error.hint)


def _closing_problem(lines: list[str], source: str) -> Problem:
    for number, line in enumerate(lines[1:], 2):
        if _NEAR_FENCE.fullmatch(line):
            return Problem(
                source,
                number,
                "",
                f"is {_describe(line)}, so the fields are not closed",
                "the line after the last field must be exactly three hyphens: ---",
            )
        if not _FIELD_LINE.fullmatch(line):
            return Problem(
                source,
                number,
                "",
                "the fields are not closed before this line",
                "add a line of exactly three hyphens (---) above it, after the last field",
            )
    return Problem(
        source, len(lines), "", "the fields are not closed", "add a line of exactly three hyphens (---) after the last field"
    )


def _describe(line: str) -> str:
    marks = line.strip()
    if marks == "...":
        return "a line of three dots"
    if set(marks) - {"-", " "}:
        return "a line with a long dash (—), which a word processor may have typed for ---"
    dashes = marks.count("-")
    return f"a line of {_count(dashes, 'dash', 'dashes')}" + (" with spaces between them" if " " in marks else "")


def _count(number: int, word: str, plural: str = "") -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"
