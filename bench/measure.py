"""The measuring half of ``make bench``: each build in a fresh interpreter, timed and weighed.

A fresh interpreter per build means one build's imports, caches and memory
never colour the next one's figures. This module imports nothing of Signpost
and the bench process never loads a site: the kernel counts a child's peak
memory (ru_maxrss) from the memory of the parent that starts it, so a large
bench process would raise every figure to its own size.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from bench.tree import run_watched

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
# The engine's own frozen example content: the bench measures the same
# content whatever a site keeps in its content/.
SEED = REPO / "tests" / "fixtures" / "example"
EXAMPLES = sorted((SEED / "assets").glob("*.yml"))


class MeasureError(Exception):
    """A step being measured failed: there are no figures, so there is no verdict."""


# Runs one call in a fresh interpreter and prints: seconds, the peak memory of
# that Python process (RUSAGE_SELF), and the peak of its largest child.
_PROBE = """
import resource, sys, time
from pathlib import Path
start = time.perf_counter()
code = {call}
peak = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(time.perf_counter() - start, peak(resource.RUSAGE_SELF), peak(resource.RUSAGE_CHILDREN))
sys.exit(code)
"""


class Probe(NamedTuple):
    """One measured run: seconds, peak MB of its largest Python process, of its largest child, and of the whole tree."""

    seconds: float
    own_mb: float
    child_mb: float
    tree_mb: float


def probe(call: str, arguments: list[str], cwd: Path) -> Probe:
    """Run ``call`` (Python, using sys.argv) in a fresh process and measure it."""
    result, peaks = run_watched([sys.executable, "-c", _PROBE.format(call=call), *arguments], cwd)
    if result.returncode != 0:
        raise MeasureError(f"failed: {call} {arguments}\n{result.stderr[-2000:]}")
    seconds, own, children = result.stdout.split()[-3:]
    # A build writes its pages in a child process: "own" is its largest Python process.
    return Probe(float(seconds), max(float(own), peaks.python_mb), float(children), peaks.tree_mb)


def own_peak_mb() -> float:
    """The bench process's own peak: every figure of a process it starts is at least this."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def plan_path(work: Path, count: int) -> Path:
    """Where ``bench.prepare`` notes the asset page to weigh and the pages to index."""
    return work / f"plan-{count}.json"


def prepare(count: int, work: Path) -> dict:
    """Generate the content and the bare project for ``count`` assets, in a process of its own; return the plan."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.prepare", str(count), str(work)], cwd=REPO, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise MeasureError(f"could not prepare {count:,} assets\n{result.stderr[-2000:]}")
    return json.loads(plan_path(work, count).read_text())


def measure_ours(content: Path, site: Path) -> Probe:
    """Our full build into a new folder: its time, and the peaks of the build process and of its tree."""
    # A new folder each time: every run does the same work, none retires an old site.
    shutil.rmtree(site, ignore_errors=True)
    return probe(
        "__import__('signpost.cli').cli.main(sys.argv[1:])",
        signpost_arguments("build", content, "--output", str(site)),
        REPO,
    )


def signpost_arguments(command: str, content: Path, *options: str) -> list[str]:
    """The arguments of a Signpost ``command`` on ``content`` as the bench runs it: the same day, settings and templates."""
    return [
        command,
        "--content",
        str(content),
        *options,
        "--today",
        TODAY.isoformat(),
        "--config",
        str(REPO / "mkdocs.yml"),
        "--templates",
        str(REPO / "templates"),
    ]


def measure_bare(project: Path) -> tuple[float, float]:
    """The bare MkDocs Material build: (seconds, peak MB)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    seconds, own, _, _ = probe(
        "__import__('mkdocs.__main__').__main__.cli(sys.argv[1:], standalone_mode=False) and 0",
        ["build", "--quiet", "-f", str(project / "mkdocs.yml")],
        project,
    )
    return seconds, own


def measure_index(site: Path, plan: Path) -> float:
    """The peak MB of the largest Pagefind run over the searchable pages the plan lists.

    Measured from a small process, for the reason in this module's docstring:
    from inside the build it would read as the build's own size. The kernel
    reports the largest child, so this is the largest shard's run.
    """
    for bundle in site.glob("pagefind*"):
        shutil.rmtree(bundle)  # the build's own bundles: indexing writes them afresh
    _, _, children, _ = probe(
        "__import__('signpost.build.search_index').build.search_index.index_site(Path(sys.argv[1]), "
        "__import__('json').loads(Path(sys.argv[2]).read_text())['searchable']) or 0",
        [str(site), str(plan)],
        REPO,
    )
    return children


def largest_page(site: Path) -> tuple[int, str]:
    """The bytes and site path of the largest HTML page."""
    return max((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html"))


def measure_fetch(site: Path) -> dict[str, int]:
    """Bytes fetched before the first search and find results (see bench.fetch), in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.fetch", str(site)], cwd=REPO, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise MeasureError(f"could not measure the bytes fetched\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
