"""``signpost test-site``: run the site tests (``signpost/sitetests/``) on one site's folder.

They are pytest tests shipped inside the package, so a site's repository
holds no test code of its own; the exit code is pytest's (0 when all pass).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "Test the site: its content passes check, it builds, its pages are valid, linked and accessible, its workflows sound."
# Found by path, not imported: the site tests sit above the command line.
SITE_TESTS = Path(__file__).resolve().parent.parent / "sitetests"


def arguments(command: argparse.ArgumentParser) -> None:
    """The command's options: the site's folder, and anything for pytest after ``--``."""
    command.add_argument("--site", default=".", help="The site's folder, with content/ and mkdocs.yml (default: this one).")
    command.add_argument("pytest_options", nargs=argparse.REMAINDER, help="Options for pytest, after -- (for example -- -x).")


def run(args: argparse.Namespace) -> int:
    """Run the site tests on ``--site``; its content folder is ``--content`` read from inside it."""
    try:
        import pytest
    except ImportError:
        print("The site tests need the test tools: pip install 'signpost[test]'", file=sys.stderr)
        return 2
    return int(pytest.main(pytest_arguments(args)))


def pytest_arguments(args: argparse.Namespace) -> list[str]:
    """pytest's command line: the packaged tests, the site, no cache written into the site's folder."""
    extra = [option for option in args.pytest_options if option != "--"]
    # --content is read inside the site's folder unless it is a whole path.
    site = ["--site", args.site, "--site-content", args.content]
    today = ["--site-today", args.today.isoformat()] if args.today else []
    # The tests' own settings only: a site's pytest settings (or the engine
    # repository's, with its tests/conftest.py) must not change what is tested.
    alone = ["-c", os.devnull, "--rootdir", str(SITE_TESTS), "-p", "no:cacheprovider", "-ra"]
    return [str(SITE_TESTS), *alone, *site, *today, *extra]
