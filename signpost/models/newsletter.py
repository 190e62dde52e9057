"""A newsletter issue: an introduction and a list of items from the site."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from signpost.models.common import Line, Stem, Strict


class NewsletterItem(Strict):
    """One item: exactly one of news, event or case_study, plus an optional comment."""

    news: Stem | None = Field(None, description="File name of a news post (without .md).")
    event: Stem | None = Field(None, description="File name of an event (without .md).")
    case_study: Stem | None = Field(None, description="File name of a case study (without .md).")
    comment: Line | None = Field(None, description="A line to introduce the item.")

    @model_validator(mode="after")
    def _exactly_one(self) -> NewsletterItem:
        if sum(value is not None for value in (self.news, self.event, self.case_study)) != 1:
            raise ValueError("needs exactly one of news, event or case_study")
        return self

    @property
    def kind(self) -> str:
        """Which kind of content the item points at."""
        return "news" if self.news else "event" if self.event else "case_study"

    @property
    def stem(self) -> str:
        """The file name the item points at."""
        return self.news or self.event or self.case_study or ""


class NewsletterIssue(Strict):
    """An issue of the newsletter, sent by email and archived on the site.

    The Markdown below the front matter is the issue's introduction.
    """

    number: int = Field(ge=1, description="The issue number, for example 1.")
    title: Line = Field(description="The issue's title.")
    date: dt.date = Field(description="The date it goes out, as YYYY-MM-DD.")
    items: list[NewsletterItem] = Field(min_length=1, description="The news posts, events and case studies in this issue.")
    draft: bool = Field(False, description="true to keep it off the site while you work on it.")
