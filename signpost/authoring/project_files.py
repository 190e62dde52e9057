"""The files written from the models for editors: JSON Schemas, the field reference, VS Code settings.

``python build.py schemas`` writes them; ``--check`` (and a test) says when
a model changed and they were not written again.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from signpost.authoring.fieldref import field_reference
from signpost.authoring.schema import FIELD_REFERENCE, REGENERATE, SCHEMA_FOLDER, VSCODE_SETTINGS, targets


def vscode_settings() -> dict:
    """VS Code settings: each YAML schema mapped to its files, and spaces, never tabs."""
    mapping = {f"./{target.file}": list(target.globs) for target in targets() if not target.front_matter}
    return {
        "yaml.schemas": mapping,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.detectIndentation": False},
    }


def as_json(value: Any) -> str:
    """JSON as written to the project: two-space indents, UTF-8, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def generated_files() -> dict[str, str]:
    """The text of every generated file, by its path in the project folder."""
    files = {target.file: as_json(target.schema()) for target in targets()}
    files[FIELD_REFERENCE] = field_reference(targets())
    files[VSCODE_SETTINGS] = as_json(vscode_settings())
    return files


def out_of_date(root: Path | None = None) -> list[str]:
    """Generated files that are missing, differ from what the models give, or are left over, in the site folder ``root`` (default: here)."""
    root = root or Path.cwd()
    files = generated_files()
    stale = [path for path, text in files.items() if _read(root / path) != text]
    leftover = sorted(
        path.relative_to(root).as_posix()
        for path in (root / SCHEMA_FOLDER).glob("*.schema.json")
        if path.relative_to(root).as_posix() not in files
    )
    return stale + leftover


def write_files(root: Path | None = None) -> list[str]:
    """Write every generated file that changed, remove old schemas; return what changed (``root``: the site folder, default here)."""
    root = root or Path.cwd()
    changed = out_of_date(root)
    files = generated_files()
    for path in changed:
        target = root / path
        if path not in files:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(files[path], encoding="utf-8", newline="\n")
    return changed


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def arguments(command: argparse.ArgumentParser) -> None:
    """The options of ``signpost schemas``."""
    command.add_argument("--check", action="store_true", help="Only say whether the files are up to date (exit 1 if not).")
    command.add_argument("--project", default=".", help="The site folder to write into (default: the current folder).")


def run_schemas(args: argparse.Namespace) -> int:
    """Write (or, with --check, compare) the schemas, the field reference and the VS Code settings."""
    root = Path(args.project)
    if args.check:
        stale = out_of_date(root)
        for path in stale:
            print(f"{path} is out of date with the models.", file=sys.stderr)
        if stale:
            print(f"Run {REGENERATE} to write it again.", file=sys.stderr)
        return 1 if stale else 0
    changed = write_files(root)
    for path in changed:
        print(f"Wrote {path}." if (root / path).exists() else f"Removed {path}.", file=sys.stderr)
    print(f"The schemas, {FIELD_REFERENCE} and {VSCODE_SETTINGS} are up to date.", file=sys.stderr)
    return 0
