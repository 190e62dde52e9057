"""JSON Schemas for every content file, generated from the models.

Editors that understand JSON Schema (VS Code with the Red Hat YAML extension)
use them to complete field names, show what each field means and underline
mistakes while staff type. ``python build.py schemas`` writes them into
``schemas/``, together with the field reference (``docs/fields.md``) and the
VS Code settings that map each schema to its files. A test fails when a model
changes and these files were not written again.

The schemas follow the models closely, but ``check`` stays the final word:
rules that compare fields (an end after its start) are not in a schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from signpost.core.kinds import KINDS, SITE_FILE, SITE_MODEL, TAXONOMIES, ContentKind
from signpost.models.common import POSTCODE_PATTERN

PROJECT = Path(__file__).resolve().parent.parent.parent  # signpost/authoring/ → the repository
CONTENT_FOLDER = "content"
SCHEMA_FOLDER = "schemas"
FIELD_REFERENCE = "docs/fields.md"
VSCODE_SETTINGS = ".vscode/settings.json"
HELP = "Write the JSON Schemas, the field reference (docs/fields.md) and the VS Code settings from the models."
REGENERATE = ".venv/bin/python build.py schemas"
# The YAML language server in VS Code reads draft 7 (and older).
DRAFT = "http://json-schema.org/draft-07/schema#"

# Values whose rules live in a validator function rather than in a field
# constraint, written as patterns an editor can check. ``\s*`` because the
# models strip spaces before they check.
CLOCK_TIME = r"^\s*([01]?[0-9]|2[0-3]):[0-5][0-9]\s*$"
LOCAL_DATETIME = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?\s*$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
MONEY = r"^\s*[0-9]+(\.[0-9]{1,2})?\s*$"
WEB_ADDRESS = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s<>\"']+\s*$"
# The model upper-cases a postcode before it checks it.
POSTCODE = r"^\s*" + POSTCODE_PATTERN.strip("^$").replace("[A-Z0-9]", "[A-Za-z0-9]").replace("[A-Z]", "[A-Za-z]") + r"\s*$"
_CHECK_PATTERNS = {"_safe_url": WEB_ADDRESS, "_upper_postcode": POSTCODE}


class StaffSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, adjusted to the way staff write values in YAML.

    Times, dates and amounts are written as text in a YAML file ('19:30',
    2026-11-22, 3.50), and defaults made by a factory (an audience of
    'everyone') are shown, so an editor can offer them.
    """

    def time_schema(self, schema: Any) -> dict:
        """A clock time as staff write it: '19:30'."""
        return {"type": "string", "pattern": CLOCK_TIME}

    def datetime_schema(self, schema: Any) -> dict:
        """A local date and time as staff write it: '2027-03-14 10:00'."""
        return {"type": "string", "pattern": LOCAL_DATETIME}

    def date_schema(self, schema: Any) -> dict:
        """A date as YYYY-MM-DD."""
        return {"type": "string", "format": "date", "pattern": DATE}

    def get_decimal_pattern(self, schema: Any) -> str:
        """An amount in pounds written as text: 3.50."""
        return MONEY

    def function_after_schema(self, schema: Any) -> dict:
        """Add the pattern of a known check (web addresses, postcodes)."""
        json_schema = super().function_after_schema(schema)
        check = getattr(schema.get("function", {}).get("function"), "__name__", "")
        if check in _CHECK_PATTERNS and json_schema.get("type") == "string":
            json_schema = {**json_schema, "pattern": _CHECK_PATTERNS[check]}
        return json_schema

    def get_default_value(self, schema: Any) -> Any:
        """The default, also when a factory makes it."""
        factory = schema.get("default_factory")
        if factory is not None and not schema.get("default_factory_takes_data"):
            return factory()
        return super().get_default_value(schema)


@dataclass(frozen=True)
class SchemaTarget:
    """One schema file and the content files it describes."""

    name: str
    title: str
    shape: Any
    globs: tuple[str, ...]
    kind: ContentKind | None = field(default=None, compare=False)

    @property
    def file(self) -> str:
        """The schema's path in the project folder."""
        return f"{SCHEMA_FOLDER}/{self.name}.schema.json"

    @property
    def front_matter(self) -> bool:
        """True for Markdown files, whose fields sit in front matter."""
        return self.kind is not None and self.kind.has_body

    def schema(self) -> dict:
        """The JSON Schema, ready to write."""
        body = _draft7(TypeAdapter(self.shape).json_schema(schema_generator=StaffSchema))
        if body.get("type") == "array":
            entry = resolve(body["items"], body)
            body["description"] = "A list of entries, each starting with '- id:'. " + entry.get("description", "")
        head = {"$schema": DRAFT, "title": f"Signpost: {self.title} ({', '.join(self.globs)})"}
        return {**head, **{key: value for key, value in body.items() if key != "title"}}


def schema_name(kind: ContentKind) -> str:
    """The kind's name as staff type it and as its schema file is named: 'case-study'."""
    return kind.name.replace("_", "-")


