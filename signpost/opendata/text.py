"""Tidy text from other systems before it goes into a content file."""

from __future__ import annotations

import re
import textwrap
import unicodedata

LINE_LIMIT = 200
WRAP_AT = 72
# Only lines longer than this were never wrapped by a person; shorter ones are left as written.
UNWRAPPED = 120
# Lines that Markdown reads by their start (headings, quotes, lists, tables, code) are left as they are.
_MARKDOWN_START = re.compile(r"^(\s|#|>|[-*+] |\d+[.)] |\||```)")
# Characters YAML cannot hold as typed, or that only cause trouble: control
# characters (not tab or newline), the byte-order mark, zero-width spaces.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\u200b\ud800-\udfff]")
# UTF-8 read as Windows-1252: "CafÃ©", "Â£3", "donâ€™t".
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")


class Cleaner:
    """Cleans text, and remembers whether it had to repair a wrong encoding."""

    def __init__(self) -> None:
        self.repaired: list[str] = []

    def text(self, value: object) -> str:
        """Text with line breaks normalised, junk characters removed and a wrong encoding repaired."""
        if value is None or isinstance(value, (dict, list, bool)):
            return ""
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
        text = _JUNK.sub("", text.replace("\x85", "\n"))
        if _MOJIBAKE.search(text):
            text = self._repair(text)
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))

    def line(self, value: object) -> str:
        """Text on one line, with runs of spaces made one."""
        return " ".join(self.text(value).split())

    def _repair(self, text: str) -> str:
        try:
            fixed = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
        self.repaired.append(text[:40])
        return fixed


def fit(text: str, limit: int = LINE_LIMIT) -> str:
    """``text`` cut at a word to at most ``limit`` characters, ending in '…' when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.- ")
    return cut + "…"


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (up to the first full stop, question or exclamation mark and a space)."""
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    return match[1] if match else flat


def slug(text: str, limit: int = 80) -> str:
    """A file name from a name: 'Café Club (Tues)' → 'cafe-club-tues'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("&", " and ").replace("'", "")).strip("-")
    return words[:limit].rstrip("-")


def wrap(text: str) -> str:
    """Long plain lines of Markdown broken at spaces, as staff write them: the page reads the same."""
    lines = []
    for line in text.split("\n"):
        if len(line) > UNWRAPPED and not _MARKDOWN_START.match(line):
            lines.append(textwrap.fill(line, WRAP_AT, break_long_words=False, break_on_hyphens=False))
        else:
            lines.append(line)
    return "\n".join(lines)
