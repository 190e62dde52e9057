"""The web form for staff at ``/admin/``: Decap CMS, set up from the models.

Decap CMS is a single page that edits the content files in the GitHub
repository: each save becomes a branch and a pull request (its "editorial
workflow"), so the checks run on the change before anyone merges it. Its
settings (``admin/config.yml``) are written here from the kind registry and
the JSON Schemas (``signpost.authoring.schema``), walked the same way the field
reference walks them: a collection per kind, a widget per field with the
field's description as its hint, choices for every fixed list (days, weeks,
audience groups, status...) and for the domains and areas the site has, and
a search box over the other records for fields that name one (an asset's
connections, a story's activities, an issue's items).

The page loads Decap from the site itself (vendored by ``tools/vendor-decap``)
and carries its own Content Security Policy: see :func:`admin_policy`.
Without a GitHub ``repo_url`` in site.yml the page only says how to set it up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup

from signpost.authoring.fieldref import PATTERNS, is_text
from signpost.authoring.schema import CLOCK_TIME, DATE, LOCAL_DATETIME, SchemaField, target_for, walk
from signpost.core.content import Content
from signpost.core.kinds import KINDS, MEDIA_FOLDER, TAXONOMIES, ContentKind, every_reference
from signpost.core.outputs import FileOutput
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer

ADMIN_URL = "admin/"
PAGE = ADMIN_URL + "index.html"
CONFIG = ADMIN_URL + "config.yml"
DECAP_VERSION = "3.16.3"
BUNDLE = f"assets/javascripts/vendor/decap-cms-{DECAP_VERSION}/decap-cms.js"
# Our own few lines run after Decap: they tidy each entry before it is saved.
TIDY_SCRIPT = "assets/javascripts/admin.js"

# Fields that name something else: a group from domains.yml or areas.yml,
# or another record's file name. A test fails when a model gains a field
# that holds a file name or id and is missing here.
REFERENCES: dict[tuple[str, str], str] = every_reference()
# Labels that the field's own name does not give well.
LABELS = {"bsl": "British Sign Language", "url": "Booking page", "min_age": "Youngest age", "max_age": "Oldest age"}
# Only the formatting staff need in descriptions; no pictures or code blocks.
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list", "quote"]
BODY_HINTS = {
    "case_study": "Anything more about the story, in Markdown. The two perspectives above are the heart of it.",
    "event": "What happens, who it is for and how to get there, in Markdown.",
    "newsletter": "The issue's introduction, in Markdown.",
    "news": "The post, in Markdown.",
}


@generator(order=170, makes="admin/: the web form staff edit content with (Decap CMS) and its settings")
def admin_outputs(renderer: SiteRenderer) -> Iterator[FileOutput]:
    """The admin page, and its settings when the site names a GitHub repository."""
    content = renderer.content
    repository = github_repository(content.site.repo_url)
    context = {
        "site": content.site,
        "repository": repository,
        # Written as the other pages write theirs: quotes as they are.
        "policy": Markup(admin_policy().replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")),
        "bundle": "../" + BUNDLE,
        "tidy_script": "../" + TIDY_SCRIPT,
    }
    page = renderer.env.get_template("admin.html").render(**context)
    yield FileOutput(PAGE, page.encode())
    if repository:
        yield FileOutput(CONFIG, config_yaml(content).encode())


def github_repository(repo_url: str | None) -> str | None:
    """``owner/name`` of a repository on github.com, or None (no repository, or not on GitHub)."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.hostname != "github.com" or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", path):
        return None
    return path


def admin_policy() -> str:
    """The admin page's Content Security Policy: the public pages' policy, opened only as far as Decap needs.

    The page is for staff, is never linked from a public page and is kept
    out of search, so it is the one documented exception to "no requests to
    anyone but the site": the form reads and writes the repository through
    GitHub's API (``connect-src``) and shows the signed-in person's GitHub
    picture. Decap compiles its settings' checks into functions at run time
    (``'unsafe-eval'``; without it the form does not start), resizes pictures
    with WebAssembly and styles itself with inline styles. Every script still
    comes from the site's own files, and no inline script runs.
    """
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://avatars.githubusercontent.com",
            "connect-src 'self' blob: data: https://api.github.com",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        )
    )


# ---------------------------------------------------------------------------
# The settings (admin/config.yml)


