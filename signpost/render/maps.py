"""The map behind a "Show on a map" button: one small file per area and per type of activity.

A listing page carries only the button and the address of its group's map
file, so the page stays the same size whatever the number of activities. The
file holds the places of the whole group (every page of a long listing), as
GeoJSON points, and is fetched only when someone asks for the map: no map
picture is fetched from the tile server before then either (see map.js).
There is no map, and no map file, when the site sets no ``map_tiles``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from signpost.core.content import Record
from signpost.core.kinds import KINDS, Taxonomy
from signpost.core.outputs import FileOutput
from signpost.models.site import SiteSettings

# Days of the week are spread over the whole district: a map of them says little.
MAPPED_TAXONOMIES = ("domain", "area")
MAP_FILE = "map.json"


@dataclass(frozen=True)
class GroupMap:
    """What a listing page says about its group's map."""

    url: str  # the site-relative address of the map file
    places: int  # how many of the group's activities have a place on the map
    total: int  # how many activities the group lists


def on_the_map(records: Sequence[Record]) -> list[Record]:
    """The records whose place has coordinates, in the order given."""
    return [record for record in records if record.item.location and record.item.location.latitude is not None]


def group_map(site: SiteSettings, taxonomy: Taxonomy, identifier: str, records: Sequence[Record]) -> GroupMap | None:
    """The map of one area or type of activity, or None when there is nothing to map."""
    if not site.map_tiles or taxonomy.name not in MAPPED_TAXONOMIES:
        return None
    places = len(on_the_map(records))
    return GroupMap(taxonomy.url(identifier) + MAP_FILE, places, len(records)) if places else None


def map_files(site: SiteSettings, taxonomy: Taxonomy, members: dict[str, list[Record]]) -> Iterator[FileOutput]:
    """The map file of each group of ``taxonomy`` that has a map."""
    for identifier, records in members.items():
        found = group_map(site, taxonomy, identifier, records)
        if found:
            # Made when written, like each activity's card.json, so big groups are not all held at once.
            yield FileOutput(found.url, partial(map_json, on_the_map(records)))


def map_json(records: Sequence[Record]) -> bytes:
    """The places of ``records`` as a GeoJSON feature collection (longitude first, as GeoJSON has it)."""
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [record.item.location.longitude, record.item.location.latitude],
            },
            "properties": {"name": record.item.name, "url": KINDS["asset"].url(record.stem), "venue": record.item.location.venue},
        }
        for record in records
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
