"""The open-data files under ``/data/`` and the page that describes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from signpost.core.content import Content
from signpost.core.outputs import FileOutput, Output
from signpost.opendata.export_csv import assets_csv
from signpost.opendata.export_json import assets_geojson, assets_json, mapped
from signpost.opendata.hsds_export import services_json
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer

URL = "data/"


@dataclass(frozen=True)
class DataFile:
    """One published file: where it goes, how it is made, and what the page says about it."""

    path: str
    title: str
    format: str
    description: str
    make: Callable[[Content], Iterable[bytes]]
    counts: Callable[[Content], int]
    unit: str


def _all(content: Content) -> int:
    return len(content.assets)


DATA_FILES = (
    DataFile(
        "assets.csv",
        "Spreadsheet of every activity",
        "CSV (opens in Excel, LibreOffice or Google Sheets)",
        "One row for each activity, one column for each detail. Lists are joined with a semicolon, times are in words "
        "(“Every Tuesday, 6:30pm to 8pm”), and yes-or-no details say yes or no. Saved as UTF-8 with a byte-order mark, "
        "so Excel shows £ signs and accented letters correctly.",
        assets_csv,
        _all,
        "activity",
    ),
    DataFile(
        "openreferral/services.json",
        "Open Referral UK service list",
        "JSON, Open Referral UK (HSDS 3.0, UK profile)",
        "Every activity as a service in the data standard that councils and the NHS use to share directories, "
        "with its times, place, access, cost and ages. Each service keeps the same id at every update.",
        services_json,
        _all,
        "service",
    ),
    DataFile(
        "assets.json",
        "Every activity in our own format",
        "JSON",
        "Every detail we publish about each activity, named as in our content files, with the types of activity and "
        "areas that the ids refer to.",
        assets_json,
        _all,
        "activity",
    ),
    DataFile(
        "assets.geojson",
        "Map points",
        "GeoJSON",
        "A point for each activity that has a map position, with its name, summary, type of activity, area and the "
        "address of its page. Activities without a map position are in the other files.",
        assets_geojson,
        lambda content: len(mapped(content)),
        "activity",
    ),
)


class OpenData:
    """Makes the files when they are written, and remembers their sizes for the page."""

    def __init__(self, content: Content):
        self.content = content
        self.sizes: dict[str, int] = {}

    def make(self, data_file: DataFile) -> Iterator[bytes]:
        """The file's bytes in pieces, made as they are written; its size is noted at the end."""
        size = 0
        for piece in data_file.make(self.content):
            size += len(piece)
            yield piece
        self.sizes[data_file.path] = size

    def entries(self) -> list[dict[str, str]]:
        """What the page says about each file (a file not written yet is made once to measure it)."""
        return [self._entry(data_file) for data_file in DATA_FILES]

    def _entry(self, data_file: DataFile) -> dict[str, str]:
        size = self.sizes.get(data_file.path)
        if size is None:
            size = sum(len(piece) for piece in self.make(data_file))
        count = data_file.counts(self.content)
        unit = data_file.unit if count == 1 else ("activities" if data_file.unit == "activity" else data_file.unit + "s")
        return {
            "url": URL + data_file.path,
            "name": data_file.path.rsplit("/", 1)[-1],
            "title": data_file.title,
            "format": data_file.format,
            "description": data_file.description,
            "count": f"{count:,} {unit}",
            "size": human_size(size),
        }


def human_size(size: int) -> str:
    """``512`` → ``512 bytes``; ``45_300`` → ``45 KB``; ``2_400_000`` → ``2.4 MB``."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"


@generator(order=150, makes="data/: every activity as CSV, Open Referral UK JSON, JSON and GeoJSON, and the page that lists them")
def open_data_outputs(renderer: SiteRenderer) -> Iterator[Output]:
    """The files under ``/data/``, then the page that lists them (so their sizes are known)."""
    files = OpenData(renderer.content)
    for data_file in DATA_FILES:
        yield FileOutput(URL + data_file.path, partial(files.make, data_file))
    yield renderer.page(
        "opendata.html",
        URL,
        "Open data",
        f"Download the activities in {renderer.site.name} as a spreadsheet, as Open Referral UK data, as JSON or for a map.",
        "opendata",
        files=files,
    )