def config_yaml(content: Content) -> str:
    """The settings as YAML, with a line that says where they come from."""
    head = "# Written by Signpost from the models in signpost/models/ at every build: do not edit.\n"
    return head + yaml.dump(cms_config(content), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


# libyaml's writer where it is installed: the same text, four times as fast.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # chosen at run time: libyaml may be missing
    """Writes a repeated list out in full each time, never as an anchor and alias."""

    def ignore_aliases(self, data: Any) -> bool:
        """Never alias: the file is read by people as well as by Decap."""
        return True


def backend(site) -> dict[str, Any]:
    """Where Decap keeps the files (the GitHub repository) and how staff sign in.

    Decap's GitHub sign-in goes through an OAuth service; its default one
    works only for sites hosted on Netlify, so a team on GitHub Pages names
    its own in ``cms_auth_url``.
    """
    settings: dict[str, Any] = {"name": "github", "repo": github_repository(site.repo_url), "branch": site.edit_branch}
    if site.cms_auth_url:
        address = urlsplit(site.cms_auth_url)
        settings["base_url"] = f"{address.scheme}://{address.netloc}"
        settings["auth_endpoint"] = address.path.lstrip("/") or "auth"
    return settings


def cms_config(content: Content) -> dict[str, Any]:
    """Decap's settings: where the files are kept, how saving works, and a collection per content kind."""
    site = content.site
    folder = site.content_folder.strip("/")
    return {
        "backend": backend(site),
        "publish_mode": "editorial_workflow",
        "site_url": site.site_url,
        "display_url": site.site_url,
        "locale": "en",
        # Pictures live in the content's media folder and are published at media/.
        "media_folder": f"{folder}/{MEDIA_FOLDER}",
        "public_folder": urlsplit(site.site_url).path.rstrip("/") + f"/{MEDIA_FOLDER}",
        # File names as the loader wants them: lowercase words joined by hyphens.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # Decap's preview would not look like the site's pages; the checks and
        # the pull request's build preview are the real preview.
        "editor": {"preview": False},
        "collections": [collection(kind, content) for kind in KINDS.values()],
    }


def collection(kind: ContentKind, content: Content) -> dict[str, Any]:
    """One folder collection: the kind's files, one form field per model field."""
    folder = PurePosixPath(content.site.content_folder.strip("/"), kind.folder).as_posix()
    settings: dict[str, Any] = {
        "name": kind.name,
        "label": kind.plural,
        "label_singular": kind.label,
        "description": _first_paragraph(kind.model.__doc__ or ""),
        "folder": folder,
        "create": True,
        "extension": kind.suffix.lstrip("."),
        "format": "frontmatter" if kind.has_body else "yml",
        "identifier_field": kind.title_field,
        "slug": "{{slug}}",
        "fields": kind_fields(kind, content),
    }
    if kind.has_body:
        body = {"name": "body", "label": "Text of the page", "required": False, "hint": BODY_HINTS[kind.name]}
        settings["fields"].append({**body, **markdown_widget()})
    return settings


def markdown_widget() -> dict[str, Any]:
    """Decap's editor for Markdown text, with the formatting staff need and no pictures or code blocks."""
    return {"widget": "markdown", "buttons": MARKDOWN_BUTTONS, "editor_components": []}


def kind_fields(kind: ContentKind, content: Content) -> list[dict[str, Any]]:
    """The form's fields for ``kind``, nested as the file nests them (blocks and lists of blocks)."""
    top: dict[str, Any] = {"fields": []}
    made: dict[tuple[str, ...], dict[str, Any]] = {(): top}
    # Whether a block is always in the file. Decap checks the fields inside a
    # block even when the block is left empty, so a field is required in the
    # form only when every block around it is; ``check`` does the rest. (An
    # item of a list is there only once someone adds it.)
    always: dict[tuple[str, ...], bool] = {(): True}
    for item in walk(target_for(kind).schema()):
        parent = item.path[:-1]
        field = widget(kind, item, content, required=item.required and always[parent])
        if item.required and not always[parent]:
            field["hint"] = f"{field.get('hint', '')} Needed when {label(parent[-1])} is filled in.".strip()
        made[parent]["fields"].append(field)
        made[item.path] = field
        always[item.path] = item.block_list or (item.required and always[parent])
    return top["fields"]


def widget(kind: ContentKind, item: SchemaField, content: Content, required: bool) -> dict[str, Any]:
    """The form field for one model field: its widget, label, hint and whether it must be filled in."""
    field: dict[str, Any] = {"name": item.key, "label": label(item.key), "required": required}
    if item.description:
        field["hint"] = item.description
    if item.block is not None:
        field.update(_block(item))
    elif (kind.name, item.dotted) in REFERENCES:
        field.update(_reference(REFERENCES[kind.name, item.dotted], item, content))
    elif is_text(item.node) and "Markdown" in item.description:
        # The model says the text is Markdown (it is shown as formatted text).
        field.update(markdown_widget())
    else:
        field.update(value_widget(item.node))
    return field


def label(key: str) -> str:
    """A field's label: its name in words ("last_checked" → "Last checked")."""
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _block(item: SchemaField) -> dict[str, Any]:
    if item.block_list:
        minimum = item.node.get("minItems")
        return {"widget": "list", "label_singular": label(item.key).rstrip("s").lower(), "fields": [], **_at_least(minimum)}
    # A block that may be left out starts folded, so it is not filled in by accident.
    return {"widget": "object", "collapsed": not item.required, "fields": []}


def _at_least(minimum: int | None) -> dict[str, int]:
    return {"min": minimum} if minimum else {}


def _reference(target: str, item: SchemaField, content: Content) -> dict[str, Any]:
    """A choice from domains.yml or areas.yml, or a search over another kind's records."""
    many = item.node.get("type") == "array"
    extra = {"multiple": True, **_at_least(item.node.get("minItems"))} if many else {}
    if target in TAXONOMIES:
        groups = getattr(content, TAXONOMIES[target].attribute)
        options = [{"label": record.item.name, "value": identifier} for identifier, record in groups.items()]
        return {"widget": "select", "options": options, **extra}
    other = KINDS[target]
    return {
        "widget": "relation",
        "collection": other.name,
        "value_field": "{{slug}}",
        "search_fields": [other.title_field],
        "display_fields": [other.title_field],
        **extra,
    }


def value_widget(node: dict) -> dict[str, Any]:
    """The widget for one value (not a block), from its schema."""
    if node.get("type") == "array":
        items = node.get("items", {})
        if "enum" in items:
            return {"widget": "select", "options": list(items["enum"]), "multiple": True, **_at_least(node.get("minItems"))}
        return {"widget": "list", "field": {"name": "item", "label": "Item", **value_widget(items)}}
    if "enum" in node:
        return {"widget": "select", "options": list(node["enum"])}
    kind = node.get("type")
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("integer", "number") or "anyOf" in node:
        return _number(node)
    if node.get("pattern") in (DATE, CLOCK_TIME, LOCAL_DATETIME):
        return _when(node["pattern"])
    if is_text(node):
        return {"widget": "text"}
    return _text_line(node)


def _number(node: dict) -> dict[str, Any]:
    # An amount in pounds is "a number, or text like 3.50": a number with pence.
    number = next((choice for choice in node.get("anyOf", ()) if choice.get("type") == "number"), node)
    whole = number.get("type") == "integer"
    found: dict[str, Any] = {"widget": "number", "value_type": "int" if whole else "float"}
    found.update({name: number[key] for key, name in (("minimum", "min"), ("maximum", "max")) if key in number})
    if "anyOf" in node:
        found["step"] = 0.01
    elif not whole:
        found["step"] = 0.000001  # map coordinates, to about 10 cm
    return found


def _when(pattern: str) -> dict[str, Any]:
    """A date, a time or both, written exactly as the loader reads them."""
    # Formats are moment.js tokens; the text written to the file is "format".
    formats = {
        DATE: ("YYYY-MM-DD", "YYYY-MM-DD", False),
        CLOCK_TIME: ("HH:mm", False, "HH:mm"),
        LOCAL_DATETIME: ("YYYY-MM-DD HH:mm", "YYYY-MM-DD", "HH:mm"),
    }
    written, date_format, time_format = formats[pattern]
    # No default: the field starts empty, and stays out of the file unless filled in.
    return {"widget": "datetime", "format": written, "date_format": date_format, "time_format": time_format}


def _text_line(node: dict) -> dict[str, Any]:
    found: dict[str, Any] = {"widget": "string"}
    pattern = node.get("pattern")
    if pattern:
        # The same words the field reference uses, so the form and docs/fields.md agree.
        words = PATTERNS.get(pattern, ("the right form",))[0].replace("`", "")
        found["pattern"] = [pattern, f"Write {words}."]
    return found


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n")[0].split())
