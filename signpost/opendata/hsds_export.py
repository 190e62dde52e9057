"""Open Referral UK (HSDS 3.0, UK profile): every published asset as a service.

The file is shaped like one page of the standard's ``/services`` API answer
(``total_items``, ``contents``...), and each service in it validates against
the UK profile's compiled ``service.json`` and ``service_list.json``. Where
the UK profile has no field for a fact and HSDS 3.0 core has one, the core
field is used (the UK schemas allow extra fields): ``phones``,
``fees_description``, ``eligibility_description``, ``application_process``,
``transportation``, ``wkst``, ``count`` and an attribute's ``value``. The
deprecated ``fees`` carries the same words as ``fees_description`` for
readers of the UK profile.

Our own categories (types of activity, who it suits, how people take part,
access features) travel as taxonomy terms in attributes, each naming its
taxonomy (``signpost/domain`` and so on) so an import can read them back.
We state no organisation: the site lists activities, it does not run them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from signpost.collect.facets import ACCESS_LABELS, AUDIENCE_LABELS
from signpost.core import humanize
from signpost.core.content import Content, Record
from signpost.core.kinds import TAXONOMIES
from signpost.models import Asset
from signpost.models.common import Cost, Place
from signpost.opendata.export_json import document
from signpost.opendata.hsds_schedule import schedules_out
from signpost.opendata.ids import page_address, stable_id

STATUS = {"active": "active", "paused": "temporarily closed", "closed": "defunct"}
FORMAT_LABELS = {"in-person": "In person", "phone": "By phone", "online": "Online", "home-visits": "Home visits"}
PER_WORDS = ("session", "week", "month", "term", "year", "course", "event")
# The taxonomy names an import looks for.
DOMAIN_TAXONOMY, AUDIENCE_TAXONOMY = "signpost/domain", "signpost/audience"
FORMAT_TAXONOMY, ACCESS_TAXONOMY = "signpost/format", "signpost/accessibility"
USUAL_PRICE = "Usual price"


def services_json(content: Content) -> Iterator[bytes]:
    """Every published asset as an Open Referral UK service, in one page of a service list."""
    count = len(content.assets)
    page = {
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": count == 0,
    }
    return document(page, "contents", (service(record, content) for record in content.assets.values()))


def service(record: Record[Asset], content: Content) -> dict[str, Any]:
    """One asset as an Open Referral UK service."""
    asset, address = record.item, page_address(content.site, record.stem)
    contact, audience = asset.contact, asset.audience
    fees = fees_text(asset.cost)
    data = {
        "id": stable_id(address),
        "name": asset.name,
        # HSDS 3.0 has no summary: it opens the description, as its own paragraph.
        "description": f"{asset.summary}\n\n{asset.description}",
        "url": contact.website,
        "email": contact.email,
        "status": STATUS[asset.status],
        "fees": fees,
        "fees_description": fees,
        "eligibility_description": audience.note,
        "application_process": contact.note,
        "minimum_age": audience.min_age,
        "maximum_age": audience.max_age,
        "assured_date": asset.last_checked.isoformat(),
        "schedules": schedules_out(asset.schedule, lambda n: stable_id(address, "schedule", n), _attending(asset)),
        "service_areas": _areas(asset, content, address),
        "service_at_locations": _locations(asset, address),
        "phones": [{"id": stable_id(address, "phone"), "number": contact.phone}] if contact.phone else [],
        "contacts": [{"id": stable_id(address, "contact"), "name": contact.name}] if contact.name else [],
        "cost_options": _cost_options(asset.cost, address),
        "attributes": _attributes(asset, content, address),
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def fees_text(cost: Cost) -> str:
    """The price in words, then the note word for word (an import takes the note back from the end)."""
    base = humanize.cost_sentence(cost.model_copy(update={"note": None}))
    return f"{base} {cost.note}" if cost.note else base


def _attending(asset: Asset) -> str | None:
    return ", ".join(FORMAT_LABELS[way] for way in asset.format) or None


def _cost_options(cost: Cost, address: str) -> list[dict]:
    options: list[dict] = []
    if cost.free:
        options.append({"option": "Free", "amount": 0})
    elif cost.amount is not None:
        option = {"option": USUAL_PRICE, "amount": _number(cost.amount)}
        if cost.per:
            option["amount_description"] = f"per {cost.per}"
        options.append(option)
    if cost.concessions:
        options.append({"option": cost.concessions})
    return [{"id": stable_id(address, "cost", number), **option} for number, option in enumerate(options, start=1)]


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral() else float(amount)


def _areas(asset: Asset, content: Content, address: str) -> list[dict]:
    area = content.areas.get(asset.area)
    if area is None:
        return []
    url = content.site.absolute(TAXONOMIES["area"].url(asset.area))
    return [{"id": stable_id(address, "area"), "name": area.item.name, "service_area": area.item.name, "uri": url}]


def _locations(asset: Asset, address: str) -> list[dict]:
    place = asset.location
    if place is None:
        return []
    location = {
        "id": stable_id(address, "location"),
        "location_type": "physical",
        "name": place.venue,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "transportation": _travel_words(asset),
        "addresses": [_address(place, stable_id(address, "address"))],
        "accessibility": _accessibility(asset, address),
    }
    location = {key: value for key, value in location.items() if value not in (None, [], "")}
    return [{"id": stable_id(address, "service-at-location"), "location": location}]


def _address(place: Place, identifier: str) -> dict:
    # Our address is one line; its last part is usually the town.
    street, _, town = place.address.rpartition(", ")
    return {
        "id": identifier,
        "address_1": street or town,
        "city": town if street else "",
        "state_province": "",
        "postal_code": place.postcode or "",
        "country": "GB",
        "address_type": "physical",
    }


def _travel_words(asset: Asset) -> str | None:
    travel = asset.travel
    parts = []
    if travel.buses:
        parts.append(f"Bus{'es' if len(travel.buses) > 1 else ''} {humanize.join_words(list(travel.buses))}.")
    parts += [text for text in (travel.bus_note, travel.walking, travel.parking, travel.note) if text]
    if travel.transport_provided:
        parts.append("The group can help with transport.")
    return " ".join(part if part.endswith((".", "!", "?")) else part + "." for part in parts) or None


def _accessibility(asset: Asset, address: str) -> list[dict]:
    access = asset.accessibility
    known = {field: getattr(access, field) for field in ACCESS_LABELS if getattr(access, field) is not None}
    if not known and not access.note:
        return []
    words = " ".join(f"{ACCESS_LABELS[field]}: {'yes' if value else 'no'}." for field, value in known.items())
    # The features in words, for people; the note goes in details unless it is all there is.
    entry: dict[str, object] = {"id": stable_id(address, "accessibility"), "description": words or access.note}
    if words and access.note:
        entry["details"] = access.note
    entry["attributes"] = [
        _attribute(address, ACCESS_TAXONOMY, field, ACCESS_LABELS[field], "accessibility", value="true" if value else "false")
        for field, value in known.items()
    ]
    return [entry]


def _attributes(asset: Asset, content: Content, address: str) -> list[dict]:
    found = []
    for identifier in asset.domains:
        domain = content.domains.get(identifier)
        if domain is not None:
            uri = content.site.absolute(TAXONOMIES["domain"].url(identifier))
            found.append(_attribute(address, DOMAIN_TAXONOMY, identifier, domain.item.name, "service_type", uri=uri))
    for group in asset.audience.groups:
        found.append(_attribute(address, AUDIENCE_TAXONOMY, group, AUDIENCE_LABELS[group], "eligibility"))
    for way in asset.format:
        found.append(_attribute(address, FORMAT_TAXONOMY, way, FORMAT_LABELS[way], "attending_type"))
    return found


@functools.cache
def _term_id(taxonomy: str, term: str) -> str:
    return stable_id(taxonomy, term)


def _attribute(address: str, taxonomy: str, term: str, name: str, link_type: str, **extra: str) -> dict:
    term_data = {
        "id": _term_id(taxonomy, term),
        "name": name,
        "description": name,
        "taxonomy": taxonomy,
        "term": term,
    }
    if "uri" in extra:
        term_data["term_uri"] = extra["uri"]
    attribute = {"id": stable_id(address, taxonomy, term), "link_type": link_type, "taxonomy_term": term_data}
    if "value" in extra:
        attribute["value"] = extra["value"]
    return attribute
