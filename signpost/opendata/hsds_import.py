"""Open Referral UK services → asset candidates (``build.py import hsds``).

What each service field becomes is the export's mapping read backwards (see
``hsds_export``); fields we have no place for are kept in ``staff_notes`` so
nothing the source said is lost, and nothing unchecked is published.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from signpost.collect.facets import ACCESS_LABELS
from signpost.core.humanize import pounds
from signpost.models.common import Cost
from signpost.opendata import hsds_export as ours
from signpost.opendata.hsds_read import SourceRecord, records_in, source_files, unwrap
from signpost.opendata.hsds_schedule import sessions_in
from signpost.opendata.importing import Candidate, Importer
from signpost.opendata.repair import PLACEHOLDER
from signpost.opendata.text import Cleaner, fit

STATUS = {"active": "active", "temporarily closed": "paused", "inactive": "paused", "defunct": "closed"}
FORMAT_WORDS = (
    ("in-person", r"in[ -]person|face[ -]to[ -]face"),
    ("online", r"online|video|remote|virtual|zoom"),
    ("phone", r"phone|telephone"),
    ("home-visits", r"home visit"),
)
_PER = re.compile(rf"^(?:per|a|an|each|every)\s+({'|'.join(ours.PER_WORDS)})$", re.IGNORECASE)
# Fields with no place on the site: kept for staff, with these labels.
UNUSED = {
    "alert": "Alert",
    "accreditations": "Accreditations",
    "interpretation_services": "Interpretation",
    "alternate_name": "Also known as",
}


def import_hsds(path: Path, importer: Importer) -> None:
    """Read every service under ``path`` (a file or a folder of files) into ``importer``."""
    files = source_files(path)
    if not files:
        importer.fail(path.as_posix(), "has no .json files in it — check the path")
    for file in files:
        for record in records_in(file, importer):
            _take(record, importer)


def _take(record: SourceRecord, importer: Importer) -> None:
    service = unwrap(record.data)
    if not isinstance(service, dict):
        importer.reject(f"{record.source}:record {record.number}", "is not a service — left out; check the export")
        return
    clean = Cleaner()
    name = fit(clean.line(service.get("name")))
    if not name:
        importer.reject(f"{record.source}:record {record.number}", "has no name — left out; add a name in the source")
        return
    candidate = Candidate(record.source, record.number, name, {"name": name}, source_id=clean.line(service.get("id")) or None)
    service_to_candidate(service, candidate, clean, importer.today)
    importer.add(candidate)


def service_to_candidate(service: dict, candidate: Candidate, clean: Cleaner, today: dt.date) -> None:
    """Fill ``candidate`` from one service."""
    data = candidate.data
    _words(service, data, clean)
    data["status"] = _status(service, candidate)
    data["audience"] = _audience(service, candidate, clean)
    data["format"] = _format(service, clean)
    data["schedule"] = _schedule(service, candidate, clean, today)
    place = _first_location(service, candidate)
    if place is not None:
        data["location"] = _place(place, candidate, clean)
        data["accessibility"] = _access(place, candidate, clean)
        travel = _line(clean.text(place.get("transportation")), "travel.note", candidate)
        data["travel"] = {"note": travel} if travel else {}
    cost = _cost(service, candidate, clean)
    if cost:
        data["cost"] = cost
    data["contact"] = _contact(service, candidate, clean)
    checked = _date(service.get("assured_date"))
    if checked:
        data["last_checked"] = checked
    candidate.domain_words, candidate.area_words = _categories(service, clean)
    # Other taxonomies' terms mostly match none of our domains: say so only when none matches.
    candidate.report_unknown_domains = bool(_terms(service.get("attributes"), ours.DOMAIN_TAXONOMY))
    _keep_for_staff(service, candidate, clean)
    if clean.repaired:
        candidate.problems.append("some text had been saved in the wrong encoding — it was repaired; check accented letters")


def _line(text: str, field: str, candidate: Candidate) -> str:
    """One line of at most 200 characters; a longer text is cut, and kept whole for staff."""
    flat = " ".join(text.split())
    short = fit(flat)
    if short != flat:
        candidate.problems.append(f"{field}: longer than 200 characters — shortened; the full text is in staff_notes")
        candidate.notes.append(f"Full {field} from the source: {flat}")
    return short


def _words(service: dict, data: dict, clean: Cleaner) -> None:
    """A short first paragraph is the summary (as the export writes it); else the importer takes the first sentence."""
    text = clean.text(service.get("description"))
    first, _, rest = text.partition("\n\n")
    if rest.strip() and "\n" not in first and len(first) <= 200:
        data["summary"], data["description"] = first.strip(), rest.strip()
    elif text:
        data["description"] = text


def _status(service: dict, candidate: Candidate) -> str:
    status = str(service.get("status") or "active").strip().lower()
    if status not in STATUS:
        candidate.problems.append(f"status: '{status}' is not an Open Referral status — imported as active")
    return STATUS.get(status, "active")


def _audience(service: dict, candidate: Candidate, clean: Cleaner) -> dict:
    audience: dict = {}
    for theirs, field in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
        value = service.get(theirs)
        if value in (None, ""):
            continue
        age = _number(value)
        if age is None or age != int(age) or not 0 <= age <= 120:
            candidate.problems.append(f"audience.{field}: '{value}' is not an age from 0 to 120 — left out")
        else:
            audience[field] = int(age)
    groups = _terms(service.get("attributes"), ours.AUDIENCE_TAXONOMY)
    if groups:
        audience["groups"] = groups
    note = _line(clean.text(service.get("eligibility_description")), "audience.note", candidate)
    if note:
        audience["note"] = note
    return audience


def _format(service: dict, clean: Cleaner) -> list[str]:
    ways = _terms(service.get("attributes"), ours.FORMAT_TAXONOMY)
    if ways:
        return ways
    words = " ".join(clean.line(s.get("attending_type")) for s in service.get("schedules") or [] if isinstance(s, dict))
    return [way for way, pattern in FORMAT_WORDS if re.search(pattern, words, re.IGNORECASE)]


def _schedule(service: dict, candidate: Candidate, clean: Cleaner, today: dt.date) -> dict:
    schedules = service.get("schedules") or []
    if not isinstance(schedules, list):
        candidate.problems.append("schedules: is not a list — left out")
        return {}
    sessions, notes, problems = sessions_in(schedules, today)
    candidate.problems.extend(problems)
    note = _line(" ".join(clean.line(text) for text in notes), "schedule.note", candidate)
    return {"sessions": sessions, **({"note": note} if note else {})}


def _first_location(service: dict, candidate: Candidate) -> dict | None:
    links = [link for link in service.get("service_at_locations") or [] if isinstance(link, dict)]
    places = [link["location"] for link in links if isinstance(link.get("location"), dict)]
    physical = [place for place in places if place.get("location_type", "physical") != "virtual"]
    if len(physical) > 1:
        candidate.problems.append(f"has {len(physical)} places; only the first is imported — add the others by hand")
    return physical[0] if physical else None


def _place(place: dict, candidate: Candidate, clean: Cleaner) -> dict:
    addresses = [item for item in place.get("addresses") or [] if isinstance(item, dict)]
    address = addresses[0] if addresses else {}
    street = ", ".join(part for part in (clean.line(address.get(key)) for key in ("address_1", "address_2", "city")) if part)
    found: dict[str, object] = {
        "venue": fit(clean.line(place.get("name"))) or street.split(",")[0],
        "address": fit(street) or f"{PLACEHOLDER}: the address",
    }
    if not street:
        candidate.placeholders["location"] = f"{PLACEHOLDER}: the source gave no address"
    postcode = clean.line(address.get("postal_code"))
    if postcode:
        found["postcode"] = postcode
    latitude, longitude = _number(place.get("latitude")), _number(place.get("longitude"))
    if latitude is not None and longitude is not None:
        if 49 <= latitude <= 61 and -9 <= longitude <= 2:
            found.update(latitude=latitude, longitude=longitude)
        else:
            candidate.problems.append(f"location: the map position ({latitude:g}, {longitude:g}) is not in the UK — left out")
    return found


def _access(place: dict, candidate: Candidate, clean: Cleaner) -> dict:
    access: dict = {}
    texts = []
    for entry in place.get("accessibility") or []:
        if not isinstance(entry, dict):
            continue
        known = _features(entry.get("attributes"))
        access.update(known)
        parts = ("details",) if known else ("description", "accessibility", "details")
        texts += [clean.line(entry.get(part)) for part in parts]
    note = _line(" ".join(dict.fromkeys(text for text in texts if text)), "accessibility.note", candidate)
    return {**access, **({"note": note} if note else {})}


def _features(attributes: object) -> dict[str, bool]:
    found = {}
    for attribute in attributes if isinstance(attributes, list) else []:
        term = _term(attribute, ours.ACCESS_TAXONOMY)
        if term in ACCESS_LABELS and str(attribute.get("value", "")).lower() in ("true", "false"):
            found[term] = str(attribute["value"]).lower() == "true"
    return found


def _cost(service: dict, candidate: Candidate, clean: Cleaner) -> dict | None:
    options = [option for option in service.get("cost_options") or [] if isinstance(option, dict)]
    fees = clean.line(service.get("fees_description") or service.get("fees"))
    priced = [(option, amount) for option in options if (amount := _money(option.get("amount"))) is not None]
    labels = [clean.line(option.get("option")) for option in options if _money(option.get("amount")) is None]
    usual = [(option, amount) for option, amount in priced if amount > 0 and _is_usual(option, clean)]
    described = [
        _describe(option, amount, clean) for option, amount in priced if amount > 0 and (option, amount) not in usual[:1]
    ]
    if usual:
        option, amount = usual[0]
        cost = {"free": False, "amount": amount, **_per(option, clean)}
        labels += described
    elif described:
        cost = {"free": False, "note": " ".join(described)}
    elif any(amount == 0 for _, amount in priced) or re.match(r"free\b", fees, re.IGNORECASE):
        cost = {"free": True}
    elif fees or labels:
        cost = {"free": False}
    else:
        return None
    concessions = _line("; ".join(label for label in labels if label), "cost.concessions", candidate)
    if concessions:
        cost["concessions"] = concessions
    note = " ".join(part for part in (cost.get("note", ""), _fee_note(fees, cost)) if part)
    if note:
        cost["note"] = _line(note, "cost.note", candidate)
    return cost


def _is_usual(option: dict, clean: Cleaner) -> bool:
    label = clean.line(option.get("option"))
    words = clean.line(option.get("amount_description"))
    return label in ("", ours.USUAL_PRICE) and (not words or bool(_PER.match(words)))


def _per(option: dict, clean: Cleaner) -> dict:
    match = _PER.match(clean.line(option.get("amount_description")))
    return {"per": match[1].lower()} if match else {}


def _describe(option: dict, amount: Decimal, clean: Cleaner) -> str:
    words = " ".join(part for part in (pounds(amount), clean.line(option.get("amount_description"))) if part)
    label = clean.line(option.get("option"))
    return f"{label}: {words}" if label else words


def _fee_note(fees: str, cost: dict) -> str:
    """What the source's fee text says beyond our own words for the same cost (the export adds the note after them)."""
    if not fees:
        return ""
    base = ours.fees_text(Cost.model_construct(**{key: value for key, value in cost.items() if key != "note"}))
    if fees.rstrip(".").lower() == base.rstrip(".").lower():
        return ""
    return fees[len(base) + 1 :] if fees.startswith(base + " ") else fees


