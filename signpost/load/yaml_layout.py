"""Find every layout mistake in a YAML file that would not parse, line by line.

The YAML parser stops at the first thing it cannot read and describes it in
its own terms ("mapping values are not allowed here"), often a line after
the real mistake. Staff write plain ``field: value`` files, so when a file
will not parse we read its lines ourselves and name each mistake in plain
words, all at once: tabs, a line indented too far or not far enough, ``: ``
inside text without quotes, quotes or lists left open, a missing colon, and
fence lines with the wrong number of dashes.

Only files that failed to parse are read here, so a guess never overrides a
file the parser accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from signpost.core.problems import Problem
from signpost.load.yamlvalues import COLON, KEY, Open, ValueChecks, has_colon, name_of

# "field:value" with the space after the colon left out.
_NO_SPACE = re.compile(r"(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)")
# A line of dashes that is not a plain '---' fence: two dashes, four or
# more are fine for Markdown but not here; long dashes come from word processors.
_DASHES = re.compile(r"[ \t]*(?:--|-{4,}|[-\u2010-\u2015\u2212]*[\u2010-\u2015\u2212][-\u2010-\u2015\u2212]*)[ \t]*")
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def yaml_lines(text: str) -> list[str]:
    """``text`` split at the line breaks YAML counts (not at form feeds, as ``str.splitlines`` does)."""
    return _LINE_BREAK.split(text.removesuffix("\n"))


def diagnose(text: str, source: str, line_offset: int = 0, front_matter: bool = False) -> list[Problem]:
    """Every layout mistake found in ``text``, one problem per line, in line order.

    ``line_offset`` is added to every line (YAML below a Markdown fence);
    ``front_matter`` says the text is a Markdown file's fields, which end at a
    fence line.
    """
    reader = _Reader(front_matter)
    reader.read(yaml_lines(text))
    return [
        Problem(source, number + line_offset, name, message, hint)
        for number, (name, message, hint) in sorted(reader.found.items())
    ]


@dataclass
class _Level:
    """One block of lines at the same indent: a group of fields, or a list."""

    indent: int
    is_list: bool
    parent: str  # the field the block sits under ("" at the top)
    last: str = ""  # the last field written in it


@dataclass
class _Reader(ValueChecks):
    """Reads a file's lines in order, keeping the blocks they sit in, and notes each mistake."""

    front_matter: bool
    found: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    levels: list[_Level] = field(default_factory=list)
    opener: tuple[int, str] | None = None  # (indent, field) of "field:" with nothing after it
    owner: tuple[int, str] | None = None  # (indent, field) of the last text value, which may run on
    block: tuple[int, str] | None = None  # (indent, field) of the field whose | or > text follows
    pending: Open | None = None
    left: tuple[int, str, _Level] | None = None  # (line, field, block) of a line that just left a block
    text_above: tuple[str, int] | None = None  # (field, indent) of the | or > text just read

    def report(self, number: int, name: str, message: str, hint: str) -> None:
        self.found.setdefault(number, (name, message, hint))

    def read(self, lines: list[str]) -> None:
        for number, raw in enumerate(lines, 1):
            if self.in_block_text(raw) or self.continues_open(number, raw):
                continue
            if not self.line(number, raw.rstrip("\r")):
                break
        if self.pending is not None:
            self.unclosed()

    def in_block_text(self, raw: str) -> bool:
        if self.block is None:
            return False
        indent, key = self.block
        spaces = len(raw) - len(raw.lstrip(" "))
        if not raw.strip() or spaces > indent:
            if raw.strip() and self.text_above is None:
                self.text_above = (key, spaces)
            return True
        self.block = None
        return False

    def line(self, number: int, raw: str) -> bool:
        """Read one line outside block text; False when the fields end here."""
        body = raw.lstrip(" \t")
        lead = raw[: len(raw) - len(body)]
        if not body:
            if "\t" in lead:
                self.report(number, "", "has a tab on an empty line", "delete the tab, or the whole empty line")
            return True
        if _DASHES.fullmatch(raw) or (body.rstrip() == "---" and number > 1):
            return self.fence(number, raw)
        if body.startswith("#"):
            if "\t" in lead:
                self.report(number, "", "is indented with a tab", "use spaces instead of the tab")
            return True
        if number == 1 and body.rstrip() == "---":
            return True
        if not self.levels and body[0] in "[{":
            return False  # a whole file written as one [ ] or { } block: not what staff write, left to the parser
        indent = self.tab_indent(number, lead, body) if "\t" in lead else len(lead)
        if self.runs_on(number, indent, body):
            return True
        self.place(number, indent, body, checked="\t" not in lead)
        return True

    def fence(self, number: int, raw: str) -> bool:
        dashes = raw.strip()
        if dashes == "---":
            self.report(number, "", "has a second '---' line", "remove it: the fields end at the end of the file")
            return True
        count = "a long dash" if set(dashes) - {"-"} else f"{len(dashes)} dash{'es' if len(dashes) > 1 else ''}"
        if self.front_matter:
            self.report(number, "", f"is a line of {count}", "the line after the last field needs exactly three hyphens: ---")
            return False
        self.report(number, "", f"is a line of {count}", "remove it")
        return True

    def tab_indent(self, number: int, lead: str, body: str) -> int:
        """Report a tab at the start of a line; return the indent the line should have."""
        visual = len(lead.expandtabs(2))
        options = [(level.indent, f"to line up with {_target(level)}") for level in self.levels]
        if self.opener is not None:
            options.append((self.opener[0] + 2, f"so that it sits under '{self.opener[1]}:'" if self.opener[1] != "-" else ""))
        indent, why = min(options, key=lambda option: (abs(option[0] - visual), -option[0])) if options else (0, "")
        self.report(
            number,
            _key_of(body),
            "is indented with a tab",
            f"use {_spaces(indent)} instead of the tab{', ' + why if why else ''}" if indent else "delete the tab",
        )
        return indent

    def runs_on(self, number: int, indent: int, body: str) -> bool:
        """True when the line carries on the text of the field above (YAML allows that)."""
        if self.owner is None or indent <= self.owner[0] or body.startswith("- "):
            return False
        key = KEY.match(body)
        if key and " " not in name_of(key):
            return False
        if has_colon(body):
            name = self.owner[1]
            whole = f"all of the text of '{name}:'" if name else "all of the text of the item"
            self.report(number, name, COLON, f"put double quotes around {whole}, from its first line to its last")
        return True

    def place(self, number: int, indent: int, body: str, checked: bool) -> None:
        """Fit the line into the blocks above it, reporting it if it fits none."""
        is_item = body == "-" or body.startswith("- ")
        name = "" if is_item else _key_of(body)
        opener, left = self.opener, self.left
        text = self.text_above or (self.owner and (self.owner[1], self.owner[0] + 2))
        self.opener = self.owner = self.left = self.text_above = None
        if opener is not None and indent > opener[0] and not is_item and not name:
            self.value(number, opener[0], opener[1] if opener[1] != "-" else "", body)  # the value, on the next line
            return
        if not self.levels:
            if indent and checked:
                self.report(
                    number, name, f"starts with {_spaces(indent)}", "remove the spaces: the first field starts at the left edge"
                )
            indent = 0
            self.levels.append(_Level(0, is_item, ""))
        elif opener is not None and (indent > opener[0] or (is_item and indent == opener[0])):
            parent = opener[1] if opener[1] != "-" else self.levels[-1].parent
            self.levels.append(_Level(indent, is_item, parent))
        else:
            self.line_up(number, indent, name, is_item, checked, left)
        if is_item:
            self.item(number, self.levels[-1].indent, body)
        else:
            self.levels[-1].last = name or self.levels[-1].last
            self.content(number, self.levels[-1].indent, body, text)

    def line_up(self, number: int, indent: int, name: str, is_item: bool, checked: bool, left: tuple | None) -> None:
        deeper = None
        while len(self.levels) > 1 and self.levels[-1].indent > indent:
            deeper = self.levels.pop()
        top = self.levels[-1]
        if top.indent == indent and top.is_list and not is_item and len(self.levels) > 1 and self.levels[-2].indent == indent:
            self.levels.pop()  # a list written level with its field ("items:" then "- news: ...") has ended
            top = self.levels[-1]
        if deeper is not None and checked and not deeper.is_list and deeper.parent:
            self.left = (number, name, deeper)
        if not checked or (top.indent == indent and top.is_list == is_item):
            return
        if top.indent == indent and is_item:
            self.report(
                number,
                "",
                "is a list item ('- ') where a field belongs",
                "put it under the field it belongs to, indented two spaces further than that field",
            )
            return
        if top.indent == indent and not name:
            self.report(
                number,
                "",
                "is lined up with the '-' of a list but does not start with '- '",
                "start it with '- ' if it is a new item, or indent it two more spaces if it is more of the item above",
            )
            return
        if top.indent == indent:  # a field lined up with the '-' of a list
            outer = self.levels[-2]
        elif deeper is None and left is not None and left[2].indent == indent:
            self.came_back(*left)
            return
        elif deeper is None:
            self.report(
                number,
                name,
                f"is indented {_spaces(indent - top.indent)} more than {_target(top)} above it",
                f"line it up with {_target(top)} ({_from_left(top.indent)})",
            )
            return
        else:
            outer = top
        options = [] if deeper is None else [f"line it up with {_target(deeper)} ({_from_left(deeper.indent)}){_under(deeper)}"]
        options.append(f"{'or ' if options else 'line it up '}with {_target(outer)} ({_from_left(outer.indent)})")
        if deeper is not None:
            self.levels.append(deeper)
        self.report(number, name, "is not lined up with the lines above it", ", ".join(options))

    def came_back(self, number: int, name: str, block: _Level) -> None:
        """The lines after ``number`` carry on the block it left: it is the line out of place."""
        self.found.pop(number, None)
        self.report(
            number,
            name,
            f"belongs under '{block.parent}:'",
            f"indent it to line up with {_target(block)} ({_from_left(block.indent)})",
        )
        self.levels.append(block)

    def item(self, number: int, indent: int, body: str) -> None:
        rest = body[1:]
        content = rest.lstrip(" ")
        self.levels[-1].last = "-"
        if not content or content.startswith("#"):
            self.opener = (indent, "-")
            return
        column = indent + 1 + len(rest) - len(content)
        if content.startswith("- "):
            return  # a list inside a list: rare, and left to the parser
        key = KEY.match(content)
        if key:
            self.levels.append(_Level(column, False, self.levels[-1].parent, name_of(key)))
            self.content(number, column, content)
        else:
            self.value(number, indent, "", content)

    def content(self, number: int, indent: int, body: str, text: tuple[str, int] | None = None) -> None:
        """A line's content after its indent (and after '- ' in a list); ``text`` is the text just above, if any."""
        key = KEY.match(body)
        if key is None:
            self.no_colon(number, body, text)
            return
        self.value(number, indent, name_of(key), body[key.end() + 1 :].strip())

    def no_colon(self, number: int, body: str, text: tuple[str, int] | None) -> None:
        glued = _NO_SPACE.fullmatch(body.rstrip())
        if glued:
            fixed = _short(f"{glued['key']}: {glued['value']}")
            self.report(number, glued["key"], "needs a space after the colon", f"write it as '{fixed}'")
            return
        first, _, rest = body.strip().partition(" ")
        fits = re.fullmatch(r"[a-z_]+", first) and rest and " " not in rest
        hint = f"write it as '{first}: {rest}'" if fits else "put a colon and a space after the field name"
        if text is not None:
            whose = f"the text of '{text[0]}:'" if text[0] else "the item's text"
            more = f"if it is more of {whose}, indent it {_spaces(text[1])} from the left, like that text"
            hint = f"{hint}, or {more}" if fits else f"{more}; if it is a field, {hint}"
        self.report(number, "", "is not written as 'field: value'", hint)
        self.owner = (self.levels[-1].indent, "")  # lines further in carry on this text: no more to say about them


def _key_of(body: str) -> str:
    key = KEY.match(body)
    return name_of(key) if key else ""


def _under(level: _Level) -> str:
    return f" to keep it under '{level.parent}:'" if level.parent and level.last != "-" else ""


def _target(level: _Level) -> str:
    return "the '-'" if level.last == "-" else f"'{level.last}:'" if level.last else "the line"


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _from_left(indent: int) -> str:
    return f"{_spaces(indent)} from the left" if indent else "at the left edge"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:50].rstrip() + " …"
