"""``assets.csv``: one row per published asset, for a spreadsheet.

Saved as UTF-8 with a byte-order mark: Excel reads a CSV file without one as
Windows-1252 and turns "£3.50" into "Â£3.50"; LibreOffice, Google Sheets,
Numbers and Python's ``csv`` (with ``encoding="utf-8-sig"``) all read the mark
and drop it. Rows end with CRLF, as RFC 4180 says.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from signpost.core.content import Content, Record
from signpost.models import Asset
from signpost.opendata.columns import COLUMNS, LIST_SEPARATOR, Column, value_at
from signpost.opendata.ids import page_address
from signpost.opendata.schedule_text import session_words

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def cell(value: Any, column: Column) -> str:
    """One value as the text of a cell."""
    if value is None:
        return ""
    if column.kind == "sessions":
        return LIST_SEPARATOR.join(session_words(session) for session in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def guard(text: str) -> str:
    """A leading apostrophe before text a spreadsheet would run as a formula (numbers stay numbers)."""
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def unguard(text: str) -> str:
    """The cell's text without the apostrophe :func:`guard` adds."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def asset_row(record: Record[Asset], content: Content) -> list[str]:
    """The cells of one asset, in column order."""
    extra = {"id": record.stem, "url": page_address(content.site, record.stem)}
    return [
        guard(cell(extra[column.name] if not column.path else value_at(record.item, column.path), column)) for column in COLUMNS
    ]


def assets_csv(content: Content) -> Iterator[bytes]:
    """The header row, then one row per published asset, as UTF-8 with a byte-order mark, in pieces."""
    # Written out every few rows, so the file is never held whole.
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS])
    yield "\ufeff".encode() + _taken(text)
    for number, record in enumerate(content.assets.values(), 1):
        writer.writerow(asset_row(record, content))
        if number % 200 == 0:
            yield _taken(text)
    yield _taken(text)


def _taken(text: io.StringIO) -> bytes:
    """What was written so far, as UTF-8, emptying the buffer."""
    data = text.getvalue().encode()
    text.seek(0)
    text.truncate()
    return data