def _contact(service: dict, candidate: Candidate, clean: Cleaner) -> dict:
    contacts = [item for item in service.get("contacts") or [] if isinstance(item, dict)]
    phones = [item for item in service.get("phones") or [] if isinstance(item, dict)]
    phones += [phone for person in contacts for phone in person.get("phones") or [] if isinstance(phone, dict)]
    emails = [clean.line(service.get("email"))] + [clean.line(person.get("email")) for person in contacts]
    contact = {
        "phone": next((clean.line(phone.get("number")) for phone in phones if phone.get("number")), ""),
        "email": next((email for email in emails if email), ""),
        "website": clean.line(service.get("url")),
    }
    if contacts:
        first = contacts[0]
        contact["name"] = fit(", ".join(part for part in (clean.line(first.get("name")), clean.line(first.get("title"))) if part))
    note = _line(clean.text(service.get("application_process")), "contact.note", candidate)
    contact["note"] = note
    return {key: value for key, value in contact.items() if value}


def _categories(service: dict, clean: Cleaner) -> tuple[list[str], list[str]]:
    given = service.get("attributes")
    attributes = given if isinstance(given, list) else []
    domains = _terms(attributes, ours.DOMAIN_TAXONOMY)
    if not domains:
        ours_taxonomies = {ours.AUDIENCE_TAXONOMY, ours.FORMAT_TAXONOMY, ours.ACCESS_TAXONOMY}
        for attribute in attributes:
            term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
            if isinstance(term, dict) and term.get("taxonomy") not in ours_taxonomies:
                domains += [clean.line(term.get(key)) for key in ("term", "name") if term.get(key)]
    areas = []
    for area in service.get("service_areas") or []:
        if isinstance(area, dict):
            areas += [clean.line(area.get("name")), clean.line(str(area.get("uri") or "").rstrip("/").rsplit("/", 1)[-1])]
    return list(dict.fromkeys(domains)), [area for area in dict.fromkeys(areas) if area]


