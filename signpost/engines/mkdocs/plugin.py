"""The MkDocs plugin that hands Signpost's outputs to MkDocs, and nothing else.

Each rendered page becomes a :class:`RenderedPage`: a MkDocs page whose
title, description, address, edit link and body are set from the core's
typed fields, so no title is parsed, no address is guessed from a file name
and no body is swapped. Checked source files (news posts for Material's
blog, pictures) are placed in the engine's own, otherwise empty, docs folder.

MkDocs holds an object for every file it knows until the build ends, which
at 100,000 activities is hundreds of megabytes. So only what MkDocs needs to
know goes in as its files: the pages of the navigation and the source files.
Plain files are written as they come. Pages outside the navigation (every
activity's, every listing's) are written after MkDocs' own, one at a time,
the way MkDocs writes a page, and let go of.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import write_file

from signpost.build.staging import link_or_copy
from signpost.core.outputs import FileOutput, Output, Page, SourceFile
from signpost.engines.csp import TrustedScripts, with_policy
from signpost.engines.mkdocs.look import apply_site_look, own_folders, use_default_look
from signpost.models import SiteSettings

# Material's hidden toggles carry autocomplete="off", which HTML allows only
# on text-like inputs; the Nu Html Checker reports it on every page.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def source_uri(url: str) -> str:
    """The MkDocs source path we give a page at ``url``: always ``<url>index.md``.

    An ``index.md`` is written to ``<folder>/index.html`` whatever
    ``use_directory_urls`` says, so the address never depends on it.
    """
    return f"{url}index.md"


class RenderedPage(MkDocsPage):
    """A page whose body Signpost has already rendered: MkDocs wraps it in the theme."""

    def __init__(self, output: Page, file: File, config: MkDocsConfig, nav_label: str | None = None):
        super().__init__(None, file, config)
        self._nav_label = nav_label
        self.show(output)

    def show(self, output: Page) -> None:
        """Take the title, description, edit link and body from ``output`` (again, in a live preview).

        Swapping a new core page into the page MkDocs already knows keeps
        its place in the navigation, so a page written again alone matches
        the one the full build wrote.
        """
        # Material prints titles unescaped in some places, and strips tags
        # (unescaping) where there is no meta title: escaped Markup in both.
        # A page in the navigation is labelled there with its nav label;
        # the browser tab shows the meta title (the site's name alone at home).
        title = Markup.escape(output.title)
        self.title = Markup.escape(self._nav_label) if self._nav_label else title
        self.meta = {"description": Markup.escape(output.description)}
        if not self.is_homepage:
            self.meta["title"] = title
        if output.noindex:
            self.meta["robots"] = "noindex"
        self.edit_url = output.edit_url
        self.signpost_kind = output.kind
        self._render = output.render
        self._written: str | None = None

    def written(self) -> None:
        """The page is written: let go of its body and what makes it (a live preview shows it again first)."""
        self._written = None
        self._render = _no_body

    def read_source(self, config: MkDocsConfig) -> None:
        """There is no Markdown to read: the body is finished HTML."""
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert: the core renders the body when the page is written."""
        self.toc = TableOfContents([])

    # MkDocs reads every page before it writes any; holding every body from
    # the first read would keep all of them in memory at once. The body is
    # made while MkDocs writes this page (the page is "active"), kept for
    # that moment only, and let go when it is written (on_post_page).
    @property
    def content(self) -> str | None:
        """The page's body while it is being written; empty before."""
        if not self.active:
            return ""
        if self._written is None:
            self._written = self._render()
        return self._written

    @content.setter
    def content(self, value: str | None) -> None:
        # MkDocs stores what its content hooks returned; the body is ours.
        if value is None:
            self._written = None


def _no_body() -> str:
    return ""


