"""Turn records from another system into asset files that pass ``check``.

Each source reader (Open Referral, CSV) turns a record into a
:class:`Candidate`: the asset's fields as far as the source knows them, and
what it noticed on the way. The :class:`Importer` then, for every candidate:
matches its categories to our domains and areas; puts a marked placeholder
(``MISSING``) in each required field the source lacks and makes it a draft;
leaves out values that fail the model, saying so; gives it a file name;
writes it as YAML and reads the text back through our own loader and model;
and writes the file only if there is none, or it is the same, or ``--force``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from signpost.check.loader import load_content
from signpost.check.validation import validate
from signpost.core.content import Content
from signpost.core.problems import ContentError
from signpost.load.yamlsource import parse_yaml
from signpost.models import Asset
from signpost.models.common import STEM_PATTERN
from signpost.opendata.repair import PLACEHOLDER, PLACEHOLDER_EMAIL, repair
from signpost.opendata.text import first_sentence, fit, slug, wrap
from signpost.opendata.yaml_emit import dump_asset

PROGRESS_EVERY = 100


@dataclass
class Candidate:
    """One record on its way to becoming an asset file."""

    source: str
    number: int
    name: str
    data: dict
    stem_hint: str | None = None
    source_id: str | None = None
    domain_words: list[str] = field(default_factory=list)
    area_words: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    placeholders: dict[str, str] = field(default_factory=dict)
    # Off when the categories are another taxonomy's, most of which we do not expect to match.
    report_unknown_domains: bool = True

    @property
    def label(self) -> str:
        """Where the record came from, for a report line: ``file:record 3 (Name)``."""
        return f"{self.source}:record {self.number}" + (f" ({self.name})" if self.name else "")


@dataclass
class Outcome:
    """What happened to each record, for the summary."""

    written: int = 0
    unchanged: int = 0
    drafts: int = 0
    skipped: int = 0
    failed_files: int = 0
    lines: list[str] = field(default_factory=list)


class Importer:
    """Collects candidates, then checks, names and writes them all."""

    def __init__(self, content_root: Path, today: dt.date, force: bool = False):
        content, problems = load_content(content_root, today)
        if content is None:
            raise ContentError(problems)
        self.content: Content = content
        self.folder = content_root / "assets"
        self.today, self.force = today, force
        self.candidates: list[Candidate] = []
        self.first_with_id: dict[str, str] = {}
        self.outcome = Outcome()

    def add(self, candidate: Candidate) -> None:
        """Take a candidate; a repeated source id is reported and left out."""
        if candidate.source_id:
            first = self.first_with_id.setdefault(candidate.source_id, candidate.label)
            if first != candidate.label:
                self.reject(candidate.label, f"has the same id as {first} — left out; remove one of them from the source")
                return
        self.candidates.append(candidate)

    def warn(self, line: str) -> None:
        """Report something noticed about a whole file; nothing is left out because of it."""
        self.outcome.lines.append(line)

    def fail(self, source: str, message: str) -> None:
        """Report a file that cannot be read at all."""
        self.outcome.failed_files += 1
        self.outcome.lines.append(f"{source}: {message}")

    def reject(self, label: str, message: str) -> None:
        """Report a record that cannot be imported."""
        self.outcome.skipped += 1
        self.outcome.lines.append(f"{label}: {message}")

    def finish(self) -> Outcome:
        """Check, name and write every candidate taken."""
        prepared: list[tuple[Candidate, Asset]] = []
        for count, candidate in enumerate(self.candidates, start=1):
            asset = self._prepare(candidate)
            if asset is not None:
                prepared.append((candidate, asset))
            self._progress("Checked", count)
        named = self._name(prepared)
        drafts = {stem for stem, (_, asset) in named.items() if asset.draft}
        for count, (stem, (candidate, asset)) in enumerate(named.items(), start=1):
            asset = self._connect(candidate, asset, stem, named, drafts)
            self._write(candidate, asset, stem)
            self._progress("Wrote", count)
        return self.outcome

    def _progress(self, verb: str, count: int) -> None:
        total = len(self.candidates)
        if total >= 2 * PROGRESS_EVERY and (count % PROGRESS_EVERY == 0 or count == total):
            print(f"{verb} {count:,} of {total:,} records…", file=sys.stderr, flush=True)

    # --- Filling in and checking ---------------------------------------------------------

    def _prepare(self, candidate: Candidate) -> Asset | None:
        data = candidate.data
        for key in ("description", "easy_read"):
            if isinstance(data.get(key), str):
                data[key] = wrap(data[key])
        self._match_groups(candidate)
        self._fill_required(candidate)
        asset, fixes, failure = repair(Asset, data, candidate.placeholders, self.today)
        candidate.problems.extend(fixes)
        if asset is None:
            self._report(candidate)
            self.reject(candidate.label, failure or "cannot be made into an asset")
            return None
        if candidate.placeholders and not asset.draft:
            asset = asset.model_copy(update={"draft": True})
        notes = self._staff_notes(candidate, asset)
        return asset.model_copy(update={"staff_notes": notes}) if notes else asset

    def _match_groups(self, candidate: Candidate) -> None:
        data = candidate.data
        domains, unknown = _match(candidate.domain_words, self.content.domains)
        if unknown and (candidate.report_unknown_domains or not domains):
            words = ", ".join(f"'{fit(word, 60)}'" for word in unknown)
            verb = "is not a type" if len(unknown) == 1 else "are not types"
            candidate.problems.append(f"domains: {words} {verb} of activity in domains.yml — left out")
        if domains:
            data["domains"] = domains
        areas, unknown_areas = _match(candidate.area_words, self.content.areas)
        if areas:
            data["area"] = areas[0]
        elif unknown_areas:
            candidate.problems.append(f"area: '{fit(unknown_areas[0], 60)}' is not an area in areas.yml — choose one by hand")

    def _fill_required(self, candidate: Candidate) -> None:
        data, mark = candidate.data, candidate.placeholders
        if not data.get("summary") and data.get("description"):
            sentence = first_sentence(data["description"])
            if len(sentence) <= 200:
                data["summary"] = sentence
        for key, text in (("summary", "one plain sentence saying what it is"), ("description", "more about it")):
            if not data.get(key):
                data[key] = f"{PLACEHOLDER}: {text}."
                mark[key] = f"{PLACEHOLDER}: not in the source"
        if not data.get("domains"):
            data["domains"] = [_fallback(self.content.domains, "other")]
            mark["domains"] = f"{PLACEHOLDER}: choose from content/domains.yml (the source did not say)"
        if not data.get("area"):
            data["area"] = _fallback(self.content.areas, "")
            mark["area"] = f"{PLACEHOLDER}: choose from content/areas.yml (the source did not say)"
        schedule = data.setdefault("schedule", {})
        if not schedule.get("sessions") and not schedule.get("note"):
            schedule["note"] = f"{PLACEHOLDER}: when it meets."
            mark["schedule"] = f"{PLACEHOLDER}: not in the source"
        if "free" not in data.get("cost", {}):
            data["cost"] = {"free": False, "note": f"{PLACEHOLDER}: what it costs."}
            mark["cost"] = f"{PLACEHOLDER}: not in the source"
        contact = data.setdefault("contact", {})
        if not any(contact.get(key) for key in ("phone", "email", "website")):
            contact["email"] = PLACEHOLDER_EMAIL
            mark["contact"] = f"{PLACEHOLDER}: no phone, email or website in the source"
        self._fill_date(candidate)

    def _fill_date(self, candidate: Candidate) -> None:
        data, checked = candidate.data, candidate.data.get("last_checked")
        if isinstance(checked, dt.date) and checked > self.today:
            candidate.problems.append(f"last_checked: {checked.isoformat()} is in the future — set to today, as a draft")
            checked = None
        if not isinstance(checked, dt.date):
            data["last_checked"] = self.today
            candidate.placeholders["last_checked"] = f"{PLACEHOLDER}: the day of the import; set it when you check the details"

    def _staff_notes(self, candidate: Candidate, asset: Asset) -> str | None:
        lines = list(candidate.notes)
        if candidate.placeholders:
            fields = ", ".join(candidate.placeholders)
            lines.append(f"Imported as a draft. Fill in before publishing (marked {PLACEHOLDER}): {fields}.")
        if asset.staff_notes:
            lines.insert(0, asset.staff_notes)
        return fit("\n".join(lines), 20000) if lines else None

    # --- Names, connections and files ---------------------------------------------------

    def _name(self, prepared: list[tuple[Candidate, Asset]]) -> dict[str, tuple[Candidate, Asset]]:
        named: dict[str, tuple[Candidate, Asset]] = {}
        for candidate, asset in prepared:
            base = candidate.stem_hint if _good_stem(candidate.stem_hint) else slug(asset.name) or "imported-asset"
            base = "index-asset" if base == "index" else base
            stem, number = base, 1
            while stem in named:
                number += 1
                stem = f"{base[: 80 - len(str(number)) - 1]}-{number}"
            named[stem] = (candidate, asset)
        return named

    def _connect(self, candidate: Candidate, asset: Asset, stem: str, named: dict, drafts: set[str]) -> Asset:
        kept = []
        for target in asset.connections:
            existing = self.content.assets.get(target)
            if target == stem or (target not in named and existing is None):
                candidate.problems.append(f"connections: '{target}' is not an asset here — left out")
            elif not asset.draft and (target in drafts or (existing is not None and target not in named and existing.item.draft)):
                candidate.problems.append(f"connections: '{target}' is a draft — left out; add it back once it is published")
            else:
                kept.append(target)
        return asset if kept == list(asset.connections) else asset.model_copy(update={"connections": kept})

    def _write(self, candidate: Candidate, asset: Asset, stem: str) -> None:
        path = self.folder / f"{stem}.yml"
        text = dump_asset(asset, candidate.placeholders)
        if not _reads_back(text, path, asset):
            self._report(candidate)
            self.reject(candidate.label, "could not be written exactly — nothing written; please report this")
            return
        data = text.encode()
        if path.exists() and path.read_bytes() == data:
            self.outcome.unchanged += 1
        elif path.exists() and not self.force:
            self._report(candidate)
            self.reject(candidate.label, f"{path.as_posix()} already exists and is different — use --force to replace it")
            return
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            self.outcome.written += 1
            self.outcome.drafts += asset.draft
        self._report(candidate)

    def _report(self, candidate: Candidate) -> None:
        self.outcome.lines.extend(f"{candidate.label}: {problem}" for problem in candidate.problems)
        candidate.problems = []


def _reads_back(text: str, path: Path, asset: Asset) -> bool:
    """True when our own loader reads ``text`` as exactly ``asset``."""
    document, problems = parse_yaml(text, path.as_posix())
    if document is None or problems:
        return False
    item, problems = validate(Asset, document, path.as_posix())
    return item == asset


def _match(words: list[str], groups: dict) -> tuple[list[str], list[str]]:
    index: dict[str, str] = {}
    for identifier, record in groups.items():
        for key in (identifier, record.item.name.lower(), slug(record.item.name)):
            index.setdefault(key, identifier)
    found, unknown = [], []
    for word in words:
        identifier = index.get(word.strip().lower()) or index.get(slug(word))
        if identifier:
            found.append(identifier)
        elif word.strip():
            unknown.append(word.strip())
    return list(dict.fromkeys(found)), list(dict.fromkeys(unknown))


def _fallback(groups: dict, preferred: str) -> str:
    return preferred if preferred in groups else next(iter(groups), "other")


def _good_stem(stem: str | None) -> TypeGuard[str]:
    if not stem:
        return False
    return len(stem) <= 80 and bool(re.match(STEM_PATTERN, stem)) and stem != "index"
