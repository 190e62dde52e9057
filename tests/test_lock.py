"""The lock files agree with pyproject.toml, so every install takes exactly the versions tested.

`make lock` writes requirements/test.txt and requirements/run.txt; a change
to pyproject.toml that is not followed by `make lock` fails here, before an
install on a fresh machine can fail or quietly take something else.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
LOCKS = {name: REPO / "requirements" / f"{name}.txt" for name in ("run", "test")}

# "name==version ; marker \" opens each locked entry; hash lines follow it.
_ENTRY = re.compile(r"^(?P<requirement>[A-Za-z0-9][^\s\\]*==[^\s\\]+(?: ; [^\\]+)?)\s*\\$")


def locked(lock: Path) -> dict[str, list[Requirement]]:
    """Each package in a lock file, by its normalised name, with its pinned requirement(s)."""
    entries: dict[str, list[Requirement]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := _ENTRY.match(line):
            requirement = Requirement(match["requirement"].strip())
            entries.setdefault(_normal(requirement.name), []).append(requirement)
    return entries


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(lock_name: str) -> list[Requirement]:
    """What pyproject.toml asks for, that the named lock must hold."""
    texts = list(PYPROJECT["project"]["dependencies"]) + list(PYPROJECT["build-system"]["requires"])
    if lock_name == "test":
        texts += PYPROJECT["project"]["optional-dependencies"]["test"]
    return [Requirement(text) for text in texts]


@pytest.mark.parametrize("lock_name", LOCKS)
def test_every_package_pyproject_asks_for_is_locked_at_a_version_it_accepts(lock_name):
    entries = locked(LOCKS[lock_name])
    for requirement in _declared(lock_name):
        pins = entries.get(_normal(requirement.name))
        assert pins, f"{requirement.name} is in pyproject.toml but not in {LOCKS[lock_name].name}: run make lock"
        for pin in pins:
            (version,) = [spec.version for spec in pin.specifier]
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{LOCKS[lock_name].name} locks {pin.name} {version}, which pyproject.toml's {requirement} refuses: run make lock"
            )


@pytest.mark.parametrize("lock_name", LOCKS)
def test_every_locked_entry_is_one_exact_version_with_its_hashes(lock_name):
    text = LOCKS[lock_name].read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert len(blocks) > 10
    for block in blocks:
        first = block.splitlines()[0]
        assert _ENTRY.match(first), f"not an exact pin: {first}"
        assert "--hash=sha256:" in block, f"no hash for {first}"


def test_the_runtime_lock_takes_the_same_versions_as_the_test_lock():
    run, test = locked(LOCKS["run"]), locked(LOCKS["test"])
    assert set(run) <= set(test)
    for name, pins in run.items():
        assert {str(pin) for pin in pins} == {str(pin) for pin in test[name]}, name


def test_the_engine_is_pinned_exactly_in_pyproject():
    # MkDocs and Material decide every page's frame; a new release of either
    # is taken on purpose (docs/engine.md), never by a range.
    pinned = {_normal(Requirement(text).name): Requirement(text) for text in PYPROJECT["project"]["dependencies"]}
    for name in ("mkdocs", "mkdocs-material"):
        (spec,) = pinned[name].specifier
        assert spec.operator == "==", f"{name} is not pinned exactly in pyproject.toml"


def test_every_install_reads_the_locks_with_hashes():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements/run.txt" in makefile
    assert "--require-hashes -r requirements/test.txt" in makefile
    for workflow in (REPO / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "pip install" in line:
                assert "--require-hashes" in line or "--no-deps" in line, f"{workflow.name}: {line.strip()}"
