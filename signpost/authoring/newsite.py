"""The files of a new site repository, made from the starter that ships in the package.

``signpost init`` writes them. Each file under ``starter/`` goes to the same
path in the new site with its placeholders filled in: ``{{name}}`` is the
answer as written (for Markdown and comments), ``{{name_yaml}}`` the same as
a quoted YAML string, so any answer is safe in ``site.yml``. A name starting
``dot-`` starts with a dot in the site (``dot-github/`` is ``.github/``):
packaging tools leave hidden files out of a wheel.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from signpost.models.common import EMAIL_PATTERN
from signpost.models.site import SiteUrl

STARTER = Path(__file__).resolve().parent / "starter"
HIDDEN_PREFIX = "dot-"

# What init asks for, in order: the option, and the question put to a person.
QUESTIONS = {
    "name": "The site's name, for example 'Hollinsford Connects'",
    "place": "The place it covers, for example 'Hollinsford and the Moor villages'",
    "email": "The email address people write to with corrections",
    "site_url": "The site's web address, for example 'https://your-team.github.io/'",
}

# The tagline is built from the place and must stay one line of at most 200 characters.
_TAGLINE = "Find clubs, groups, classes and ways to help out in {place}."
_PLACE_LIMIT = 200 - len(_TAGLINE.format(place=""))
_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


@dataclass(frozen=True)
class NewSite:
    """The four answers a new site starts from."""

    name: str
    place: str
    email: str
    site_url: str


def option_name(field: str) -> str:
    """The command-line option that gives ``field`` (``site_url`` → ``--site-url``)."""
    return "--" + field.replace("_", "-")


def problem_with(field: str, value: str) -> str | None:
    """What is wrong with an answer, in plain words with how to fix it; None when it is fine."""
    value = value.strip()
    if not value:
        return "is empty — write it in"
    if "\n" in value or "\r" in value:
        return "must be on one line"
    if field == "name" and len(value) > 200:
        return "is longer than 200 characters — shorten it"
    if field == "place" and len(value) > _PLACE_LIMIT:
        return f"is longer than {_PLACE_LIMIT} characters — shorten it"
    if field == "email" and not re.match(EMAIL_PATTERN, value):
        return f"'{value}' is not an email address — write it like team@example.org"
    if field == "site_url" and not _is_site_url(value):
        return f"'{value}' is not a web address — write it with https://, like https://your-team.github.io/"
    return None


def _is_site_url(value: str) -> bool:
    if not re.match(r"^https?://[^\s/]+\.[^\s/]+", value, re.IGNORECASE):
        return False
    try:
        TypeAdapter(SiteUrl).validate_python(value)
    except ValidationError:
        return False
    return True


def placeholders(site: NewSite, today: dt.date, version: str) -> dict[str, str]:
    """Each placeholder's text: the answers (plain and as YAML), dates and Signpost's version."""
    answers = {field: value.strip() for field, value in asdict(site).items()}
    answers["site_url"] = answers["site_url"] if answers["site_url"].endswith("/") else answers["site_url"] + "/"
    answers["tagline"] = _TAGLINE.format(place=answers["place"])
    values = {**answers, **{f"{field}_yaml": _yaml_string(value) for field, value in answers.items()}}
    # The example event is two months ahead, so it stays upcoming while a team starts out.
    values.update(today=today.isoformat(), event_day=(today + dt.timedelta(days=60)).isoformat(), version=version)
    return values


def _yaml_string(value: str) -> str:
    # A JSON string is a YAML double-quoted string: nothing in it is read as YAML.
    return json.dumps(value, ensure_ascii=False)


def site_files(site: NewSite, today: dt.date, version: str) -> Iterator[tuple[str, str]]:
    """Each file of the new site: its path (with /) and its text, in a stable order."""
    values = placeholders(site, today, version)
    for path in sorted(STARTER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield site_path(path.relative_to(STARTER)), fill_in(path.read_text(encoding="utf-8"), values)


def site_path(relative: Path) -> str:
    """Where a starter file goes in the site: ``dot-github/x.yml`` → ``.github/x.yml``."""
    return "/".join("." + part.removeprefix(HIDDEN_PREFIX) if part.startswith(HIDDEN_PREFIX) else part for part in relative.parts)


def fill_in(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``{{key}}`` replaced; GitHub's ``${{ ... }}`` (spaced) is left as it is."""
    return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), text)
