"""The JSON Schemas, the VS Code settings and the field reference: from the models, and up to date."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import typing
from pathlib import Path

import jsonschema
import pytest
from pydantic import BaseModel, Field, create_model

from signpost.authoring.project_files import generated_files, out_of_date
from signpost.authoring.schema import FIELD_REFERENCE, REGENERATE, VSCODE_SETTINGS, targets, walk
from signpost.cli import main
from signpost.core.kinds import KINDS, every_model
from signpost.load.sourcelines import split_front_matter
from signpost.load.yamlsource import parse_yaml
from tests.conftest import EXAMPLE_CONTENT, REPO, SMALL_CONTENT


def test_the_generated_files_are_up_to_date():
    stale = out_of_date(REPO)
    assert not stale, f"These files no longer match the models: {', '.join(stale)}. Run {REGENERATE} and commit the result."


def test_a_new_model_field_makes_its_schema_and_the_reference_out_of_date(monkeypatch):
    kind = KINDS["asset"]
    changed = create_model(
        "Asset", __base__=kind.model, minibus=(bool | None, Field(None, description="true if a minibus can collect people."))
    )
    monkeypatch.setitem(KINDS, "asset", dataclasses.replace(kind, model=changed))
    stale = out_of_date(REPO)
    assert "schemas/asset.schema.json" in stale
    assert FIELD_REFERENCE in stale
    assert "`minibus`" in generated_files()[FIELD_REFERENCE]


def test_every_model_has_a_schema():
    shapes = {typing.get_args(target.shape)[0] if typing.get_args(target.shape) else target.shape for target in targets()}
    assert set(every_model().values()) == shapes
    for target in targets():
        jsonschema.Draft7Validator.check_schema(target.schema())
        assert target.schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


def _as_json(value):
    """What an editor sees: dates and times as the text they were written as."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _data(path: Path):
    text = path.read_text(encoding="utf-8")
    offset = 0
    if path.suffix == ".md":
        text, _, offset = split_front_matter(text)
    document, problems = parse_yaml(text, str(path), line_offset=offset)
    assert not problems, problems
    return _as_json(document.data)


def _files(target, root: Path) -> list[Path]:
    found = [path for glob in target.globs for path in root.glob(glob.removeprefix("content/"))]
    return sorted(found)


@pytest.mark.parametrize("root", [EXAMPLE_CONTENT, SMALL_CONTENT], ids=["example", "small"])
def test_each_schema_accepts_every_content_file_of_its_kind(root):
    checked = 0
    for target in targets():
        validator = jsonschema.Draft7Validator(target.schema())
        for path in _files(target, root):
            errors = [f"{'.'.join(map(str, error.path))}: {error.message}" for error in validator.iter_errors(_data(path))]
            assert not errors, f"{path}: {errors}"
            checked += 1
    assert checked >= len(targets())


def _asset_schema():
    return next(target for target in targets() if target.name == "asset").schema()


@pytest.mark.parametrize(
    "change",
    [
        lambda asset: asset.update(nmae="Rovers"),
        lambda asset: asset.pop("name"),
        lambda asset: asset["schedule"]["sessions"][0].update(days=["tues"]),
        lambda asset: asset["schedule"]["sessions"][0].update(starts="7pm"),
        lambda asset: asset.update(last_checked="14/10/2026"),
        lambda asset: asset["location"].update(postcode="not a postcode"),
        lambda asset: asset["contact"].update(website="javascript:alert(1)"),
        lambda asset: asset["cost"].update(amount="£2"),
        lambda asset: asset["audience"].update(groups=["everybody"]),
    ],
    ids=["misspelt key", "missing name", "day", "time", "date", "postcode", "web address", "amount", "audience group"],
)
def test_the_asset_schema_rejects_everyday_mistakes(change):
    asset = copy.deepcopy(_data(SMALL_CONTENT / "assets" / "rovers.yml"))
    validator = jsonschema.Draft7Validator(_asset_schema())
    assert not list(validator.iter_errors(asset))
    change(asset)
    assert list(validator.iter_errors(asset))


def _model_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field of a model and of the blocks inside it, read from pydantic itself."""
    paths = []
    for name, info in model.model_fields.items():
        paths.append(prefix + name)
        for inner in _models_in(info.annotation):
            paths += _model_paths(inner, f"{prefix}{name}.")
    return paths


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for argument in typing.get_args(annotation) for found in _models_in(argument)]


def test_the_field_reference_lists_every_field_of_every_model():
    reference = (REPO / FIELD_REFERENCE).read_text(encoding="utf-8")
    sections = reference.split("\n## ")
    for target in targets():
        section = next(part for part in sections if part.startswith(f"{target.title}\n"))
        model = typing.get_args(target.shape)[0] if typing.get_args(target.shape) else target.shape
        for path in _model_paths(model):
            assert f"| `{path}` |" in section, f"{path} of {target.title} is missing from {FIELD_REFERENCE}; run {REGENERATE}"
        for item in walk(target.schema()):
            assert " ".join(item.description.split()).replace("|", "\\|") in section


def test_the_reference_explains_choices_and_patterns_in_words():
    reference = (REPO / FIELD_REFERENCE).read_text(encoding="utf-8")
    assert "`people-with-sight-loss`" in reference
    assert "| `contact.booking_needed` | no |" in reference
    assert "`monday`, `tuesday`, `wednesday`" in reference
    assert "a UK postcode, such as `HF1 2AB`" in reference
    assert "^[a-z0-9]" not in reference, "patterns are explained in words, not shown"


def test_vscode_maps_each_yaml_schema_to_its_files():
    settings = json.loads((REPO / VSCODE_SETTINGS).read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for target in targets():
        if target.front_matter:
            assert f"./{target.file}" not in mapping, "VS Code cannot check front matter"
            continue
        assert mapping[f"./{target.file}"] == list(target.globs)
        assert (REPO / target.file).is_file()
        # The globs name a site's content/; the engine's own example stands in for it.
        assert all(glob.startswith("content/") for glob in target.globs)
        assert _files(target, EXAMPLE_CONTENT), f"{target.globs} matches no file"
    assert settings["[yaml]"]["editor.insertSpaces"] is True
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_the_schemas_command_writes_and_checks(tmp_path, capsys):
    assert main(["schemas", "--check", "--project", str(tmp_path)]) == 1
    assert REGENERATE in capsys.readouterr().err
    assert main(["schemas", "--project", str(tmp_path)]) == 0
    for path, text in generated_files().items():
        assert (tmp_path / path).read_text(encoding="utf-8") == text
    assert main(["schemas", "--check", "--project", str(tmp_path)]) == 0
    (tmp_path / "schemas" / "old-kind.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / FIELD_REFERENCE).write_text("# edited by hand\n", encoding="utf-8")
    assert main(["schemas", "--check", "--project", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert f"{FIELD_REFERENCE} is out of date" in error
    assert "schemas/old-kind.schema.json is out of date" in error
    assert main(["schemas", "--project", str(tmp_path)]) == 0
    assert not (tmp_path / "schemas" / "old-kind.schema.json").exists()
    assert main(["schemas", "--check", "--project", str(tmp_path)]) == 0
