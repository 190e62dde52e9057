"""Domains and areas: the two ways teams group their community assets."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from signpost.models.common import Email, Line, Stem, Strict, Text


def _not_reserved(value: str) -> str:
    if value == "index":
        raise ValueError("'index' names the list page itself; choose another id")
    return value


GroupId = Annotated[Stem, AfterValidator(_not_reserved)]


class Domain(Strict):
    """A kind of activity, from the asset-mapping exercise (content/domains.yml)."""

    id: GroupId = Field(description="A short id used in asset files, for example 'sport'.")
    name: Line = Field(description="The name shown on the site.")
    description: Text = Field(description="One or two plain sentences about what belongs here.")


class Area(Strict):
    """A part of the district (content/areas.yml)."""

    id: GroupId = Field(description="A short id used in asset files, for example 'town-centre'.")
    name: Line = Field(description="The name shown on the site.")
    description: Text = Field(description="One or two plain sentences: where it is, how people get about.")


class SiteInfo(Strict):
    """What the site is and who runs it (content/site.yml)."""

    name: Line = Field(description="The site's name, shown in every page header.")
    place: Line = Field(description="The place the directory covers.")
    tagline: Line = Field(description="One plain sentence that says what the site is for.")
    introduction: Text = Field(description="The welcome on the home page, in Markdown.")
    organisation: Line = Field(description="Who runs the site.")
    contact_email: Email = Field(description="Where people can send corrections.")
    review_after_days: int = Field(365, ge=30, le=1000, description="Assets not checked for this many days are marked as due a check.")
