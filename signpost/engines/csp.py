"""A Content Security Policy on every page, as a ``<meta http-equiv>`` tag.

Static hosts such as GitHub Pages send no headers we could set, so the
policy travels in the page itself, first thing in ``<head>``, before any
script. It says:

- scripts come from the site itself; an inline script runs only if its
  SHA-256 hash is listed, and only the theme's own inline scripts are listed
  (recognised by their text, from the theme's templates). Any other inline
  script is refused by the browser: one that slipped in through content, or
  one added to our own templates, whose scripts belong in files under
  ``assets/javascripts/``. Search runs WebAssembly, hence 'wasm-unsafe-eval';
- no plugins (``object-src 'none'``), no ``<base>`` element, and forms only
  send to the site;
- pictures come from the site, ``data:`` addresses (the theme's icons) and
  the map tile server when one is set; styles may be inline (the theme sets
  style attributes), the one relaxation, and it runs no code.

Where the tag goes is found by the HTML tokenizer's rules (tags, attributes,
comments, raw text) up to ``<head>``: a short stretch. The inline scripts are
found in one quick search for ``<script`` start tags, each read to its end
by the tokenizer's script rules. That search may also take text that only
looks like a script (in a comment, say) for one; this is safe, because a
hash is listed only for a theme script's own text, and a hash allows nothing
but that text. A theme script the search missed would be blocked, and the
browser tests would fail.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

from signpost.models import SiteSettings

_NAME_END = r"[\t\n\f\r />]"
# Everything after a tag's name up to its ">", the way the tokenizer reads
# attributes: a quote starts a value only after "=", and a value runs to its
# closing quote even across ">".
_ATTRIBUTES = r"""(?:
    [\t\n\f\r /]++
  | (?:=[^\t\n\f\r />=]*+|[^\t\n\f\r />=]++)
    (?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^\t\n\f\r >]*+))?+
)*+"""
_TAG = re.compile(rf"<(/?)([A-Za-z][^\t\n\f\r />]*+)({_ATTRIBUTES})(>)?", re.X)
_ATTRIBUTE = re.compile(
    r"""(=[^\t\n\f\r />=]*|[^\t\n\f\r />=]+)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"?|'([^']*)'?|([^\t\n\f\r >]*)))?"""
)
# Start tags whose content the tokenizer reads as raw text (to the matching
# end tag), and the ones the scan stops at.
_RAW_TEXT = ("style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")
_NOTED = "|".join(("script", "plaintext", "head", "meta", *_RAW_TEXT))
# One regular expression skips, in C, everything the scan has no use for:
# text, comments, doctypes, end tags and every other start tag.
_SKIP = re.compile(
    rf"""(?:
        [^<]++
      | <!--(?:-?>|.*?--!?>|.*+)
      | <!\[CDATA\[.*?(?:\]\]>|\Z)
      | <[!?][^>]*+>?
      | </(?:[A-Za-z][^\t\n\f\r />]*+{_ATTRIBUTES}>?|>|[^A-Za-z>][^>]*+>?|\Z)
      | <(?!(?:{_NOTED})(?:{_NAME_END}|\Z))[A-Za-z][^\t\n\f\r />]*+{_ATTRIBUTES}>?
      | <(?![A-Za-z!?/])
    )*+""",
    re.X | re.S | re.I,
)
_RAW_END = {name: re.compile(rf"</{name}{_NAME_END}", re.I) for name in _RAW_TEXT}
_SCRIPT_START = re.compile(rf"<script{_NAME_END}", re.I)
_SCRIPT_CLOSE = re.compile(rf"</script{_NAME_END}", re.I)
_SCRIPT_MARK = re.compile(rf"<!--|-->|<(/?)script{_NAME_END}", re.I)
_DOCTYPE = re.compile(r"\ufeff?\s*(?:<!doctype[^>]*>)?", re.I)
# The script types a browser runs, or checks against script-src all the same.
_RUNS = {
    "",
    "module",
    "importmap",
    "speculationrules",
    *(f"text/{name}" for name in ("ecmascript", "javascript", "jscript", "livescript", "x-ecmascript", "x-javascript")),
    *(f"text/javascript1.{minor}" for minor in range(6)),
    *(f"application/{name}" for name in ("ecmascript", "javascript", "x-ecmascript", "x-javascript")),
}
# A template's {{ value }} inside a double-quoted JavaScript string: any text
# that cannot end the string, escape or close the script.
_SLOT = re.compile(r"\{\{.*?\}\}", re.S)
_SLOT_VALUE = r'[^"\\\r\n<]*'


def _policy_position(document: str) -> int:
    """Where the policy goes: first thing in ``<head>`` (after ``<meta charset>``).

    Without a ``<head>`` tag, or with a script before it, the policy goes
    right after the doctype, where the browser opens the head itself.
    """
    position, end, head_end = 0, len(document), None
    while (position := _matched(_SKIP, document, position).end()) < end:
        tag = _matched(_TAG, document, position)  # the scan stops only at a tag it wants
        name, position = tag.group(2).lower(), tag.end()
        if head_end is not None:  # the tag after <head>: stay after it only if it is <meta charset>
            charset = name == "meta" and tag.group(4) and "charset" in _attributes(tag.group(3))
            return position if charset and not document[head_end : tag.start()].strip() else head_end
        if tag.group(4) is None or name in ("script", "plaintext"):
            break
        if name == "head":
            head_end = position
        elif name in _RAW_END:
            closing = _RAW_END[name].search(document, position)
            position = closing.start() if closing else end
    return head_end if head_end is not None else _matched(_DOCTYPE, document).end()


