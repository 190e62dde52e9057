"""Refuse YAML that could make a check run for minutes or fill the memory.

A 1 KB file of anchors and aliases ("&name", "*name") can stand for billions
of values once expanded, and a file nested thousands of levels deep can
exhaust the stack. Content files need neither, so these limits are checked
before anything is built from a file:

* no anchors, aliases or ``<<`` merge keys at all (repeat the values instead);
* at most :data:`MAX_DEPTH` lists or field groups inside one another;
* at most :data:`MAX_NODES` values in one file;
* at most :data:`MAX_FILE_BYTES` bytes in one file (checked before reading).

Almost every real file is far inside the limits, and a few string searches
prove it without parsing; only a file that might break a limit is read event
by event (which neither recurses as it nests nor expands an alias), stopping
at the first problem, before anything is composed from it.

Events come from libyaml where it is installed. Since PyYAML 6.0.4 libyaml
refuses nesting past 1,000 levels itself, and its scanner reads up to a
thousand brackets ahead before the first event, so a deep file fails there
before any depth is counted. The count then runs again on PyYAML's own
parser, which is slower but has no such limit and no recursion, so the file
gets the same plain message whichever PyYAML is installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from signpost.core.problems import Problem

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 20_000

# A YAML value takes at least two characters per three values (``[:,:]``
# holds a list, a mapping, a key and a value in four characters), so a
# shorter file cannot hold more than MAX_NODES values and needs no count.
_COUNT_ABOVE_CHARS = MAX_NODES * 2 // 3 - 1_000

# "&name" or "*name" where a value can start (line start, after a space or a
# flow bracket or comma). This also matches "**bold**" in block text or
# "Tom &Jerry"; the exact check then clears those.
_MAYBE_ANCHOR = re.compile(r"(?<![^\s\[{,])[&*][^\s\[\]{},]")

# After a line break: the line's indentation and the "- ", "? " or ": "
# indicators that open a block collection on the same line. (Starting with a
# plain "\n" lets the regular expression engine skip quickly to each line.)
_LINE_START = re.compile(r"\n *(?:(?:---|[-?:])[ \t]+)*")

# The fast parser first; the pure-Python one when the fast one gives up.
_PARSERS = tuple(dict.fromkeys((getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)))


def size_problem(path: Path, source: str) -> Problem | None:
    """A problem when the file at ``path`` is too large to read, from its size alone."""
    size = path.stat().st_size
    return _too_large(source, size) if size > MAX_FILE_BYTES else None


def limits_problem(text: str, source: str, line_offset: int = 0) -> Problem | None:
    """The first way ``text`` breaks the limits above, or None when it keeps them.

    ``line_offset`` is added to every line, as for :func:`signpost.load.yamlsource.parse_yaml`.
    """
    if len(text) > MAX_FILE_BYTES:  # a character is at least one byte
        return _too_large(source, len(text.encode("utf-8", "replace")))
    if not _may_break_limits(text):
        return None
    return _scan(text, source, line_offset)


def _may_break_limits(text: str) -> bool:
    """False only when the text surely has no shortcut and is neither too deep nor too big."""
    if len(text) > _COUNT_ABOVE_CHARS or "<<" in text:
        return True
    # Plain "in" tests are many times faster than any regular expression.
    if ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text) is not None:
        return True
    bound = _depth_bound(text)
    return bound is None or bound > MAX_DEPTH


def _depth_bound(text: str) -> int | None:
    """A number the nesting depth of ``text`` cannot exceed, found without parsing (None: no quick bound).

    Each flow collection opens with its own "[" or "{". Block collections
    nest by column: a child starts right of its parent, except a list under
    a field, which may start at the field's column; so at most two nested
    block collections share a column, and each column is a line's indentation
    or the place just after one "- ", "? " or ": " at its start.
    """
    columns: set[int] = set()
    for start in set(_LINE_START.findall("\n" + text)):
        indicators = start.split()  # the line break and spaces go; "-", "?" or ":" stay
        if len(indicators) > 1:
            return None  # "- - x" opens two lists on one line, at columns not counted here
        columns.add(len(start) - 1 - len(start.lstrip("\n ")))  # the indentation
        columns.add(len(start) - 1)  # just after the indicator, if any
    return 2 * len(columns) + text.count("[") + text.count("{")


def _scan(text: str, source: str, line_offset: int) -> Problem | None:
    """The first limit ``text`` breaks, read from its events; None when it keeps them or is broken YAML.

    Broken YAML is left for parsing to report, with its own plain words.
    """
    for parser_class in _PARSERS:
        try:
            return _first_broken_limit(parser_class(text), source, line_offset)
        except yaml.YAMLError:
            continue  # broken, or too deep for libyaml: try the next parser
    return None


def _first_broken_limit(parser: yaml.SafeLoader, source: str, line_offset: int) -> Problem | None:
    """Read the parser's events in order; stop at the first limit they break."""
    depth = nodes = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                problem = _shortcut(event) or _count(nodes)
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    problem = problem or _depth(depth)
                if problem:
                    # PyYAML's stubs allow no mark, but its parser marks every event it makes.
                    return Problem(source, event.start_mark.line + 1 + line_offset, "", *problem)  # type: ignore[union-attr]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()
    return None


def _shortcut(event: yaml.NodeEvent) -> tuple[str, str] | None:
    # Any anchor comes before its aliases and stops the scan, so an alias met
    # here names nothing: most likely text that starts with "*", like "*Free*".
    if isinstance(event, yaml.AliasEvent):
        return (
            f'"*{event.anchor}" is read as a YAML shortcut that copies values from elsewhere, which Signpost does not accept',
            "if it is text that starts with *, put the whole text in double quotes; if not, write the values out in full",
        )
    if event.anchor is not None:
        return (
            f'"&{event.anchor}" is read as a YAML shortcut that marks values to copy elsewhere, which Signpost does not accept',
            f'if it is text that starts with &, put the whole text in double quotes; if not, delete "&{event.anchor}"'
            " and write the values out in full wherever they are needed",
        )
    if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
        return (
            '"<<" is read as a YAML shortcut that merges in values from elsewhere, which Signpost does not accept',
            "write each field out in full here instead",
        )
    return None


def _count(nodes: int) -> tuple[str, str] | None:
    if nodes <= MAX_NODES:
        return None
    return (
        f"the file holds more than {MAX_NODES:,} values, far more than any Signpost file needs",
        "check that nothing was pasted in by mistake, or split the entries over several files",
    )


def _depth(depth: int) -> tuple[str, str] | None:
    if depth <= MAX_DEPTH:
        return None
    return (
        f"lists or fields are nested more than {MAX_DEPTH} levels deep here, far more than any Signpost file needs",
        "check the indentation and the brackets [ ] { } on this line and the lines above",
    )


def _too_large(source: str, size: int) -> Problem:
    return Problem(
        source,
        1,
        "",
        f"the file is {_size(size)}, more than the {MAX_FILE_BYTES // 1_000_000} MB a content file may be",
        "a content file needs only a few KB: check that nothing was pasted in by mistake, and put pictures in content/media/",
    )


def _size(size: int) -> str:
    # "1.0 MB" would read as within a 1 MB limit: give bytes until it is clearly more.
    return f"{size / 1_000_000:.1f} MB" if size >= 1_050_000 else f"{size:,} bytes"
