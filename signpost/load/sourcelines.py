"""Find the line a field was written on, long after the file was read.

The loader keeps only validated records, not the parsed YAML with its line
map (that map was more than half of the memory a large site held). When a
later check needs a line, the file is read and parsed again, which is cheap
for one file and rare.
"""

from __future__ import annotations

from functools import lru_cache

import frontmatter

from signpost.core.content import Record
from signpost.load.yamlsource import YamlDocument, parse_yaml


class FrontMatterError(ValueError):
    """A Markdown file's front matter fence is missing or not closed."""

    def __init__(self, message: str, hint: str, line: int = 1):
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def split_front_matter(text: str) -> tuple[str, str, int]:
    """``(yaml, body, line_offset)`` of a Markdown file with front matter.

    ``line_offset`` is the number of lines before the YAML starts (the
    opening ``---`` fence), so a line in the YAML plus the offset is a line
    in the file.
    """
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise FrontMatterError(
            "has no front matter", "start the file with a line '---', then the fields, then another '---' line"
        )
    try:
        fields, body = handler.split(text)
    except ValueError:
        raise FrontMatterError(
            "the front matter is not closed", "add a line '---' after the last field, before the text"
        ) from None
    return fields, body, text[: text.index(fields)].count("\n")


@lru_cache(maxsize=16)
def _document(source: str) -> YamlDocument | None:
    try:
        with open(source, encoding="utf-8-sig") as handle:
            text = handle.read()
        offset = 0
        if source.endswith(".md"):
            text, _, offset = split_front_matter(text)
        document, _ = parse_yaml(text, source, line_offset=offset)
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return None
    return document


def line_in_file(source: str, path: tuple) -> int:
    """The line in ``source`` where the field at ``path`` was written (1 if unknown)."""
    document = _document(source)
    return document.line_of(path) if document is not None else 1


def record_line(record: Record, *path: str | int) -> int:
    """The line in a record's file where the field at ``path`` was written (the file is read again)."""
    return line_in_file(record.source, record.prefix + path)


def forget_lines() -> None:
    """Drop the cached parses (files may have changed, as in a live preview)."""
    _document.cache_clear()