def _matched(pattern: re.Pattern[str], document: str, position: int = 0) -> re.Match[str]:
    """``pattern.match`` where it cannot fail: a pattern all optional, or a tag the scan stopped at."""
    match = pattern.match(document, position)
    assert match is not None
    return match


def _script_end(document: str, start: int) -> int:
    """Where a script's text ends: the tokenizer's script data states, escapes included."""
    closing = _SCRIPT_CLOSE.search(document, start)
    if closing and "<!--" not in document[start : closing.start()]:
        return closing.start()  # no escape, so the first end tag ends it: nearly always
    state = "data"
    position = start
    while mark := _SCRIPT_MARK.search(document, position):
        text, end_tag = mark.group(0), mark.group(1) == "/"
        position = mark.end()
        if text == "<!--":
            state = "escaped" if state == "data" else state
            position = mark.start() + 2  # "<!-->" ends the escape at once: its "-->" overlaps
        elif text == "-->":
            state = "data"
        elif end_tag and state != "double":
            return mark.start()
        elif end_tag:
            state = "escaped"
        elif state == "escaped":
            state = "double"
    return len(document)


def _attributes(source: str) -> dict[str, str]:
    """A tag's attributes by lower-case name; the first of a repeated name wins, as in browsers."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(source) if source.strip() else ():
        name = match.group(1).lower()
        if name and name not in found:
            value = next((group for group in match.groups()[1:] if group is not None), "")
            found[name] = html.unescape(value) if "&" in value else value
    return found


def _runs(attributes: dict[str, str]) -> bool:
    """Whether an inline script is run (or checked) by the browser: not a data block, not external."""
    if "src" in attributes:
        return False
    kind = attributes.get("type")
    if kind is None:
        language = attributes.get("language", "")
        kind = f"text/{language}" if language else ""
    return kind.strip("\t\n\f\r ").lower() in _RUNS


def inline_scripts(document: str) -> list[str]:
    """The text of each inline script in ``document`` that a browser would run, in order.

    Found by their start tags alone (see above): text that only looks like
    a script, in a comment or an attribute, may be among them.
    """
    scripts, position = [], 0
    while start := _SCRIPT_START.search(document, position):
        tag = _matched(_TAG, document, start.start())
        if tag.group(4) is None:  # the document ends inside the tag
            break
        position = _script_end(document, tag.end())
        if _runs(_attributes(tag.group(3))):
            scripts.append(document[tag.end() : position])
    return scripts


class TrustedScripts:
    """The inline scripts a theme may put on a page, recognised by their text.

    Each is given as it appears in a template: literal text, with any
    ``{{ value }}`` standing inside a double-quoted string (such as the page's
    base address). A script whose template has other template code in it is
    not trusted.
    """

    def __init__(self, templates: Iterable[str] = ()):
        patterns = sorted({pattern for pattern in map(_pattern, templates) if pattern})
        self._match = re.compile("|".join(patterns)).fullmatch if patterns else None

    def allows(self, text: str) -> bool:
        """Whether ``text`` is one of the theme's scripts."""
        return self._match is not None and self._match(text) is not None

    @classmethod
    def in_folders(cls, folders: Iterable[str | Path]) -> TrustedScripts:
        """The inline scripts of every HTML template in ``folders`` (hidden folders, such as icons, skipped)."""
        templates = []
        for folder in folders:
            for root, subfolders, files in os.walk(folder):
                subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
                for name in sorted(files):
                    if name.endswith(".html"):
                        templates.extend(inline_scripts(Path(root, name).read_text(encoding="utf-8")))
        return cls(templates)


def _pattern(template: str) -> str | None:
    if "{%" in template or "{#" in template:
        return None
    parts = _SLOT.split(template)
    if any(not (before.endswith('"') and after.startswith('"')) for before, after in pairwise(parts)):
        return None
    return "(?:" + _SLOT_VALUE.join(map(re.escape, parts)) + ")"


def policy(settings: SiteSettings, script_hashes: Iterable[str] = ()) -> str:
    """The policy's text, allowing the inline scripts with these SHA-256 hashes (base64)."""
    scripts = ["'self'", "'wasm-unsafe-eval'", *(f"'sha256-{digest}'" for digest in script_hashes)]
    images = ["'self'", "data:", *_tile_origin(getattr(settings, "map_tiles", None))]
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src {' '.join(scripts)}",
            "style-src 'self' 'unsafe-inline'",
            f"img-src {' '.join(images)}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        )
    )


def _tile_origin(template: str | None) -> list[str]:
    """The map tile server's origin (``https://host``), when the site sets one."""
    parts = urlsplit(str(template or ""))
    if parts.scheme != "https" or not re.fullmatch(r"[A-Za-z0-9.-]+(:[0-9]+)?", parts.netloc):
        return []  # the settings allow no other kind of tile address
    return [f"https://{parts.netloc}"]


def script_hash(text: str) -> str:
    """The base64 SHA-256 of a script's text as the browser hashes it (line ends and NULs as it reads them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def with_policy(document: str, settings: SiteSettings, trusted: TrustedScripts | None = None) -> str:
    """``document`` with its Content Security Policy first in ``<head>``, allowing the trusted inline scripts in it."""
    allowed = trusted or TrustedScripts()
    hashes = dict.fromkeys(script_hash(text) for text in inline_scripts(document) if allowed.allows(text))
    content = policy(settings, hashes).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    at = _policy_position(document)
    return f'{document[:at]}<meta http-equiv="Content-Security-Policy" content="{content}">{document[at:]}'
