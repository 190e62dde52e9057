"""Golden output: each case's content renders, with no engine, to exactly its expected tree.

Each folder under ``tests/golden/`` is a case with ``content/`` (a content
folder) and ``expected/`` (every file the core writes for it, byte for byte).
When a change to the output is intended, regenerate every case's expected tree
and review the change in ``git diff``:

    .venv/bin/python -m tests.test_golden --update
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
from pathlib import Path

import pytest

from signpost.build.outputs import render_site
from signpost.check.loader import load_content
from signpost.core.problems import errors_in, format_problems
from signpost.core.theme import PAGE_TEMPLATES
from signpost.engines.plain import write_outputs
from tests.conftest import REPO, TODAY

GOLDEN = Path(__file__).resolve().parent / "golden"
TEMPLATES = PAGE_TEMPLATES
SHOWN_DIFFS = 3
DIFF_LINES = 60


def cases() -> list[Path]:
    """Every case folder: one with a ``content/`` folder in it."""
    return sorted(folder for folder in GOLDEN.iterdir() if (folder / "content").is_dir())


def render_case(case: Path, output: Path) -> None:
    """Render ``case``'s content into ``output`` (which must not exist yet) as the core writes it."""
    content, problems = load_content(case / "content", TODAY)
    errors = errors_in(problems)
    if content is None or errors:
        raise AssertionError(f"the content of golden case {case.name!r} has errors:\n{format_problems(errors)}")
    output.mkdir(parents=True)
    write_outputs(render_site(content, TEMPLATES), output)


def files_in(root: Path) -> dict[str, Path]:
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


def tree_differences(expected_root: Path, actual_root: Path) -> list[str]:
    """How ``actual_root`` differs from ``expected_root``, for a person to read; empty when identical."""
    expected, actual = files_in(expected_root), files_in(actual_root)
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = [
        name for name in sorted(expected.keys() & actual.keys()) if expected[name].read_bytes() != actual[name].read_bytes()
    ]
    report = []
    if missing:
        report.append(f"{len(missing)} expected file(s) not written:\n" + "\n".join(f"  - {name}" for name in missing))
    if extra:
        report.append(f"{len(extra)} file(s) written but not expected:\n" + "\n".join(f"  + {name}" for name in extra))
    if changed:
        report.append(f"{len(changed)} file(s) differ: {', '.join(changed)}")
    for name in changed[:SHOWN_DIFFS]:
        report.append(file_diff(name, expected[name].read_bytes(), actual[name].read_bytes()))
    if len(changed) > SHOWN_DIFFS:
        report.append(f"... and {len(changed) - SHOWN_DIFFS} more file(s) differ")
    return report


def file_diff(name: str, expected: bytes, actual: bytes) -> str:
    """A unified diff of one file, or a size note when it is not text."""
    try:
        old, new = expected.decode(), actual.decode()
    except UnicodeDecodeError:
        return f"{name}: binary file differs ({len(expected)} bytes expected, {len(actual)} written)"
    lines = list(
        difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"expected/{name}", f"written/{name}")
    )
    if not lines:  # only the line endings or the final newline differ
        return f"{name}: differs only in line endings or the final newline"
    shown = "".join(line if line.endswith("\n") else line + "\n" for line in lines[:DIFF_LINES])
    return shown + (f"... ({len(lines) - DIFF_LINES} more diff lines)\n" if len(lines) > DIFF_LINES else "")


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_output_matches_the_golden_tree(case, tmp_path):
    assert (case / "expected").is_dir(), f"no expected/ tree for {case.name}: run 'python -m tests.test_golden --update'"
    render_case(case, tmp_path / "written")
    differences = tree_differences(case / "expected", tmp_path / "written")
    if differences:
        pytest.fail(
            f"golden case {case.name!r} renders differently from {case.relative_to(REPO)}/expected/\n\n"
            + "\n\n".join(differences)
            + "\n\nIf the change is intended, run 'python -m tests.test_golden --update' and review 'git diff'.",
            pytrace=False,
        )


def test_the_comparison_shows_what_changed(tmp_path):
    expected, written = tmp_path / "expected", tmp_path / "written"
    for root in (expected, written):
        (root / "page").mkdir(parents=True)
        (root / "page" / "index.html").write_text("<h1>Clubs</h1>\n<p>Meets on Monday.</p>\n")
    (expected / "gone.ics").write_text("x")
    (written / "new.json").write_text("{}")
    (written / "page" / "index.html").write_text("<h1>Clubs</h1>\n<p>Meets on Tuesday.</p>\n")
    report = "\n".join(tree_differences(expected, written))
    assert "  - gone.ics" in report and "  + new.json" in report
    assert "-<p>Meets on Monday.</p>\n+<p>Meets on Tuesday.</p>" in report
    assert tree_differences(expected, expected) == []


def update(selected: list[str] | None = None) -> list[Path]:
    """Rewrite the expected tree of every case (or of the named cases) from the current code."""
    chosen = [case for case in cases() if not selected or case.name in selected]
    unknown = set(selected or ()) - {case.name for case in chosen}
    if unknown:
        raise SystemExit(f"no such golden case: {', '.join(sorted(unknown))}")
    for case in chosen:
        fresh = case / "expected.new"
        shutil.rmtree(fresh, ignore_errors=True)
        render_case(case, fresh)  # render fully before touching the old tree
        shutil.rmtree(case / "expected", ignore_errors=True)
        fresh.rename(case / "expected")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.test_golden", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite each case's expected/ tree from the current code")
    parser.add_argument("cases", nargs="*", help="only these cases (folder names under tests/golden/)")
    args = parser.parse_args(argv)
    if not args.update:
        parser.error("nothing to do: pass --update to rewrite the expected trees (run the comparison with pytest)")
    for case in update(args.cases):
        print(f"updated {case.relative_to(REPO)}/expected/ ({len(files_in(case / 'expected'))} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
