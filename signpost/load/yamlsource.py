"""Read YAML while remembering the line every key and value came from.

Validation errors name a field path such as ``("schedule", "sessions", 0,
"starts")``; staff need a line number. We compose the YAML into nodes (which
carry marks), construct plain Python data from them ourselves, and record the
line of every path on the way.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from signpost.core.problems import Problem
from signpost.load.yaml_layout import diagnose, yaml_lines
from signpost.load.yamlguard import limits_problem

Path = tuple[str | int, ...]


class _StaffLoader(yaml.SafeLoader):
    """A SafeLoader that reads ``19:30`` as the text "19:30".

    YAML 1.1 turns ``19:30`` into the number 1170 (base 60). Nobody writing an
    opening time means that, so the base-60 forms are dropped.
    """


_RESOLVERS = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StaffLoader.yaml_implicit_resolvers = _RESOLVERS
# Only true and false are booleans: "yes", "no", "on" and "off" stay words
# (taking_new_people: yes), and true-or-false fields accept them as words too.
_StaffLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_StaffLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_StaffLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


_FastLoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# The base is chosen at run time (libyaml's loader when PyYAML was built with it), which mypy cannot follow.
class _FastStaffLoader(_FastLoaderBase):  # type: ignore[misc, valid-type]
    """The same rules as :class:`_StaffLoader`, parsed by libyaml (16 times faster)."""


_FastStaffLoader.yaml_implicit_resolvers = _StaffLoader.yaml_implicit_resolvers


@dataclass
class YamlDocument:
    """Plain data read from YAML, with the line (1-based) of each path."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor we know."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), self.first_line)


def parse_yaml(
    text: str, source: str, line_offset: int = 0, front_matter: bool = False
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``text``; return the document, or problems that say what broke.

    ``line_offset`` is added to every line, for YAML that sits below a
    ``---`` fence in a Markdown file; ``front_matter`` says it does (it
    ends at a fence line).
    """
    if hostile := limits_problem(text, source, line_offset):
        return None, [hostile]
    try:
        loader, node = _compose(_FastStaffLoader, text)
    except yaml.YAMLError:
        # Parse broken files again in pure Python: its messages are clearer.
        try:
            loader, node = _compose(_StaffLoader, text)
        except yaml.YAMLError as error:
            return None, _parse_problems(error, text, source, line_offset, front_matter)
    document = YamlDocument(None, first_line=line_offset + 1)
    problems: list[Problem] = []
    if node is not None:
        builder = _Builder(loader, document, source, line_offset, problems)
        try:
            document.data = builder.build(node, ())
        except _UnreadableError as error:
            return None, [Problem(source, builder.line(error.node), "", error.message, error.hint)]
        except RecursionError:
            return None, [Problem(source, line_offset + 1, "", "is nested too deeply to read", "simplify the file")]
    return document, problems


class _UnreadableError(Exception):
    """A value that YAML parsed but that cannot become plain data."""

    def __init__(self, node: yaml.Node, message: str, hint: str):
        super().__init__(message)
        self.node, self.message, self.hint = node, message, hint


def _parse_problems(error: yaml.YAMLError, text: str, source: str, line_offset: int, front_matter: bool) -> list[Problem]:
    """Every mistake that stopped the parser, in plain words; its own words only as a detail."""
    if isinstance(error, yaml.reader.ReaderError):
        return _character_problems(text, source, line_offset)
    detail = " ".join(str(error).split())
    plain = _syntax_problem(error, source, line_offset, detail)
    # The parser stops at its first mistake, often a line late: read the lines
    # ourselves to find every layout mistake, each at its own line.
    found = diagnose(text, source, line_offset, front_matter)
    if not found:
        return [plain]
    nearest = min(found, key=lambda problem: abs(problem.line - plain.line))
    return [dataclasses.replace(problem, detail=detail) if problem is nearest else problem for problem in found]


def _character_problems(text: str, source: str, line_offset: int) -> list[Problem]:
    # Text pasted from a word processor can bring invisible control characters.
    problems = []
    for number, line in enumerate(yaml_lines(text), 1 + line_offset):
        unusable = yaml.reader.Reader.NON_PRINTABLE.search(line)
        if unusable:
            problems.append(
                Problem(
                    source,
                    number,
                    "",
                    f"has an invisible character (U+{ord(unusable.group()):04X}) that cannot be used",
                    "delete the text around it on this line and type it again",
                )
            )
    return problems or [
        Problem(source, line_offset + 1, "", "has a character that cannot be used", "save the file as UTF-8 text")
    ]


def _compose(loader_class: type, text: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    loader = loader_class(text)
    try:
        return loader, loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.YAMLError, source: str, line_offset: int, detail: str) -> Problem:
    """The parser's complaint in plain words, at the line it names (when we found nothing better)."""
    words = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or ''}"
    # Some mistakes are found a line or more after they start: use where they start.
    starts_earlier = any(part in words for part in ("simple key", "quoted scalar", "flow sequence", "flow mapping"))
    mark = getattr(error, "context_mark" if starts_earlier else "problem_mark", None) or getattr(error, "problem_mark", None)
    line = (mark.line + 1 if mark else 1) + line_offset
    message, hint = next((plain for part, plain in _PLAIN_WORDS if part in words), _ANYTHING_ELSE)
    return Problem(source, line, "", message, hint, detail=detail)


