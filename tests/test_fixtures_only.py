"""No engine test reads the repository's content/: it is the example site's, and a
team that replaces it keeps a working engine test suite.

Two guards: tests/conftest.py watches every test in tests/ as it runs (an
audit hook on files opened, folders listed and signpost commands started)
and fails any that touches content/; and the test files themselves are
read here for the ways of naming that folder.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, ContentReads

TESTS = Path(__file__).resolve().parent
# Ways a test could name the repository's content folder: joined to the
# repository's path, or relative, which resolves inside the repository
# where the tests run.
NAMING_CONTENT = [
    re.compile(r"""(REPO|ROOT|PROJECT|parent)\s*/\s*["']content["']"""),
    re.compile(r"""Path\(\s*["']content["']\s*\)\s*/"""),
    re.compile(r"""(open|Path)\(\s*["'](\./)?content/"""),
]
# The watch in conftest.py names the folder it guards.
ALLOWED = {"conftest.py": ['SITE_CONTENT = REPO / "content"']}


def python_files() -> list[Path]:
    """Every Python file of the engine's tests, conftest.py and this one included."""
    return sorted(TESTS.glob("*.py"))


def code_without_strings_in_messages(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each line of code, docstrings left out (they may name the folder to explain)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = {
        node.body[0].lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        (number, line) for number, line in enumerate(lines, 1) if number not in documented and not line.lstrip().startswith("#")
    ]


def namings(path: Path) -> list[str]:
    """Each line of ``path`` that names the repository's content folder, as 'file:line: text'."""
    return [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in code_without_strings_in_messages(path)
        if any(pattern.search(line) for pattern in NAMING_CONTENT)
    ]


def test_no_engine_test_names_the_repositorys_content_folder():
    found = [
        line
        for path in python_files()
        if path.name != Path(__file__).name
        for line in namings(path)
        if line.split(": ", 1)[1] not in ALLOWED.get(path.name, [])
    ]
    assert found == [], "read tests/fixtures/ (EXAMPLE_CONTENT, SMALL_CONTENT) instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    ['EXAMPLE = REPO / "content"', "folder = ROOT / 'content'", 'review(Path("content") / "assets")', 'open("content/site.yml")'],
)
def test_the_scan_notices_each_way_of_naming_it(tmp_path, line):
    test_file = tmp_path / "test_reads_content.py"
    test_file.write_text(f'"""A test that reads content/."""\n\n\ndef test_it():\n    {line}\n')
    assert namings(test_file) == [f"test_reads_content.py:5: {line}"]


def test_the_engine_tests_have_their_own_example_content():
    assert sorted(path.name for path in (FIXTURES / "example").iterdir()) == sorted(
        ["areas.yml", "assets", "case-studies", "domains.yml", "events", "news", "newsletters", "site.yml"]
    )


def test_the_watch_notices_a_file_read_a_folder_listed_and_a_command_run_there(tmp_path):
    content = tmp_path / "content"
    (content / "assets").mkdir(parents=True)
    (content / "site.yml").write_text("name: x\n")
    (tmp_path / "elsewhere.txt").write_text("x\n")
    watch = ContentReads(content)
    sys.addaudithook(watch)  # stays, but watches nothing once stopped
    watch.start()
    (content / "site.yml").read_text()
    list((content / "assets").iterdir())
    (tmp_path / "elsewhere.txt").read_text()
    build = str(REPO / "build.py")
    for options in ([], ["--content", "content"], ["--content", "elsewhere"], [f"--content={content}"]):
        subprocess.run([sys.executable, build, "check", *options], cwd=tmp_path, capture_output=True, check=False)
    seen = watch.stop()
    assert seen == [
        f"open {content / 'site.yml'}",
        f"os.listdir {content / 'assets'}",
        f"runs {build} check on {tmp_path / 'content'}",
        f"runs {build} check --content content on {tmp_path / 'content'}",
        f"runs {build} check --content={content} on {content}",
    ]
