"""A news post's front matter. The body is Markdown; Material's blog renders it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from signpost.models.common import Line, Strict

# A category is a short label that also names a page: letters, numbers,
# spaces and simple punctuation only.
CATEGORY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 ,.'-]{0,39}$"
Category = Annotated[str, Field(pattern=CATEGORY_PATTERN)]


class NewsPost(Strict):
    """A news post in content/news/posts/: project updates, essays, training activities."""

    title: Line = Field(description="The headline.")
    # Strict: Material's blog plugin reads this date itself and rejects a
    # quoted "2026-11-01", so we catch it first, with a line and a hint.
    date: dt.date = Field(strict=True, description="The publication date, as YYYY-MM-DD (no quotes).")
    description: Line = Field(description="One plain sentence for listings and search results.")
    categories: list[Category] = Field(default_factory=list, description="Categories, for example [Training, Study news].")
    # Strict for the same reason: the blog plugin accepts only true or false.
    draft: bool = Field(False, strict=True, description="true to keep it off the site while you work on it.")
