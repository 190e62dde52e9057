"""Markdown from content, turned into HTML that is safe to publish.

Content arrives from many hands, so the HTML that Markdown produces is passed
through an allow list (nh3): no scripts, no event handlers, no styles, and
links only to web, email and phone addresses.
"""

from __future__ import annotations

import threading

import markdown
import nh3
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "code",
    "pre",
    "hr",
    "abbr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Pages written in Markdown by staff (news posts) may also carry images,
# heading anchors and highlighted code.
PAGE_TAGS = ALLOWED_TAGS | {"h1", "h5", "h6", "img", "div", "span", "sup", "sub", "dl", "dt", "dd", "del", "ins", "caption"}
PAGE_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    **{tag: {"id"} for tag in ("h1", "h2", "h3", "h4", "h5", "h6")},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "div": {"class"},
    "span": {"class"},
    "pre": {"class"},
    "td": {"align"},
    "th": {"align", "scope"},
}

# One converter per thread: a converter keeps state while it works, and the
# live preview renders a saved file's page while a full build runs in another.
_converters = threading.local()


def to_html(text: str | None) -> Markup:
    """Render Markdown and keep only the tags and attributes we allow."""
    if not text:
        return Markup("")
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    converter.reset()
    html = converter.convert(_demote_headings(text))
    return Markup(clean(html))


def clean(html: str) -> str:
    """Sanitise HTML from a content field with the strict allow list."""
    return _sanitise(html, ALLOWED_TAGS, ALLOWED_ATTRIBUTES, keep_comments=False)


def clean_page(html: str) -> str:
    """Sanitise a whole Markdown page's HTML; comments stay (``<!-- more -->``)."""
    return _sanitise(html, PAGE_TAGS, PAGE_ATTRIBUTES, keep_comments=True)


def _sanitise(html: str, tags: set[str], attributes: dict[str, set[str]], keep_comments: bool) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=not keep_comments,
    )


class _SanitisePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return clean_page(text)


class SanitiseExtension(Extension):
    """A Markdown extension that sanitises the finished HTML with the page allow list.

    Add it last to any Markdown set-up that renders content written by
    staff, so raw HTML in the Markdown cannot carry scripts.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        # Priority 0: after raw HTML has been put back (priority 30).
        md.postprocessors.register(_SanitisePostprocessor(md), "signpost_sanitise", 0)


def makeExtension(**kwargs) -> SanitiseExtension:  # noqa: N802 - Markdown's API name
    """Let Markdown load this module by name."""
    return SanitiseExtension(**kwargs)


def _demote_headings(text: str) -> str:
    # The page already has its one <h1>; a '# Heading' in content becomes <h2>.
    lines = text.splitlines()
    return "\n".join("#" + line if line.startswith("# ") else line for line in lines)
