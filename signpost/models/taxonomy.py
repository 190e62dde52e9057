"""Domains and areas: the two ways teams group their community assets."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from signpost.models.common import Line, Stem, Strict, Text


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