@dataclass(frozen=True)
class KeptBuild:
    """MkDocs' view of a build: what writing one of its pages (again) needs.

    ``outside_navigation`` holds the addresses of the pages written after
    MkDocs' own (kept for a live preview only).
    """

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    outside_navigation: frozenset[str] = frozenset()

    @cached_property
    def documents(self) -> Sequence[File]:
        """The pages MkDocs hands each page's template, as its build does."""
        return self.files.documentation_pages(inclusion=InclusionLevel.is_included)

    def write_page(self, page: RenderedPage) -> None:
        """Write ``page`` (to its file's ``abs_dest_path``) as MkDocs' build writes a page.

        These are the steps of MkDocs 1.6's own page writing, each a public
        name: the page is active while its template renders (the theme marks
        it in the navigation, and our body is made then), plugins see the
        context (``on_page_context``) and the result (``on_post_page``).
        """
        page.active = True
        try:
            context = get_context(self.nav, self.documents, self.config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = self.config.plugins.on_page_context(context, page=page, config=self.config, nav=self.nav)
            output = self.config.plugins.on_post_page(template.render(context), page=page, config=self.config)
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
        finally:
            page.active = False


def page_file(output: Page, config: MkDocsConfig, nav_label: str | None = None) -> File:
    """The MkDocs file and page (``file.page``) that publish ``output``."""
    inclusion = InclusionLevel.INCLUDED if nav_label is not None else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, source_uri(output.url), content="", inclusion=inclusion)
    file.dest_uri, file.url = output.path, output.url or "./"
    RenderedPage(output, file, config, nav_label)
    return file