def _keep_for_staff(service: dict, candidate: Candidate, clean: Cleaner) -> None:
    notes = [f"Imported from {Path(candidate.source).name}, record {candidate.number}."]
    if candidate.source_id:
        notes[0] = notes[0][:-1] + f" (Open Referral id {candidate.source_id})."
    organisation = service.get("organization")
    if isinstance(organisation, dict) and organisation.get("name"):
        details = (clean.line(organisation.get(key)) for key in ("name", "email", "website"))
        notes.append("Run by (from the source): " + ", ".join(part for part in details if part))
    notes += [
        f"{label} (from the source): {clean.line(service[key])}" for key, label in UNUSED.items() if clean.line(service.get(key))
    ]
    candidate.notes[:0] = notes


def _terms(attributes: object, taxonomy: str) -> list[str]:
    terms = (
        [_term(attribute, taxonomy) for attribute in attributes if isinstance(attribute, dict)]
        if isinstance(attributes, list)
        else []
    )
    return list(dict.fromkeys(term for term in terms if term))


def _term(attribute: dict, taxonomy: str) -> str | None:
    term = attribute.get("taxonomy_term")
    if isinstance(term, dict) and term.get("taxonomy") == taxonomy and isinstance(term.get("term"), str):
        return term["term"].strip()
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _money(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        amount = Decimal(str(value).strip().lstrip("£"))
    except InvalidOperation:
        return None
    return amount.quantize(Decimal("0.01")) if amount.is_finite() and amount >= 0 else None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None
