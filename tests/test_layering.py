"""The package's layering: a folder per stage, each importing only the stages below it.

The order is the pipeline's (see ARCHITECTURE.md): the nouns first, then
load → check → collect → render → generators → build → engines, with the
preview and the command line on top. A module may import its own stage or a
lower one, never a higher one, so no import cycle can form between stages;
a second test finds any cycle between modules, inside a stage too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "signpost"

# Lowest first. Stages on one line may not import each other at all.
STAGES = (
    ("models",),
    ("core",),
    ("load",),
    ("check",),
    ("collect",),
    ("authoring",),
    ("render",),
    ("opendata",),
    ("generators",),
    ("build",),
    ("engines",),
    ("preview",),
    ("cli",),
    ("sitetests",),  # the tests shipped for sites: they may use anything below
)
RANK = {stage: rank for rank, stages in enumerate(STAGES) for stage in stages}


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = modules()


def imports_of(path: Path) -> set[str]:
    """The package's modules that ``path`` imports, anywhere in it (inside functions too)."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named.update(
                f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module for alias in node.names
            )
    return {name for name in named if name in MODULES}


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_lives_in_a_stage_folder():
    loose = sorted(name for name in MODULES if stage_of(name) not in RANK and name not in ("signpost", "signpost.__main__"))
    assert loose == [], "put each module in the folder of its stage (see ARCHITECTURE.md), or add the stage to STAGES"


@pytest.mark.parametrize("module", sorted(name for name in GRAPH if stage_of(name) in RANK))
def test_a_module_imports_only_its_own_stage_and_those_below(module):
    rank = RANK[stage_of(module)]
    higher = sorted(
        target
        for target in GRAPH[module]
        if stage_of(target) in RANK and stage_of(target) != stage_of(module) and RANK[stage_of(target)] >= rank
    )
    assert higher == [], f"{module} imports a stage above its own (or beside it)"


def test_no_module_imports_the_command_line():
    # The site tests sit above the command line: they run it as a site's workflow does.
    above = ("cli", "sitetests")
    importing = sorted(
        name for name, targets in GRAPH.items() if any(stage_of(t) == "cli" for t in targets) and stage_of(name) not in above
    )
    assert importing == ["signpost.__main__"]


def test_there_is_no_import_cycle():
    cycles = []
    state: dict[str, int] = {}  # 1 on the current path, 2 finished

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append(" → ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_only_the_engines_know_mkdocs_and_only_the_command_line_chooses_one():
    outside = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            named += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(each.split(".")[0] in ("mkdocs", "material") for each in named) and not name.startswith(
                "signpost.engines.mkdocs"
            ):
                outside.append(name)
    assert outside == [], "the core knows nothing of MkDocs"
    choosing = sorted(
        name for name, targets in GRAPH.items() if "signpost.engines.mkdocs.engine" in targets and stage_of(name) != "engines"
    )
    assert choosing == ["signpost.cli"]
