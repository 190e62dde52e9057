"""``make bench``: our build against a bare MkDocs Material build, at 1,000 and 10,000 assets.

For each size it generates a synthetic content folder (the example content,
with its assets repeated under new names), then measures side by side in
this run:

- our full build (check, render, MkDocs + Material + blog, Pagefind, swap);
- a bare MkDocs Material build of the same page sources written to disk,
  with the same navigation (assets out of it) and Material's search on;
- the HTML bytes of one asset page, and our build's peak memory.

Nothing generated is kept; it all lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from signpost.loader import load_content
from signpost.render import render_site

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
TARGETS = {"ratio": 1.3, "page_growth": 0.05, "peak_mb": 500}


def synthesise(target: Path, count: int) -> Path:
    """A content folder with ``count`` assets: the examples, then copies of them."""
    shutil.copytree(REPO / "content", target)
    examples = sorted((REPO / "content" / "assets").glob("*.yml"))
    for number in range(count - len(examples)):
        source = examples[number % len(examples)]
        data = yaml.safe_load(source.read_text())
        data["name"] = f"{data['name']} {number:05d}"
        data["connections"] = []
        data.pop("staff_notes", None)
        (target / "assets" / f"a{number:05d}-{source.stem}.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return target


def bare_project(content: Path, target: Path) -> Path:
    """The same page sources as plain Markdown files, with a stock config."""
    loaded, _ = load_content(content, TODAY)
    docs = target / "docs"
    for page in render_site(loaded, REPO / "templates" / "signpost"):
        path = docs / page.source_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text())
    (docs / "news").mkdir(parents=True, exist_ok=True)
    for post in (content / "news" / "posts").glob("*.md"):
        (docs / "news" / f"{post.stem}.md").write_text(post.read_text())
    (docs / "news" / "index.md").write_text((content / "news" / "index.md").read_text())
    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config = {"site_name": "Bare", "docs_dir": "docs", "theme": {"name": "material", "font": False},
              "plugins": ["search"], "nav": ours["nav"]}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return target


# Runs one build in a fresh interpreter and prints: seconds, the peak memory
# of that Python process, and the peak of its children (Pagefind's indexer).
_PROBE = """
import resource, sys, time
start = time.perf_counter()
code = {call}
peak = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(time.perf_counter() - start, peak(resource.RUSAGE_SELF), peak(resource.RUSAGE_CHILDREN))
sys.exit(code)
"""


def measure(call: str, arguments: list[str], cwd: Path) -> tuple[float, float, float]:
    """Run ``call`` (Python, using sys.argv) in a fresh process; return (seconds, MB, children's MB)."""
    result = subprocess.run([sys.executable, "-c", _PROBE.format(call=call), *arguments], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed: {call} {arguments}\n{result.stderr[-2000:]}")
    seconds, own, children = result.stdout.split()[-3:]
    return float(seconds), float(own), float(children)


def run_size(count: int, work: Path) -> dict:
    """Measure one directory size; return the figures."""
    content = synthesise(work / f"content-{count}", count)
    bare = bare_project(content, work / f"bare-{count}")
    ours_site = work / f"site-{count}"
    ours_time, ours_peak, _ = measure(
        "__import__('signpost.cli').cli.main(sys.argv[1:])",
        ["build", "--content", str(content), "--output", str(ours_site), "--today", TODAY.isoformat()], REPO)
    # The indexer measured again from a small process: a child's peak as the
    # kernel reports it includes the memory of the parent that started it.
    _, _, index_peak = measure("__import__('signpost.search').search.index_site(__import__('pathlib').Path(sys.argv[1])) or 0",
                               [str(ours_site)], REPO)
    bare_time, bare_peak, _ = measure(
        "__import__('mkdocs.__main__').__main__.cli(sys.argv[1:], standalone_mode=False) and 0",
        ["build", "--quiet", "-f", str(bare / "mkdocs.yml")], bare)
    page = next((ours_site / "directory").glob("a00001-*")) / "index.html"
    return {"count": count, "ours": ours_time, "bare": bare_time, "ratio": ours_time / bare_time,
            "page_bytes": page.stat().st_size, "peak_mb": ours_peak, "index_mb": index_peak, "bare_mb": bare_peak}


def report(rows: list[dict]) -> bool:
    """Print the figures and the targets; True when every target is met."""
    print(f"{'assets':>7} {'ours s':>8} {'bare s':>8} {'ratio':>6} {'page bytes':>11} {'build MB':>9} {'index MB':>9} {'bare MB':>8}")
    for row in rows:
        print(f"{row['count']:>7} {row['ours']:>8.1f} {row['bare']:>8.1f} {row['ratio']:>6.2f} {row['page_bytes']:>11,}"
              f" {row['peak_mb']:>9.0f} {row['index_mb']:>9.0f} {row['bare_mb']:>8.0f}")
    print("build MB: our Python build process; index MB: the largest Pagefind run (one shard of at most 3,000 pages),")
    print("measured from a small process; while it runs the build process still holds its memory. bare MB: MkDocs alone.")
    growth = abs(rows[-1]["page_bytes"] - rows[0]["page_bytes"]) / rows[0]["page_bytes"]
    checks = {
        f"build time ratio ≤ {TARGETS['ratio']} at every size": all(row["ratio"] <= TARGETS["ratio"] for row in rows),
        f"asset page bytes within {TARGETS['page_growth']:.0%} ({growth:.2%})": growth <= TARGETS["page_growth"],
        f"peak memory of the Python build at the largest size ≤ {TARGETS['peak_mb']} MB": rows[-1]["peak_mb"] <= TARGETS["peak_mb"],
        f"peak memory of the search indexer at the largest size ≤ {TARGETS['peak_mb']} MB": rows[-1]["index_mb"] <= TARGETS["peak_mb"],
    }
    for text, passed in checks.items():
        print(f"{'met ' if passed else 'MISSED'}  {text}")
    return all(checks.values())


def main() -> int:
    """Run the benchmark at the sizes given (default 1,000 and 10,000)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signpost-bench-") as folder:
        rows = [run_size(count, Path(folder)) for count in args.sizes]
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
