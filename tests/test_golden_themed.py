"""Golden themed output: a case's content, built for real with MkDocs and Material, gives exactly its themed tree.

``tests/test_golden.py`` holds the core's plain bodies. This holds what a
visitor is served: every file the full build writes (``build_site`` with
``MkDocsEngine``, the repository's ``mkdocs.yml`` and the default look, on the
same fixed day), so that a refactor can be proven to change no byte of the
site, and another engine's output can be compared with this one's.

For each case in ``CASES``, ``tests/golden/<case>/themed/`` holds every file
the build writes, byte for byte, including Signpost's ``.signpost-site``
marker and Pagefind's index (``pagefind/``: its entry, meta, filter, index
and fragment files are named by their content, and Signpost sorts them so
that they come out the same on every build; see
``signpost.search.make_reproducible``). Nothing is left out as volatile:
MkDocs is given the fixed day as ``SOURCE_DATE_EPOCH``, and when this tree
was made, builds of the case again, of a copy of its content elsewhere, run
from another folder in another time zone and locale, all gave the same bytes.

Only third-party files whose bytes we copy unchanged are left out of that
tree, to keep it small (about 11 MB with them, under 1 MB without); they
are listed instead, with their SHA-256, in
``tests/golden/<case>/themed-third-party.sha256`` (the format of
``sha256sum``), and the test compares that list too, so they are still held
byte for byte. They are the ones ``THIRD_PARTY`` names: Material's own
bundled scripts, styles, search worker, lunr languages and favicon; the
vendored Decap CMS and Leaflet (``signpost/theme/assets/javascripts/vendor/``,
made by ``make vendor-decap`` and ``make vendor-leaflet``); and Pagefind's
own scripts, styles and WebAssembly, which its pinned binary writes into
``pagefind/`` beside the index.

When a change to the output is intended, regenerate the themed tree and list
of each case (or of the named cases) and review the change in ``git diff``
(a change to the core's pages also needs ``python -m tests.test_golden
--update``):

    .venv/bin/python -m tests.test_golden_themed --update [basic]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from signpost.build.pipeline import BuildOptions, build_site
from signpost.core.theme import PAGES, THEME
from signpost.engines.mkdocs.engine import MkDocsEngine
from tests.conftest import CONFIG, REPO, TEMPLATES, TODAY
from tests.test_golden import GOLDEN, file_diff, files_in, tree_differences

CASES = ["basic"]
THEMED = "themed"
LISTED = "themed-third-party.sha256"

# Files the build copies unchanged from a third party, compared by name and
# SHA-256 only (see the module's docstring): what each pattern is, and the
# pattern, which must match a file's whole path in the site.
THIRD_PARTY = {
    "Decap CMS and Leaflet, vendored from npm": r"assets/javascripts/vendor/.+",
    "Material's scripts and their source maps": r"assets/javascripts/bundle\.[^/]+",
    "Material's search worker and lunr languages": r"assets/javascripts/(workers|lunr)/.+",
    "Material's styles and their source maps": r"assets/stylesheets/(main|palette)\.[^/]+",
    "Material's favicon": r"assets/images/favicon\.png",
    "Pagefind's scripts and styles": r"pagefind/pagefind(-[a-z-]+)?\.(js|css)",
    "Pagefind's WebAssembly": r"pagefind/wasm\.[a-z]+\.pagefind",
}


def third_party(name: str) -> bool:
    """Whether the site's file ``name`` (a path in the site, with /) is a third party's, copied unchanged."""
    return any(re.fullmatch(pattern, name) for pattern in THIRD_PARTY.values())


def build_case(case: Path, output: Path) -> None:
    """Build ``case``'s content into ``output`` as ``python build.py build`` does, with the repository's theme."""
    options = BuildOptions(TODAY, TEMPLATES / PAGES, {"project folder": CONFIG.resolve().parent, "current folder": Path.cwd()})
    build_site(case / "content", output, MkDocsEngine(CONFIG), options)  # raises ContentError on errors


def set_aside_third_party(site: Path) -> str:
    """Delete the third-party files from ``site``; return their list (``sha256sum`` format, sorted by name)."""
    lines = []
    for name, path in files_in(site).items():
        if third_party(name):
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n")
            path.unlink()
    for folder in sorted((path for path in site.rglob("*") if path.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return "".join(lines)


def built_tree(case: Path, output: Path) -> str:
    """Build ``case`` into ``output``, leaving out the third-party files; return their list."""
    build_case(case, output)
    return set_aside_third_party(output)


@pytest.mark.parametrize("case", [GOLDEN / name for name in CASES], ids=CASES)
def test_themed_output_matches_the_golden_tree(case, tmp_path):
    assert (case / THEMED).is_dir() and (case / LISTED).is_file(), (
        f"no {THEMED}/ tree for {case.name}: run 'python -m tests.test_golden_themed --update'"
    )
    listed = built_tree(case, tmp_path / "site")
    differences = tree_differences(case / THEMED, tmp_path / "site")
    expected_list = (case / LISTED).read_bytes()
    if listed.encode() != expected_list:
        differences.append(f"the third-party files differ from {LISTED}:\n" + file_diff(LISTED, expected_list, listed.encode()))
    if differences:
        pytest.fail(
            f"golden case {case.name!r} builds differently from {case.relative_to(REPO)}/{THEMED}/\n\n"
            + "\n\n".join(differences)
            + "\n\nIf the change is intended, run 'python -m tests.test_golden_themed --update' and review 'git diff'.",
            pytrace=False,
        )


@pytest.mark.parametrize("case", [GOLDEN / name for name in CASES], ids=CASES)
def test_only_third_party_files_are_left_out(case):
    listed = [line.split("  ", 1)[1] for line in (case / LISTED).read_text().splitlines()]
    for what, pattern in THIRD_PARTY.items():
        assert any(re.fullmatch(pattern, name) for name in listed), f"no file is {what}: remove its pattern"
    ours = {path.relative_to(THEME).as_posix() for path in THEME.rglob("*") if path.is_file()}
    assert [name for name in listed if name in ours and not name.startswith("assets/javascripts/vendor/")] == []
    kept = files_in(case / THEMED)
    assert not [name for name in kept if third_party(name)]
    assert {"index.html", "404.html", "sitemap.xml", ".signpost-site", "pagefind/pagefind-entry.json"} <= set(kept)


def update(selected: list[str] | None = None) -> list[Path]:
    """Rewrite the themed tree and third-party list of every case (or of the named cases) from the current code."""
    unknown = set(selected or ()) - set(CASES)
    if unknown:
        raise SystemExit(f"no such themed golden case: {', '.join(sorted(unknown))} (the cases are {', '.join(CASES)})")
    chosen = [GOLDEN / name for name in CASES if not selected or name in selected]
    for case in chosen:
        with tempfile.TemporaryDirectory(prefix="signpost-themed-") as scratch:
            site = Path(scratch) / "site"
            listed = built_tree(case, site)  # build fully before touching the old tree
            fresh = case / f"{THEMED}.new"
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(site, fresh)
        shutil.rmtree(case / THEMED, ignore_errors=True)
        fresh.rename(case / THEMED)
        (case / LISTED).write_bytes(listed.encode())
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.test_golden_themed", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update", action="store_true", help=f"rewrite each case's {THEMED}/ tree and {LISTED} from the current code"
    )
    parser.add_argument("cases", nargs="*", help=f"only these cases (of {', '.join(CASES)})")
    args = parser.parse_args(argv)
    if not args.update:
        parser.error("nothing to do: pass --update to rewrite the themed trees (run the comparison with pytest)")
    for case in update(args.cases):
        themed = files_in(case / THEMED)
        size = sum(path.stat().st_size for path in themed.values())
        third = len((case / LISTED).read_text().splitlines())
        print(f"updated {case.relative_to(REPO)}/{THEMED}/ ({len(themed)} files, {size:,} bytes) and {LISTED} ({third} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
