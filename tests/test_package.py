"""Signpost as a package: the wheel carries the code, the default look and the starter; one version number."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from signpost import __version__
from signpost.authoring.newsite import STARTER
from signpost.core.theme import THEME
from tests.conftest import REPO

# What a checkout may hold at its top that is not source: installs, builds, caches, the built site,
# and the example site's content (engine tests never read it; the package never carries it).
LEFT_BEHIND = {".git", ".venv", "build", "dist", "site", ".cache", ".pytest_cache", ".hypothesis", "node_modules", "content"}


def _not_source(folder: str, names: list[str]) -> set[str]:
    at_top = Path(folder) == REPO
    return {name for name in names if (at_top and name in LEFT_BEHIND) or name.endswith(".egg-info") or name == "__pycache__"}


VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel ``python -m build`` makes (from the source distribution it makes first)."""
    out = tmp_path_factory.mktemp("dist")
    # A clean copy of the source: an old build's file list (signpost.egg-info) must not stand in for package-data.
    source = out / "source"
    shutil.copytree(REPO, source, ignore=_not_source)
    # -P: the repository's build.py would otherwise hide the build tool; no
    # isolation: the locked setuptools is used, nothing is downloaded.
    result = subprocess.run(
        [sys.executable, "-P", "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (built,) = out.glob("signpost-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_carries_the_default_look(wheel):
    names = set(wheel.namelist())
    for name in [
        "signpost/theme/signpost/asset.html",
        "signpost/theme/main.html",
        "signpost/theme/partials/footer.html",
        "signpost/theme/assets/stylesheets/signpost.css",
        "signpost/theme/assets/javascripts/find.js",
        "signpost/theme/assets/images/share.png",
        "signpost/theme/assets/javascripts/vendor/leaflet-1.9.4/leaflet.js",
        "signpost/theme/assets/javascripts/vendor/decap-cms-3.16.3/decap-cms.js",
    ]:
        assert name in names, name
    theme = {f"signpost/theme/{path.relative_to(THEME).as_posix()}" for path in THEME.rglob("*") if path.is_file()}
    assert sorted(theme - names) == []


def test_the_wheel_carries_the_code_and_the_starter(wheel):
    names = set(wheel.namelist())
    code = {path.relative_to(REPO).as_posix() for path in (REPO / "signpost").rglob("*.py")}
    starter = {path.relative_to(REPO).as_posix() for path in STARTER.rglob("*") if path.is_file()}
    assert sorted((code | starter) - names) == []
    assert "signpost/authoring/starter/dot-github/workflows/checks.yml" in names
    assert not [name for name in names if name.startswith(("tests/", "content/", "bench/"))]


def test_the_wheel_has_the_one_version(wheel):
    (metadata,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
    assert f"\nVersion: {VERSION}\n" in wheel.read(metadata).decode()
    assert metadata == f"signpost-{VERSION}.dist-info/METADATA"


def test_signpost_version_prints_the_version_of_pyproject():
    assert __version__ == VERSION
    for command in (
        [sys.executable, "-m", "signpost", "--version"],
        [str(Path(sys.executable).parent / "signpost"), "--version"],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert (result.returncode, result.stdout) == (0, f"signpost {VERSION}\n")
