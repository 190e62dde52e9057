"""One pydantic model per content kind, declared once and reused everywhere."""

from signpost.models.asset import Asset
from signpost.models.case_study import CaseStudy
from signpost.models.event import Event
from signpost.models.news import NewsPost
from signpost.models.newsletter import NewsletterIssue
from signpost.models.site import SiteSettings
from signpost.models.taxonomy import Area, Domain

__all__ = ["Area", "Asset", "CaseStudy", "Domain", "Event", "NewsPost", "NewsletterIssue", "SiteSettings"]