_QUOTES = "put the text in double quotes"
_LINE_UP = "line it up with the fields above it, using spaces"
_ANYTHING_ELSE = ("is not lined up with the lines around it", _LINE_UP + ", and check that every quote mark is closed")
# The parser's words (read from the start of the list) and what they mean to staff.
_PLAIN_WORDS = (
    ("'\\t'", ("has a tab", "use spaces instead of tabs")),
    ("tab", ("has a tab", "use spaces instead of tabs")),
    ("mapping values are not allowed", ("has a colon and a space (': ') where a field cannot start", _QUOTES)),
    ("could not find expected ':'", ("is not written as 'field: value'", "put a colon and a space after the field name")),
    ("quoted scalar", ("has a quote that is not closed", "add the closing quote mark at the end of the text")),
    ("escape", ("has a backslash (\\) inside double quotes", "use single quotes around the text instead")),
    (
        "flow sequence",
        ("has a list in [ ] that is not closed properly", "end the list with ] and put quotes around any item with a colon"),
    ),
    ("flow mapping", ("has a { that is not closed", "put quotes around text that contains { or }")),
    ("single document", ("has a second '---' line", "remove it: a file holds one set of fields")),
    ("alias", ("has a value that starts with *", _QUOTES)),
    ("anchor", ("has a value that starts with &", _QUOTES)),
    ("found character", ("has a value that starts with a character that has a special meaning", _QUOTES)),
    ("directive", ("has a line that starts with %", _QUOTES)),
    ("sequence entries are not allowed", ("has a '- ' list item where a field belongs", _LINE_UP)),
)


@dataclass
class _Builder:
    """Turns composed nodes into plain data, recording each path's line."""

    loader: yaml.SafeLoader
    document: YamlDocument
    source: str
    line_offset: int
    problems: list[Problem]

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def build(self, node: yaml.Node, path: Path, parents: tuple = ()) -> Any:
        self.document.lines.setdefault(path, self.line(node))
        if id(node) in parents:
            raise _UnreadableError(
                node, "uses an alias (*name) inside itself, which goes round in a circle", "use the value itself, not an alias"
            )
        parents = parents + (id(node),)
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, parents)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,), parents) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise _UnreadableError(node, f"'{node.tag}' is not allowed here", "remove the part starting with !") from None
        except (ValueError, OverflowError):
            # PyYAML reads 2027-02-30 as a date and fails: it is not a real day.
            raise _UnreadableError(node, f"'{node.value}' is not a real date", "check the day and month") from None

    def build_mapping(self, node: yaml.MappingNode, path: Path, parents: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else f"line {self.line(key_node)}"
            if key in result:
                self.problems.append(self.duplicate_key(key, key_node, path))
                continue
            self.document.lines[path + (key,)] = self.line(key_node)
            result[key] = self.build(value_node, path + (key,), parents)
        return result

    def duplicate_key(self, key: str, key_node: yaml.Node, path: Path) -> Problem:
        first = self.document.lines[path + (key,)]
        name = ".".join(str(part) for part in path + (key,))
        return Problem(
            self.source,
            self.line(key_node),
            name,
            f"appears twice (first on line {first})",
            "keep one of them and delete the other",
        )
