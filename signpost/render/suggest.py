"""The "Something wrong?" link, which opens a GitHub issue form already filled in.

The form is ``.github/ISSUE_TEMPLATE/suggest-a-change.yml`` in the site's
repository. GitHub fills a form's fields from the address: each query
parameter named after a field's ``id``. The link names the page and the
content file behind it, so whoever picks the issue up knows which file to
edit. Pages keep the email route beside it for people without a GitHub
account, and show only that when the repository is not on GitHub.
"""

from __future__ import annotations

from urllib.parse import urlencode

from signpost.core.content import Content, Record
from signpost.models import SiteSettings

ISSUE_FORM = "suggest-a-change.yml"
# The ids of the form's fields that the link fills in.
PAGE_FIELD = "page"
SOURCE_FIELD = "source"


def suggest_change_url(site: SiteSettings, page_url: str, relative_source: str, name: str) -> str | None:
    """The address of a new issue about the page at ``page_url``, made from ``relative_source``; None without GitHub."""
    repository = (site.repo_url or "").rstrip("/")
    if not repository.startswith("https://github.com/"):
        return None
    query = {
        "template": ISSUE_FORM,
        "title": f"Change to: {name}",
        PAGE_FIELD: site.absolute(page_url),
        SOURCE_FIELD: f"{site.content_folder.strip('/')}/{relative_source}",
    }
    return f"{repository}/issues/new?{urlencode(query)}"


def template_globals(content: Content) -> dict:
    """``suggest_change_url(record, page_url, name)`` for the page templates."""

    def for_record(record: Record, page_url: str, name: str) -> str | None:
        return suggest_change_url(content.site, page_url, content.relative_source(record), name)

    return {"suggest_change_url": for_record}
