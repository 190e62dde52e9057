"""The MkDocs adapter uses MkDocs' public names only (docs/engine.md says why it matters).

A private name (one starting with ``_``) can change in any MkDocs release,
and would have to be carried over by hand to ProperDocs or any other fork.
Reading the adapter's source: no import of a private name from MkDocs or
Material, and no private attribute read or set on anything but our own
objects (``self``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import signpost.engines.mkdocs

ADAPTER = Path(signpost.engines.mkdocs.__file__).parent
ENGINE_PACKAGES = ("mkdocs", "material")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(source: str) -> list[str]:
    """Each private name of MkDocs or Material that ``source`` imports or touches, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ENGINE_PACKAGES:
            names = [*node.module.split("."), *(alias.name for alias in node.names)]
            found += [f"line {node.lineno}: imports {name}" for name in names if _private(name)]
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: imports {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] in ENGINE_PACKAGES and any(_private(part) for part in alias.name.split("."))
            ]
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                found.append(f"line {node.lineno}: uses .{node.attr}")
    return found


def test_the_adapter_uses_no_private_name_of_mkdocs():
    found = {path.name: private_uses(path.read_text(encoding="utf-8")) for path in sorted(ADAPTER.glob("*.py"))}
    assert {name: uses for name, uses in found.items() if uses} == {}, "use MkDocs' public API (see docs/engine.md)"


def test_a_private_name_is_found_however_it_is_reached():
    source = (
        "from mkdocs.commands.build import _build_page\n"
        "import mkdocs.commands._private\n"
        "def write(config, page):\n"
        "    config._current_page = page\n"
        "    self._mine = page\n"
        "    return page.__class__\n"
    )
    assert private_uses(source) == [
        "line 1: imports _build_page",
        "line 2: imports mkdocs.commands._private",
        "line 4: uses ._current_page",
    ]