def targets() -> list[SchemaTarget]:
    """A schema for site.yml, each taxonomy file and each content kind, from the registry."""
    found = [SchemaTarget("site", "Site settings", SITE_MODEL, (f"{CONTENT_FOLDER}/{SITE_FILE}",))]
    for taxonomy in TAXONOMIES.values():
        # The loader reads a taxonomy file as a list of entries.
        found.append(
            SchemaTarget(
                Path(taxonomy.file).stem,
                taxonomy.attribute.capitalize(),
                list[taxonomy.model],
                (f"{CONTENT_FOLDER}/{taxonomy.file}",),
            )
        )
    for kind in KINDS.values():
        suffixes = (kind.suffix, ".yaml") if kind.suffix == ".yml" else (kind.suffix,)
        globs = tuple(f"{CONTENT_FOLDER}/{kind.folder}/*{suffix}" for suffix in suffixes)
        found.append(SchemaTarget(schema_name(kind), kind.plural, kind.model, globs, kind))
    return found


def target_for(kind: ContentKind) -> SchemaTarget:
    """The schema target of one content kind."""
    return next(target for target in targets() if target.kind == kind)


def _draft7(value: Any) -> Any:
    # Draft 7 ignores words beside a "$ref", so the description of a block
    # (location:, cost:) would be lost: wrap the reference in allOf.
    if isinstance(value, list):
        return [_draft7(item) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: _draft7(item) for key, item in value.items()}
    if "$ref" in value and len(value) > 1:
        reference = value.pop("$ref")
        value = {"allOf": [{"$ref": reference}], **value}
    return value


# ---------------------------------------------------------------------------
# Walking a schema: the scaffold and the field reference both read the
# generated schema, so all three say the same thing.


@dataclass(frozen=True)
class SchemaField:
    """One field of a schema, wherever it sits (``schedule.sessions.starts``)."""

    path: tuple[str, ...]
    node: dict
    description: str
    required: bool
    nullable: bool
    default: Any
    has_default: bool
    block: dict | None
    block_list: bool

    @property
    def key(self) -> str:
        """The key as written in the file."""
        return self.path[-1]

    @property
    def dotted(self) -> str:
        """The field's full name: ``schedule.sessions.starts``."""
        return ".".join(self.path)


def resolve(node: dict, root: dict) -> dict:
    """``node`` with any reference to a shared definition replaced by the definition."""
    node = dict(node)
    references = [part["$ref"] for part in node.pop("allOf", []) if "$ref" in part]
    if "$ref" in node:
        references.append(node.pop("$ref"))
    for reference in references:
        target = root
        for part in reference.removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **node}
    return node


def without_null(node: dict, root: dict) -> tuple[dict, bool]:
    """The non-empty choice of an 'X or nothing' node, and whether nothing is allowed."""
    node = resolve(node, root)
    choices = node.get("anyOf")
    if not choices:
        return node, False
    rest = [choice for choice in choices if choice.get("type") != "null"]
    outer = {key: value for key, value in node.items() if key != "anyOf"}
    inner = resolve(rest[0], root) if len(rest) == 1 else {"anyOf": rest}
    return {**inner, **outer}, len(rest) < len(choices)


def walk(schema: dict, node: dict | None = None, path: tuple[str, ...] = ()) -> Iterator[SchemaField]:
    """Every field of ``schema`` in file order, each block's fields right after it."""
    node = resolve(schema if node is None else node, schema)
    if node.get("type") == "array":
        node = resolve(node["items"], schema)
    required = set(node.get("required", ()))
    for key, child in node.get("properties", {}).items():
        value, nullable = without_null(child, schema)
        items = resolve(value.get("items", {}), schema) if value.get("type") == "array" else {}
        block = value if "properties" in value else items if "properties" in items else None
        item = SchemaField(
            path + (key,),
            value,
            _description(child, _referenced(child, schema) if block is not None else None, block is items),
            key in required,
            nullable,
            value.get("default"),
            "default" in value,
            block,
            block is items and block is not None,
        )
        yield item
        if block is not None:
            yield from walk(schema, block, item.path)


def _referenced(node: Any, root: dict) -> dict | None:
    """The shared definition a node points at (through 'or nothing' and lists), as written."""
    if isinstance(node, dict):
        if "$ref" in node:
            return resolve({"$ref": node["$ref"]}, root)
        for part in (*node.get("allOf", ()), *node.get("anyOf", ()), node.get("items")):
            found = _referenced(part, root)
            if found is not None:
                return found
    return None


def _description(node: dict, block: dict | None, block_list: bool) -> str:
    own = node.get("description", "")
    more = (block or {}).get("description", "")
    # A block's own description ("Access features. Leave a feature out when
    # you do not know.") may say more than the field's ("Access features."),
    # and the description of a list's items says what each item needs.
    if more and more.startswith(own.rstrip(".")):
        return more
    return f"{own} {more}" if more and block_list else own
