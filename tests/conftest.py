"""Shared fixtures: real content folders, real builds into temporary folders."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from signpost.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_CONTENT = REPO / "content"
SMALL_CONTENT = Path(__file__).resolve().parent / "fixtures" / "small"
CONFIG = REPO / "mkdocs.yml"
TODAY = dt.date(2026, 11, 22)


def build(content: Path, output: Path, today: dt.date = TODAY) -> int:
    """Build ``content`` into ``output`` through the real command line code."""
    return main(["build", "--content", str(content), "--output", str(output),
                 "--config", str(CONFIG), "--today", today.isoformat()])


def run_command(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run ``python build.py ...`` as a person would, capturing its output."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` mapped to the SHA-256 of its bytes."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def readable_bytes(path: Path) -> bytes:
    """A file's bytes, decompressed when gzip-compressed (sitemaps, Pagefind)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    # Pagefind writes its own signature before gzip data in some files.
    start = data.find(b"\x1f\x8b\x08")
    if 0 < start < 64:
        try:
            return data + gzip.decompress(data[start:])
        except OSError:
            return data
    return data


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    """A private copy of the small fixture content, safe to edit."""
    target = tmp_path / "content"
    shutil.copytree(SMALL_CONTENT, target)
    return target


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example content, safe to edit."""
    target = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per test session."""
    output = tmp_path_factory.mktemp("example") / "site"
    assert build(EXAMPLE_CONTENT, output) == 0
    return output
