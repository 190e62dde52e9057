"""Markdown from content, turned into HTML that is safe to publish.

Content arrives from many hands, so the HTML that Markdown produces is passed
through an allow list (nh3): no scripts, no event handlers, no styles, and
links only to web, email and phone addresses.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h2", "h3", "h4", "code", "pre", "hr", "abbr", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def to_html(text: str | None) -> Markup:
    """Render Markdown and keep only the tags and attributes we allow."""
    if not text:
        return Markup("")
    _converter.reset()
    html = _converter.convert(_demote_headings(text))
    return Markup(clean(html))


def clean(html: str) -> str:
    """Sanitise HTML with the allow list (also used on any other HTML input)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _demote_headings(text: str) -> str:
    # The page already has its one <h1>; a '# Heading' in content becomes <h2>.
    lines = text.splitlines()
    return "\n".join("#" + line if line.startswith("# ") else line for line in lines)
