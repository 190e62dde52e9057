"""Check one value in a YAML line: its quotes, its [ ] list, the character it starts with.

Part of the line-by-line reading in :mod:`signpost.load.yaml_layout`: a quote or a
list may be left open and carry on over the next lines, so the checks keep
what is open until it closes or a new field starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "field:" at the start of a line's content, followed by a space or the end.
KEY = re.compile(r"(?:(?P<key>[A-Za-z0-9_][\w .'-]*?)|\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)') ?:(?=[ \t]|$)")
_BLOCK_TEXT = re.compile(r"[|>][-+0-9]*[ \t]*(#.*)?")
_ESCAPES = set('0abtnvfre "/\\N_LPxuU\t')
# A value may not start with these without quotes: YAML keeps them for itself.
_RESERVED = {"@": "an @", "`": "a `", "%": "a %"}


@dataclass
class Open:
    """A quote or a [ list opened on one line and not yet closed."""

    line: int
    indent: int
    key: str
    closer: str
    depth: int = 0
    inside: str = ""  # the quote mark a [ list's text is inside, if any
    after: str = ""  # the last character outside quotes that was not a space


class ValueChecks:
    """The value checks of the line reader; it supplies ``report`` and the state below."""

    pending: Open | None
    opener: tuple[int, str] | None
    owner: tuple[int, str] | None
    block: tuple[int, str] | None

    def report(self, number: int, name: str, message: str, hint: str) -> None:
        raise NotImplementedError

    def value(self, number: int, indent: int, key: str, value: str) -> None:
        """Check the value after 'field: ' (or after '- ')."""
        if not value or value.startswith("#"):
            if key:
                self.opener = (indent, key)
            return
        if _BLOCK_TEXT.fullmatch(value):
            self.block = (indent, key)
        elif value[0] in "\"'":
            self.quoted(number, indent, key, value)
        elif value[0] in "[{":
            self.flow(number, indent, key, value)
        elif value[0] in _RESERVED:
            self.report(
                number,
                key,
                f"starts with {_RESERVED[value[0]]}, which has a special meaning at the start of a value",
                quote_hint(key, value),
            )
        elif value.startswith("- ") and key:
            self.report(
                number,
                key,
                "has a '- ' list item on the same line as the field",
                "start each item on its own line below the field",
            )
        elif value.startswith("*") and " " in value.strip():
            self.report(
                number, key, "starts with a *, which has a special meaning at the start of a value", quote_hint(key, value)
            )
        else:
            text = _without_comment(value)
            if has_colon(text):
                self.report(number, key, COLON, quote_hint(key, text))
            self.owner = (indent, key)

    def quoted(self, number: int, indent: int, key: str, value: str) -> None:
        quote = value[0]
        end = _closing_quote(value, quote)
        if end is None:
            self.pending = Open(number, indent, key, quote)
            return
        after = value[end + 1 :].strip()
        if after and not after.startswith("#"):
            if quote == "'" and value[end + 1 : end + 2].isalpha():
                word = re.findall(r"\w*$", value[:end])[0] + "'" + re.findall(r"^\w*", value[end + 1 :])[0]
                whole = value[1:-1] if value.endswith("'") else value[1:]
                message = f'has an apostrophe in "{word}" that ends the quotes early'
                self.report(number, key, message, quote_hint(key, whole, "use double quotes around the text instead"))
            else:
                whole = value[1:end] + value[end + 1 :]
                self.report(number, key, "has more text after the closing quote mark", quote_hint(key, whole, _WHOLE))
        elif quote == '"' and _bad_escape(value[1:end]):
            self.report(number, key, "has a backslash (\\) inside double quotes", quote_hint(key, value[1:end], _SINGLE))

    def flow(self, number: int, indent: int, key: str, value: str) -> None:
        opened = Open(number, indent, key, "]" if value[0] == "[" else "}")
        if not self.close_flow(opened, value):
            self.pending = opened

    def close_flow(self, opened: Open, text: str) -> bool:
        """Follow [ and ] (outside quotes) through ``text``; True once the list is closed."""
        previous = ""
        for char in text:
            if opened.inside:
                if char == opened.inside:
                    opened.inside, opened.after = "", char
            # A quote mark starts quoted text only where a value starts ("Carers' Centre" is plain text).
            elif char in "\"'" and (opened.after in "[{,:" or previous == char == "'"):
                opened.inside = char
            elif char in "[{":
                opened.depth += 1
            elif char in "]}":
                opened.depth -= 1
                if opened.depth == 0:
                    return True
            if not opened.inside and not char.isspace():
                opened.after = char
            previous = char
        return False

    def continues_open(self, number: int, raw: str) -> bool:
        """True when the line carries on a quote or list left open above."""
        opened = self.pending
        if opened is None:
            return False
        body = raw.lstrip(" ")
        indent = len(raw) - len(body)
        if body and indent <= opened.indent and (KEY.match(body) or body.startswith("- ")):
            self.unclosed()
            return False
        if opened.closer in "]}":
            if self.close_flow(opened, raw):
                self.pending = None
        elif _closing_quote(opened.closer + raw.lstrip(), opened.closer) is not None:
            self.pending = None
        return True

    def unclosed(self) -> None:
        opened, self.pending = self.pending, None
        if opened is None:
            return
        if opened.closer == "]":
            self.report(opened.line, opened.key, "has a list that is not closed", "add ] at the end of the list")
        elif opened.closer == "}":
            self.report(opened.line, opened.key, "has a { that is not closed", "add } at the end")
        else:
            mark = 'double quote mark (")' if opened.closer == '"' else "quote mark (')"
            self.report(
                opened.line, opened.key, "has a quote that is not closed", f"add the closing {mark} at the end of the text"
            )


COLON = "has a colon and a space (': ') in the text, which marks the start of a new field"
_WHOLE = "put the quotes around all of the text"
_SINGLE = "use single quotes around the text instead"


def quote_hint(key: str, text: str, how: str = "") -> str:
    """How to quote ``text``, with the line written out as it should be (``key`` "" for a list item)."""
    text = text.strip()
    if '"' in text or "\\" in text or how == _SINGLE:
        quoted = "'" + text.replace("'", "''") + "'"
        how = how or "put the text in single quotes"
        if "'" in text:
            how += ", and write each apostrophe twice ('')"
    else:
        quoted = f'"{text}"'
        how = how or "put the text in double quotes"
    if len(quoted) > 60:
        quoted = quoted[:50].rstrip() + " …" + quoted[0]
    return f"{how}: {key + ': ' if key else '- '}{quoted}"


def _closing_quote(value: str, quote: str) -> int | None:
    """The index of the quote mark that closes ``value`` (which starts with one)."""
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _bad_escape(text: str) -> bool:
    index = text.find("\\")
    while index >= 0:
        code = text[index + 1 : index + 2]
        digits = {"x": 2, "u": 4, "U": 8}.get(code, 0)
        if code not in _ESCAPES or not re.fullmatch(f"[0-9A-Fa-f]{{{digits}}}", text[index + 2 : index + 2 + digits]):
            return True
        index = text.find("\\", index + 2 + digits)
    return False


def has_colon(text: str) -> bool:
    text = _without_comment(text).rstrip()
    return ": " in text or ":\t" in text or text.endswith(":")


def _without_comment(text: str) -> str:
    return re.split(r"\s#", text, maxsplit=1)[0]


def name_of(key: re.Match) -> str:
    """The field name a ``KEY`` match found, without its quotes."""
    return next(name for name in key.group("key", "double", "single") if name is not None)