class SignpostPlugin(BasePlugin):
    """Hands one build's outputs to MkDocs."""

    def __init__(self, outputs: Iterable[Output], site: SiteSettings, in_navigation: dict[str, str], keep: bool = False):
        self.outputs = outputs
        self.site = site
        self.in_navigation = in_navigation
        self.sources: dict[str, SourceFile] = {}
        # A live preview keeps MkDocs' view of the build, to write single pages again.
        self.keep = keep
        self._nav: Navigation | None = None
        self._built: KeptBuild | None = None
        # Pages outside the navigation, written after MkDocs' own (on_post_build).
        self.later: list[Page] = []
        self.trusted = TrustedScripts()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Take the footer's contact address from the site settings; the core writes the sitemap."""
        config.extra["contact_email"] = Markup.escape(self.site.contact_email)
        # The description of pages that have none of their own (the blog's, the 404 page).
        config.site_description = Markup.escape(self.site.tagline)
        config.theme.static_templates.discard("sitemap.xml")
        use_default_look(config)
        apply_site_look(config, self.site)
        # Material's own inline scripts may run; ours (the default look's and the site's) live in files.
        ours = own_folders(config)
        self.trusted = TrustedScripts.in_folders(folder for folder in config.theme.dirs if folder not in ours)
        return config

    # Before Material's blog plugin looks for posts in on_files.
    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Take every output: add the navigation's pages and the blog's sources, write plain files, keep the rest."""
        for output in self.outputs:
            if isinstance(output, Page) and output.url in self.in_navigation:
                files.append(page_file(output, config, self.in_navigation[output.url]))
            elif isinstance(output, Page):
                self.later.append(output)
            elif isinstance(output, FileOutput):
                # The core's file wins over a theme file of the same name (the
                # theme's sitemap.xml template, no longer rendered): MkDocs would copy it later.
                existing = files.get_file_from_path(output.path)
                if existing is not None:
                    files.remove(existing)
                write_file_output(Path(config.site_dir) / output.path, output)
            else:
                files.append(self._source_file(output, config))
        self.outputs = ()
        return _SiteFiles(files, config, lambda: {source_uri(page.url) for page in self.later})

    def _source_file(self, output: SourceFile, config: MkDocsConfig) -> File:
        # Material's blog reads posts and its index from the docs folder, so
        # they are placed there (hard-linked where possible), checked as they are.
        target = Path(config.docs_dir) / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(output.source, target)
        self.sources[output.path] = output
        return File(output.path, config.docs_dir, config.site_dir, config.use_directory_urls)

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Check that the blog put each post at the address the core gave it."""
        for path, source in self.sources.items():
            file = files.get_file_from_path(path)
            if source.url is not None and file is not None and file.url != source.url:
                raise PluginError(
                    f"{source.source}: the blog publishes this at '{file.url}', not '{source.url}'; "
                    'set post_url_format: "{file}" for the blog in mkdocs.yml'
                )
        self._nav = nav
        return nav

    # After the blog has added its own to the theme's environment.
    @event_priority(-100)
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Keep what writing one page needs: for the pages written later, and for a live preview."""
        if self._nav is not None:
            outside = frozenset(output.url for output in self.later) if self.keep else frozenset()
            self._built = KeptBuild(config, files, self._nav, env, outside)
        return env

    @property
    def kept(self) -> KeptBuild | None:
        """MkDocs' view of the build, for a live preview to write pages again (None unless asked for)."""
        return self._built if self.keep else None

    def on_pre_page(self, page: MkDocsPage, *, config: MkDocsConfig, files: Files) -> MkDocsPage:
        """Give pages from source files (news posts) their edit link from the site settings."""
        source = self.sources.get(page.file.src_uri)
        if source is not None:
            page.edit_url = source.edit_url
        return page

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Escape a news post's title and description: Material prints them unescaped."""
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
                page.meta[key] = Markup.escape(page.meta[key])
        return markdown

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Make Material's page shell valid HTML, add the security policy; let go of a written page's body."""
        if isinstance(page, RenderedPage):
            page.written()
        return with_policy(_CHECKBOX_AUTOCOMPLETE.sub(r"\1", output), self.site, self.trusted)

    # Before any plugin that works on the finished site.
    @event_priority(100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the pages outside the navigation, one at a time, as MkDocs wrote its own."""
        if self._built is None:
            raise PluginError("the theme was not set up, so no page could be written")
        # Last first, each let go of once written: the memory of the ones
        # written goes to the next ones. The order of writing changes nothing.
        while self.later:
            self._built.write_page(page_file(self.later.pop(), config).page)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for pages made from a template alone, such as 404.html."""
        if not template_name.endswith(".html"):
            return output_content
        return with_policy(_CHECKBOX_AUTOCOMPLETE.sub(r"\1", output_content), self.site, self.trusted)

    def source_of(self, path: str) -> Path | None:
        """The content file behind a docs-folder path, for problems MkDocs reports."""
        source = self.sources.get(path)
        return source.source if source else None


def write_file_output(target: Path, output: FileOutput) -> None:
    """Write a plain file at ``target``, piece by piece as it is made."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as file:
        for piece in output.pieces():
            file.write(piece)


class _SiteFiles(Files):
    """MkDocs' files, answering also for the site's files it does not hold.

    A news post may link to a plain file (feed.xml, an export) or to a page
    written after MkDocs' own (``../directory/x/index.md``). MkDocs checks
    such links against its files and, in strict mode, stops the build on a
    link it cannot find; these exist, so they are found here.
    """

    def __init__(self, files: Files, config: MkDocsConfig, later_sources: Callable[[], set[str]]):
        super().__init__(list(files))
        self._config = config
        self._later_sources = later_sources
        self._later: set[str] | None = None

    def get_file_from_path(self, path: str) -> File | None:
        """The file MkDocs holds at ``path``, or a stand-in for a file or later page the site has there."""
        found = super().get_file_from_path(path)
        if found is not None or not self._ours(path):
            return found
        return File.generated(self._config, path, content=b"")

    def _ours(self, path: str) -> bool:
        if (Path(self._config.site_dir) / path).is_file():  # plain files are written already
            return True
        if self._later is None:  # made once, only when a post links to a page MkDocs does not hold
            self._later = self._later_sources()
        return path in self._later
