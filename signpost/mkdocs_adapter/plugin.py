"""The ``signpost`` MkDocs plugin: content in, generated pages out.

The hooks stay thin. ``on_config`` loads and checks the content (or takes
what the build command already loaded); ``on_files`` removes every source
file MkDocs must not publish and adds the generated pages in their place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from markupsafe import Markup

from signpost.content import Content
from signpost.loader import load_content, publishable_source
from signpost.problems import errors_in, format_problems
from signpost.render import render_site


# Material's hidden toggles carry autocomplete="off", which HTML allows only
# on text-like inputs; the Nu Html Checker reports it on every page.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


class SignpostConfig(Config):
    """Settings under ``plugins: - signpost:`` in mkdocs.yml."""

    templates_subdir = options.Type(str, default="signpost")


class SignpostPlugin(BasePlugin[SignpostConfig]):
    """Adds Signpost's generated pages to a MkDocs build."""

    def __init__(self) -> None:
        self.preloaded: Content | None = None
        self.content: Content | None = None
        self.bodies: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the content in ``docs_dir``; stop on any error."""
        self.content = self.preloaded or self._load(config.docs_dir)
        # Material prints these without escaping in some places and with
        # `| e` in others: escaped Markup is safe in both, never doubled.
        config.site_name = Markup.escape(self.content.site.name)
        config.extra["contact_email"] = Markup.escape(self.content.site.contact_email)
        return config

    def _load(self, docs_dir: str) -> Content:
        today = os.environ.get("SIGNPOST_TODAY")
        content, problems = load_content(Path(docs_dir), dt.date.fromisoformat(today) if today else None)
        if content is None or errors_in(problems):
            raise PluginError("The content has problems:\n" + format_problems(errors_in(problems)))
        return content

    # Run before Material's blog plugin looks for posts in on_files.
    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Keep only publishable source files, then add the generated pages."""
        for file in list(files):
            # Theme files come from elsewhere; from the content folder, only
            # files the loader has checked (news posts, pictures) go to MkDocs.
            if file.src_dir == config.docs_dir and not publishable_source(file.src_uri):
                files.remove(file)
        templates = Path(config.theme.custom_dir or "templates") / self.config.templates_subdir
        self.bodies = {}
        for page in render_site(self.content, templates):
            # The body is finished HTML: MkDocs gets only the front matter to
            # parse, and on_page_content puts the HTML in place unchanged.
            generated = File.generated(config, page.source_path, content=page.front_matter())
            generated.edit_uri = page.edit_source
            files.append(generated)
            self.bodies[page.source_path] = page.body
        return files

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """Escape the title and description every template prints."""
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = Markup.escape(page.meta[key])
        return markdown

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """Use the rendered HTML for generated pages; leave other pages alone."""
        return self.bodies.get(page.file.src_uri, html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Let go of the content and page bodies: the search indexer runs next."""
        self.preloaded, self.content, self.bodies = None, None, {}

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """Make Material's page shell valid HTML."""
        return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The same fix for pages made from a template alone, such as 404.html."""
        return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output_content)
