"""A spreadsheet (CSV) → asset candidates (``build.py import csv``).

The columns are those of our own ``assets.csv`` (``name``, ``contact.phone``,
``schedule.sessions``...). Another spreadsheet's columns are matched to ours
with ``--columns``: ``name=Group name`` pairs, or a file of such lines.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from signpost.opendata.columns import BY_NAME, COLUMNS, LIST_SEPARATOR, Column
from signpost.opendata.export_csv import unguard
from signpost.opendata.hsds_read import read_text
from signpost.opendata.importing import Candidate, Importer
from signpost.opendata.schedule_text import parse_date, parse_session
from signpost.opendata.text import Cleaner, fit

YES = {"yes", "y", "true", "1", "x", "✓"}
NO = {"no", "n", "false", "0"}
IGNORED = {"url"}  # our page address: made from the file name, never read


class MappingError(ValueError):
    """A --columns value that cannot be used."""


def column_mapping(values: list[str]) -> dict[str, str]:
    """Our column name → the spreadsheet's, from ``field=Column`` pairs and mapping files."""
    mapping: dict[str, str] = {}
    for value in values:
        lines = [value] if "=" in value else _mapping_file(Path(value))
        for line in lines:
            ours, _, theirs = line.partition("=") if "=" in line else line.partition(":")
            ours, theirs = ours.strip(), theirs.strip()
            if ours not in BY_NAME or ours in IGNORED:
                guess = difflib.get_close_matches(ours, list(BY_NAME), n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else "use a column name from our assets.csv, such as contact.phone"
                raise MappingError(f"--columns: '{ours}' is not one of our columns — {hint}")
            mapping[ours] = theirs
    return mapping


def _mapping_file(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(
            f"--columns: cannot read {path.as_posix()} ({error}) — give field=Column pairs or a UTF-8 file"
        ) from None
    lines = [line.split(" #")[0].strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def import_csv(path: Path, importer: Importer, mapping: dict[str, str]) -> None:
    """Read every row of the spreadsheet at ``path`` into ``importer``."""
    text = read_text(path, importer)
    if text is None:
        return
    rows = _rows(text, path, importer)
    if rows is None:
        return
    if not rows:
        importer.fail(path.as_posix(), "is empty — save the spreadsheet as CSV with a header row, then import again")
        return
    places = _places(rows[0], mapping, path, importer)
    if places is None:
        return
    for number, row in enumerate(rows[1:], start=1):
        if any(cell.strip() for cell in row):
            _take(row, number, places, path, importer, len(rows[0]))


def _rows(text: str, path: Path, importer: Importer) -> list[list[str]] | None:
    """Every row of the spreadsheet; None, with the line reported, when it cannot be read as one."""
    # Any line ending is a line's end: older Mac spreadsheets end lines with a
    # lone CR. Made the same before the separator is guessed from the first lines.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), _dialect(text))
    rows: list[list[str]] = []
    row_starts = 1  # the line the row being read starts on, where a stray quote would be
    try:
        for row in reader:
            rows.append(row)
            row_starts = reader.line_num + 1
        return rows
    except csv.Error as error:
        if "field larger" in str(error):  # Python's words for a cell over its limit
            # A quote mark never closed makes one cell of the rest of the file.
            why = f"has a cell longer than {csv.field_size_limit():,} characters from here on"
            fix = 'check for a quote mark (") that is never closed, or shorten the cell'
        else:
            why, fix = "cannot be read as a spreadsheet from here on", "save it again as CSV from your spreadsheet program"
        importer.fail(f"{path.as_posix()}:{row_starts}", f"{why} — {fix}")
        return None


def _dialect(text: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _places(header: list[str], mapping: dict[str, str], path: Path, importer: Importer) -> dict[str, int] | None:
    """Where each of our columns is in the spreadsheet."""
    index = {name.strip().lower(): number for number, name in enumerate(header)}
    places = {}
    for column in COLUMNS:
        wanted = mapping.get(column.name, column.name).lower()
        if column.name not in IGNORED and wanted in index:
            places[column.name] = index[wanted]
    if "name" not in places:
        importer.fail(path.as_posix(), "has no 'name' column — map one with --columns name='Your column', then import again")
        return None
    unused = [name.strip() for number, name in enumerate(header) if number not in places.values() and name.strip()]
    unused = [name for name in unused if name.lower() not in IGNORED]
    if unused:
        names = ", ".join(f"'{name}'" for name in unused)
        importer.warn(f"{path.as_posix()}: columns {names} are not read — map them with --columns field='Column', or ignore this")
    return places


def _take(row: list[str], number: int, places: dict[str, int], path: Path, importer: Importer, width: int) -> None:
    clean = Cleaner()
    cells = {name: unguard(row[place]) if place < len(row) else "" for name, place in places.items()}
    name = fit(clean.line(cells.get("name")))
    label = f"{path.as_posix()}:record {number}"
    if not name:
        importer.reject(label, "has no name — left out; fill in the name column")
        return
    stem = clean.line(cells.get("id")) or None
    candidate = Candidate(path.as_posix(), number, name, {}, stem_hint=stem, source_id=stem)
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        candidate.problems.append("has more cells than the header row — the extra cells are left out")
    for column_name, text in cells.items():
        if column_name != "id":
            _cell(candidate, BY_NAME[column_name], clean.text(text), clean)
    _tidy(candidate.data)
    candidate.notes.insert(0, f"Imported from {path.name}, record {number}.")
    if clean.repaired:
        candidate.problems.append("some text had been saved in the wrong encoding — it was repaired; check accented letters")
    importer.add(candidate)


def _cell(candidate: Candidate, column: Column, text: str, clean: Cleaner) -> None:
    if not text:
        return
    if column.name == "domains":
        candidate.domain_words = _split(text, stems=True)
        return
    if column.name == "area":
        candidate.area_words = [clean.line(text)]
        return
    if column.kind == "sessions":
        _sessions(candidate, text)
        return
    value, problem = convert(text, column)
    if problem:
        candidate.problems.append(f"{column.name}: '{fit(' '.join(text.split()), 60)}' {problem} — left out")
        return
    if column.kind == "line" and value != text:
        candidate.problems.append(
            f"{column.name}: longer than one line of 200 characters — shortened; the full text is in staff_notes"
        )
        candidate.notes.append(f"Full {column.name} from the source: {' '.join(text.split())}")
    _put(candidate.data, column.path, value)


def convert(text: str, column: Column) -> tuple[object, str | None]:
    """The value of a cell for ``column``, or a short reason it cannot be used."""
    kind, lowered = column.kind, text.strip().lower()
    if kind == "line":
        return fit(" ".join(text.split())), None
    if kind == "bool":
        return (True, None) if lowered in YES else (False, None) if lowered in NO else (None, "is not yes or no")
    if kind == "int":
        return (int(float(lowered)), None) if re.fullmatch(r"\d+(\.0+)?", lowered) else (None, "is not a whole number")
    if kind == "float":
        try:
            return float(lowered), None
        except ValueError:
            return None, "is not a number"
    if kind == "money":
        if lowered in ("free", "nothing", "none"):
            return Decimal(0), None
        try:
            return Decimal(lowered.replace("£", "").replace(",", "").strip()), None
        except InvalidOperation:
            return None, "is not an amount in pounds"
    if kind == "date":
        day = parse_date(text)
        return (day, None) if day else (None, "is not a date (write it as 2026-11-22)")
    if kind == "choice":
        value = re.sub(r"[\s_]+", "-", lowered)
        return (value, None) if value in column.choices else (None, f"is not one of: {', '.join(column.choices)}")
    if kind == "choices":
        values = [re.sub(r"[\s_]+", "-", item.lower()) for item in _split(text, stems=True)]
        odd = [value for value in values if value not in column.choices]
        return (values, None) if not odd else (None, f"has values that are not among: {', '.join(column.choices)}")
    if kind == "list":
        return _split(text, stems=column.name == "connections"), None
    return text, None


def _split(text: str, stems: bool) -> list[str]:
    parts = re.split(r"[;,]" if stems else ";", text)
    return [" ".join(part.split()) for part in parts if part.strip()]


def _sessions(candidate: Candidate, text: str) -> None:
    sessions, unread = [], []
    for part in text.split(LIST_SEPARATOR.strip()):
        part = " ".join(part.split())
        if part:
            session = parse_session(part)
            (sessions.append(session) if session else unread.append(part))
    schedule = candidate.data.setdefault("schedule", {})
    if sessions:
        schedule["sessions"] = sessions
    if unread:
        words = "; ".join(f"'{part}'" for part in unread)
        candidate.problems.append(
            f"schedule.sessions: {words} could not be read as days and times — kept as a note; "
            "write it like 'Every Tuesday, 7pm to 9pm' to list it by day"
        )
        candidate.data["schedule_words"] = unread


def _put(data: dict, path: tuple[str, ...], value: object) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _tidy(data: dict) -> None:
    """Words left over from the schedule go into its note; a price with no 'free' column means not free."""
    words = data.pop("schedule_words", None)
    if words:
        schedule = data.setdefault("schedule", {})
        schedule["note"] = fit(" ".join([*words, schedule.get("note", "")]).strip())
    cost = data.get("cost")
    if cost and "free" not in cost and cost.get("amount") is not None:
        cost["free"] = cost["amount"] == 0
