"""``assets.json`` (our own model) and ``assets.geojson`` (for maps).

Both are made from the public copy of the content, so drafts are not in it
and staff notes are already gone; the fields are still left out by name, so
no export ever has a ``staff_notes`` or ``draft`` key, even empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from signpost.core.content import Content, Record
from signpost.core.kinds import TAXONOMIES
from signpost.models import Asset
from signpost.opendata.ids import page_address

# Never exported, whatever the copy of the content holds.
PRIVATE_FIELDS = {"staff_notes", "draft"}


def to_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON with a final newline (these files are for programs)."""
    return _dumps(data).encode() + b"\n"


def document(head: dict[str, Any], key: str, items: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """``head`` with ``key`` set to the list of ``items`` last, in pieces as they are made.

    Each item becomes text as soon as it is made and is written out at once,
    so a list of 10,000 assets is never held whole, as objects or as text.
    """
    yield (_dumps(head)[:-1] + ("," if head else "") + _dumps(key) + ":[").encode()
    for number, item in enumerate(items):
        yield (b"," if number else b"") + _dumps(item).encode()
    yield b"]}\n"


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def asset_data(record: Record[Asset], content: Content) -> dict[str, Any]:
    """One asset as our model has it, with its file name and page address first."""
    data = record.item.model_dump(mode="json", exclude=PRIVATE_FIELDS)
    for session in data["schedule"]["sessions"]:
        # Times as staff write them ("19:30"), not with seconds.
        for key in ("starts", "ends"):
            if session[key]:
                session[key] = session[key][:5]
    if record.item.cost.amount is not None:
        data["cost"]["amount"] = float(record.item.cost.amount)
    return {"id": record.stem, "url": page_address(content.site, record.stem), **data}


def groups(content: Content, name: str) -> list[dict[str, str]]:
    """The domains or areas, each with its page address."""
    taxonomy = TAXONOMIES[name]
    return [
        {"id": identifier, **record.item.model_dump(exclude={"id"}), "url": content.site.absolute(taxonomy.url(identifier))}
        for identifier, record in getattr(content, taxonomy.attribute).items()
    ]


def assets_json(content: Content) -> Iterator[bytes]:
    """Every published asset in our own model, with the domains and areas its ids refer to."""
    site = content.site
    head = {
        "name": site.name,
        "site_url": site.site_url,
        "licence": site.licence.model_dump() if site.licence else None,
        "domains": groups(content, "domain"),
        "areas": groups(content, "area"),
    }
    return document(head, "assets", (asset_data(record, content) for record in content.assets.values()))


def mapped(content: Content) -> list[Record[Asset]]:
    """The published assets that have a map position."""
    return [
        record
        for record in content.assets.values()
        if record.item.location is not None and record.item.location.latitude is not None
    ]


def assets_geojson(content: Content) -> Iterator[bytes]:
    """A GeoJSON FeatureCollection (RFC 7946) of the published assets with a map position."""
    return document({"type": "FeatureCollection"}, "features", (_feature(record, content) for record in mapped(content)))


def _feature(record: Record[Asset], content: Content) -> dict[str, Any]:
    asset, place = record.item, record.item.location
    assert place is not None  # mapped() keeps only the assets with a place
    return {
        "type": "Feature",
        "id": record.stem,
        # GeoJSON puts longitude first.
        "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
        "properties": {
            "name": asset.name,
            "url": page_address(content.site, record.stem),
            "summary": asset.summary,
            "domains": list(asset.domains),
            "area": asset.area,
            "venue": place.venue,
            "status": asset.status,
        },
    }
