"""Read YAML while remembering the line every key and value came from.

Validation errors name a field path such as ``("schedule", "sessions", 0,
"starts")``; staff need a line number. We compose the YAML into nodes (which
carry marks), construct plain Python data from them ourselves, and record the
line of every path on the way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from signpost.problems import Problem

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


def parse_yaml(text: str, source: str, line_offset: int = 0) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``text``; return the document, or problems that say what broke.

    ``line_offset`` is added to every line, for YAML that sits below a
    ``---`` fence in a Markdown file.
    """
    try:
        loader, node = _compose(_FastStaffLoader, text)
    except yaml.YAMLError:
        # Parse broken files again in pure Python: its messages are clearer.
        try:
            loader, node = _compose(_StaffLoader, text)
        except yaml.YAMLError as error:
            return None, [_parse_problem(error, text, source, line_offset)]
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


def _parse_problem(error: yaml.YAMLError, text: str, source: str, line_offset: int) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        return _character_problem(error, text, source, line_offset)
    if isinstance(error, yaml.MarkedYAMLError):
        return _syntax_problem(error, source, line_offset)
    summary = " ".join(str(error).split())[:120]
    return Problem(source, line_offset + 1, "", f"this is not valid YAML ({summary})", "check the indentation and quotes")


def _character_problem(error: yaml.reader.ReaderError, text: str, source: str, line_offset: int) -> Problem:
    # Text pasted from a word processor can bring invisible control characters.
    line = text[: error.position].count("\n") + 1 + line_offset
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
    return Problem(
        source,
        line,
        "",
        f"has an invisible character (U+{code:04X}) that cannot be used",
        "delete the text around it on this line and type it again",
    )


def _compose(loader_class: type, text: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    loader = loader_class(text)
    try:
        return loader, loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.MarkedYAMLError, source: str, line_offset: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    column = mark.column + 1 if mark else 1
    what = (error.problem or "the YAML could not be read").rstrip(".")
    hint = _syntax_hint(what)
    return Problem(source, line, "", f"the file cannot be read at column {column}: {what}", hint)


def _syntax_hint(what: str) -> str:
    if "tab" in what or "\\t" in what:
        return "indent with spaces, never tabs"
    if "mapping values are not allowed" in what:
        return "a value containing ': ' needs quotes around it"
    if "could not find expected ':'" in what:
        return "each line needs 'key: value'; check the line above too"
    if "found character '@'" in what or "found character '`'" in what:
        return "put quotes around a value that starts with @ or `"
    return "check the indentation (spaces only, lined up under the key above) and that quotes are closed"


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
