"""A case study: the model in action, told by the worker and the individual."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from signpost.models.common import Line, Stem, Strict, Text


class Consent(Strict):
    """The record that the person agreed to their story being published."""

    given: bool = Field(description="true only when the person has agreed to publication.")
    date: dt.date = Field(description="The date consent was recorded, as YYYY-MM-DD.")
    recorded_by: Line = Field(description="The member of staff who recorded the consent.")


class CaseStudy(Strict):
    """A real story, published under pseudonyms and only with recorded consent."""

    title: Line = Field(description="The heading, for example 'Jack finds his team'.")
    summary: Line = Field(description="One plain sentence saying what the story shows.")
    setting: Line = Field(description="Where the work happened, for example 'Third-sector learning disability service'.")
    service_type: Line = Field(description="The kind of service, for example 'Learning disability'.")
    worker: Line = Field(description="The worker's pseudonym.")
    individual: Line = Field(description="The pseudonym of the person supported.")
    worker_perspective: Text = Field(description="The story as the worker tells it, in Markdown.")
    individual_perspective: Text = Field(description="The story as the person tells it, in Markdown.")
    assets_used: list[Stem] = Field(default_factory=list, description="File names (without .yml) of assets from the directory.")
    goals: list[Line] = Field(default_factory=list, description="The goals that were set, one per line.")
    date: dt.date = Field(description="When the story was written, as YYYY-MM-DD.")
    consent: Consent | None = Field(None, description="Consent to publish. Without it the story is never published.")
    draft: bool = Field(False, description="true to keep it off the site while you work on it.")
    staff_notes: Text | None = Field(None, description="Notes for staff only. Never published.")

    @property
    def publishable(self) -> bool:
        """Published only when not a draft and consent is recorded as given."""
        return not self.draft and self.consent is not None and self.consent.given
