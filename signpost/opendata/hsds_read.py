"""Find the services in Open Referral files: a service list, a page of an
API answer, a single service, or a folder of any of these."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Reporter(Protocol):
    """Where problems with whole files go (the importer)."""

    def warn(self, line: str) -> None: ...

    def fail(self, source: str, message: str) -> None: ...


@dataclass(frozen=True)
class SourceRecord:
    """One record as found, with where it came from."""

    source: str
    number: int
    data: object


def source_files(path: Path) -> list[Path]:
    """The JSON files to read: ``path`` itself, or every ``.json`` file under a folder, in name order."""
    if path.is_dir():
        return sorted(file for file in path.rglob("*.json") if file.is_file() and not file.name.startswith("."))
    return [path]


def read_text(path: Path, report: Reporter) -> str | None:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252, which is said."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        report.fail(path.as_posix(), f"cannot be read ({error.strerror}) — check the path")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.warn(f"{path.as_posix()}: is not UTF-8 text, so it was read as Windows-1252 — check accented letters and £ signs")
        return raw.decode("cp1252", errors="replace")


def records_in(path: Path, report: Reporter) -> Iterator[SourceRecord]:
    """Every record in one file; problems with the file itself are reported."""
    text = read_text(path, report)
    if text is None:
        return
    source = path.as_posix()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        report.fail(
            f"{source}:{error.lineno}",
            f"is not valid JSON ({error.msg.lower()} at column {error.colno}) — check the file is a complete Open Referral export",
        )
        return
    except RecursionError:
        # Python's JSON reader stops at about a thousand levels; a real export has a handful.
        report.fail(
            source,
            "has brackets nested inside each other more than a thousand deep, which no Open Referral export has"
            " — check you chose the right file",
        )
        return
    items = _items(data, source, report)
    for number, item in enumerate(items, start=1):
        yield SourceRecord(source, number, item)


def _items(data: object, source: str, report: Reporter) -> list:
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        pages = data.get("total_pages")
        if isinstance(pages, int) and pages > 1:
            report.warn(
                f"{source}: is page {data.get('page_number', '?')} of {pages}; only this page is imported — "
                "save every page into one folder and import the folder"
            )
        return data["contents"]
    if isinstance(data, dict) and ("name" in data or "service" in data):
        return [data]
    report.fail(source, "holds no services (nor a list or page of them) — check it is an Open Referral export")
    return []


def unwrap(item: object) -> object:
    """A service from a service-at-location record (``{"service": ..., "location": ...}``), or the item itself."""
    if isinstance(item, dict) and isinstance(item.get("service"), dict) and not item.get("name"):
        service = dict(item["service"])
        if isinstance(item.get("location"), dict) and not service.get("service_at_locations"):
            service["service_at_locations"] = [{"location": item["location"]}]
        return service
    return item
