"""A newsletter issue, composed: what each item says on the issue page and in the email.

An issue names news posts, events and stories by file name. Here each one
becomes an :class:`IssueEntry` (its kind, title, summary, facts, the editor's
comment and its address), used by the issue's page and by the two files staff
send to the mailing list: ``newsletter/<stem>/email.html``, with every style
inline (css-inline) and every link a full address, and ``email.txt``, the
same in plain text wrapped at 72 columns.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser

import css_inline
import jinja2
from markupsafe import Markup

from signpost.collect.newsletter import NO_ENTRIES, issue_entries
from signpost.core import humanize
from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS
from signpost.core.outputs import FileOutput
from signpost.models import NewsletterIssue, SiteSettings
from signpost.render import richtext
from signpost.render.registry import generator
from signpost.render.sharing import absolute_links
from signpost.render.site import SiteRenderer

EMAIL_TEMPLATE = "email/newsletter.html"
TEXT_WIDTH = 72
# The HTML email is one file: no stylesheet to fetch, nothing left in <style>.
_INLINER = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)


@generator(order=70, makes="newsletter/<stem>/email.html and email.txt: each issue as an email to send")
def newsletter_emails(renderer: SiteRenderer) -> Iterator[FileOutput]:
    """Both emails of every published issue."""
    return email_files(renderer.env, renderer.content, renderer.lists.newsletters)


def email_files(env: jinja2.Environment, content: Content, issues: Sequence[Record]) -> Iterator[FileOutput]:
    """For each published issue: ``email.html`` and ``email.txt`` beside its page."""
    for record in issues:
        email = NewsletterEmail(content, record)
        folder = KINDS["newsletter"].url(record.stem)
        yield FileOutput(f"{folder}email.html", email.html(env).encode())
        yield FileOutput(f"{folder}email.txt", email.text().encode())


class NewsletterEmail:
    """One issue as an email, in HTML and plain text, with full addresses only."""

    def __init__(self, content: Content, record: Record[NewsletterIssue]):
        self.site: SiteSettings = content.site
        self.issue = record.item
        self.web_url = self.site.absolute(KINDS["newsletter"].url(record.stem))
        self.entries = [
            dataclasses.replace(entry, url=self.site.absolute(entry.url)) for entry in issue_entries(self.issue, content)
        ]
        self.introduction = absolute_links(str(richtext.to_html(record.body)), self.web_url)
        self.subject = f"{self.site.name} newsletter, issue {self.issue.number}: {self.issue.title}"

    def html(self, env: jinja2.Environment) -> str:
        """The HTML email: a table layout at most 600 pixels wide, every style inline."""
        document = env.get_template(EMAIL_TEMPLATE).render(
            site=self.site,
            issue=self.issue,
            subject=self.subject,
            web_url=self.web_url,
            home_url=self.site.absolute(""),
            introduction=Markup(self.introduction),
            entries=self.entries,
            subscribe=self.site.newsletter_subscribe_link(),
        )
        return _INLINER.inline(document)

    def text(self) -> str:
        """The plain-text email, wrapped at 72 columns; addresses are never broken."""
        issue, site = self.issue, self.site
        lines = [
            f"{site.name.upper()} NEWSLETTER",
            f"Issue {issue.number}: {issue.title}",
            humanize.long_date(issue.date),
            "",
            "Read this issue on the website:",
            self.web_url,
            "",
        ]
        for paragraph in html_to_paragraphs(self.introduction):
            lines += [*_wrap(paragraph), ""]
        lines += ["IN THIS ISSUE", "=" * len("IN THIS ISSUE"), ""]
        if not self.entries:
            lines += [*_wrap(NO_ENTRIES), ""]
        for number, entry in enumerate(self.entries, 1):
            lines += _wrap(f"{number}. {entry.label}: {entry.title}", indent="   ", first="")
            if entry.notice:
                lines += _wrap(entry.notice.upper(), indent="   ")
            if entry.comment:
                lines += _wrap(entry.comment, indent="   ")
            lines.append("")
            lines += _wrap(entry.summary, indent="   ")
            for name, value in entry.facts:
                lines += _wrap(f"{name}: {value}", indent="   ")
            action = f"   {entry.action}: {entry.url}"
            lines += [action, ""] if len(action) <= TEXT_WIDTH else [f"   {entry.action}:", f"   {entry.url}", ""]
        lines.append("-" * TEXT_WIDTH)
        for paragraph in _footer_paragraphs(site):
            lines += [*_wrap(paragraph), ""]
        return "\n".join(lines)


def _footer_paragraphs(site: SiteSettings) -> list[str]:
    link = site.newsletter_subscribe_link()
    if link and not link.startswith("mailto:"):
        join = f"Was this sent on to you? Sign up to get the next issue yourself: {link}"
    else:
        address = link.removeprefix("mailto:").split("?")[0] if link else site.contact_email
        join = f"Was this sent on to you? To get the next issue yourself, write to {address}."
    return [
        join,
        f"You get this newsletter because you asked {site.organisation} to send it to you. "
        f"To stop getting it, or to ask us anything, write to {site.contact_email}.",
        f"{site.name}: {site.absolute('')}",
    ]


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=TEXT_WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


class _TextParser(HTMLParser):
    """Sanitised HTML as paragraphs of text: a link's address follows its words."""

    BLOCKS = {"p", "li", "h2", "h3", "h4", "blockquote", "pre", "tr", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.links: list[tuple[str | None, int]] = []
        self.lists: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            kind, count = self.lists[-1]
            self.current.append("- " if kind == "ul" else f"{count}. ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href"), len(self.current)))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href, start = self.links.pop()
            address = (href or "").removeprefix("mailto:")
            if address and address != "".join(self.current[start:]).strip():
                self.current.append(f" <{address}>")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []


def html_to_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment as plain text."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return parser.paragraphs
