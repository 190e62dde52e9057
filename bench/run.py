"""``make bench``: our build against a bare MkDocs Material build, at 1,000 and 10,000 assets.

For each size it generates a synthetic content folder (the example content,
with its assets repeated under new names), then measures several times, our
build and the bare one taking turns so that a slow moment of the machine
falls on both:

- our full build (check, render, MkDocs + Material + blog, Pagefind, swap);
- a bare MkDocs Material build of the same page bodies written to disk,
  with the same navigation and Material's search on;
- the largest Pagefind run, started from a small process;

then the HTML bytes of one asset page and of the largest page. At the
smallest size it also times the live preview: from saving one asset to its
page being served again (``bench.edit``). It prints the minimum and median of
each figure, checks the targets, and exits 1 when any is missed (2 when a
build fails). Nothing generated is kept.

    python -m bench.run                           # 1,000 and 10,000 assets, 3 runs each
    python -m bench.run 500 --repeats 5 --target ratio=1.2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

# Only the light half: the bench process must stay small (see bench.measure).
from bench.edit import measure_edits
from bench.measure import (
    EXAMPLES,
    MeasureError,
    Probe,
    largest_page,
    measure_bare,
    measure_fetch,
    measure_index,
    measure_ours,
    own_peak_mb,
    plan_path,
    prepare,
)

# ratio: our build time over the bare one (medians), at every size.
# page_growth: how much one asset page may change from the smallest size to the largest.
# build_mb: the peak of our largest Python process at the largest size (median):
# the build, or the child process it loads and writes the pages in.
# tree_mb: the peak of the build's whole process tree (the build and the
# Pagefind runs it starts, side by side) at the largest size (median).
# page_kb: any HTML page of our site (KB of 1,024 bytes, as MB are of 1,024 KB).
# index_mb: the peak of one Pagefind run (median), at every size.
# search_kb, find_kb, find_facet_kb: bytes a browser fetches (gzip, as static
# hosts serve) before the first result of a search, of /find/ and of /find/
# with one facet chosen, at the largest size. The find page's own HTML must
# be the same size at every size.
# edit_s: seconds from saving one asset to its page served again by the live
# preview (median), at the smallest size.
TARGETS = {
    "ratio": 1.3,
    "page_growth": 0.05,
    "build_mb": 250.0,
    "tree_mb": 500.0,
    "page_kb": 100.0,
    "index_mb": 500.0,
    "search_kb": 300.0,
    "find_kb": 300.0,
    "find_facet_kb": 350.0,
    "find_page_growth": 0.0,
    "edit_s": 1.0,
}


@dataclass
class Row:
    """The figures at one size: one value per run for what is timed, and the page sizes."""

    count: int
    ours: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    build_mb: list[float] = field(default_factory=list)
    tree_mb: list[float] = field(default_factory=list)
    index_mb: list[float] = field(default_factory=list)
    bare_mb: list[float] = field(default_factory=list)
    asset_page_bytes: int = 0
    largest_page: tuple[int, str] = (0, "")
    fetched: dict[str, int] = field(default_factory=dict)
    find_page_bytes: int = 0
    edit_s: list[float] = field(default_factory=list)

    def ratio(self, stat: Callable[[list[float]], float]) -> float:
        """Our time over the bare time, both taken by ``stat`` (min or median) first."""
        return stat(self.ours) / stat(self.bare)


# --- Measuring -----------------------------------------------------------------


def run_size(count: int, repeats: int, work: Path, edits: int = 0) -> Row:
    """Generate ``count`` assets, measure each build ``repeats`` times (and ``edits`` preview edits); return the figures."""
    plan = prepare(count, work)
    content, bare, site = (work / f"{name}-{count}" for name in ("content", "bare", "site"))
    row = Row(count)
    for run in range(1, repeats + 1):
        # Taking turns: a slow spell of the machine then slows both builds alike.
        _add(row, ours=measure_ours(content, site), bare=measure_bare(bare))
        print(f"{count:,} assets, run {run}/{repeats}: ours {row.ours[-1]:.1f} s, bare {row.bare[-1]:.1f} s", file=sys.stderr)
    # The output is the same every run, so the last site stands for all. The
    # indexer runs after the timed pairs, so it never sits between ours and bare.
    row.asset_page_bytes, row.largest_page = (site / plan["asset_page"]).stat().st_size, largest_page(site)
    row.index_mb = [measure_index(site, plan_path(work, count)) for _ in range(repeats)]
    row.fetched, row.find_page_bytes = measure_fetch(site), (site / "find" / "index.html").stat().st_size
    # Last: the edits change the content the builds above were measured on.
    row.edit_s = measure_edits(content, edits) if edits else []
    return row


def _add(row: Row, ours: Probe, bare: tuple[float, float]) -> None:
    row.ours.append(ours.seconds)
    row.build_mb.append(ours.own_mb)
    row.tree_mb.append(ours.tree_mb)
    row.bare.append(bare[0])
    row.bare_mb.append(bare[1])


# --- Verdicts --------------------------------------------------------------------


def _ratio(rows: list[Row], limit: float) -> tuple[bool, str]:
    ratios = ", ".join(f"{row.ratio(median):.2f} at {row.count:,}" for row in rows)
    return all(row.ratio(median) <= limit for row in rows), f"build time ratio (medians) ≤ {limit:g} at every size ({ratios})"


def _page_growth(rows: list[Row], limit: float) -> tuple[bool, str]:
    first, last = rows[0], rows[-1]
    growth = abs(last.asset_page_bytes - first.asset_page_bytes) / first.asset_page_bytes
    return growth <= limit, f"asset page bytes within {limit:.0%} from {first.count:,} to {last.count:,} assets ({growth:.2%})"


def _build_mb(rows: list[Row], limit: float) -> tuple[bool, str]:
    last = rows[-1]
    peak = median(last.build_mb)
    return peak <= limit, f"peak memory of our Python build at {last.count:,} assets ≤ {limit:g} MB (median {peak:.0f} MB)"


def _tree_mb(rows: list[Row], limit: float) -> tuple[bool, str]:
    last = rows[-1]
    peak = median(last.tree_mb)
    return (
        peak <= limit,
        f"peak memory of the build's process tree at {last.count:,} assets ≤ {limit:g} MB (median {peak:.0f} MB)",
    )


def _page_kb(rows: list[Row], limit: float) -> tuple[bool, str]:
    size, path = max(row.largest_page for row in rows)
    return size <= limit * 1024, f"every HTML page ≤ {limit:g} KB (largest {size / 1024:.1f} KB, {path})"


def _index_mb(rows: list[Row], limit: float) -> tuple[bool, str]:
    peak = max(median(row.index_mb) for row in rows)
    return peak <= limit, f"peak memory of the search indexer ≤ {limit:g} MB (median of the largest run {peak:.0f} MB)"


def _fetched(journey: str, what: str) -> Callable[[list[Row], float], tuple[bool, str]]:
    def check_journey(rows: list[Row], limit: float) -> tuple[bool, str]:
        last = rows[-1]
        # Not measured is not met.
        kilobytes = last.fetched.get(journey, float("inf")) / 1024
        return (
            kilobytes <= limit,
            f"bytes fetched before the first {what} at {last.count:,} assets ≤ {limit:g} KB ({kilobytes:.0f} KB)",
        )

    return check_journey


def _find_page(rows: list[Row], limit: float) -> tuple[bool, str]:
    growth = rows[-1].find_page_bytes - rows[0].find_page_bytes
    sizes = ", ".join(f"{row.find_page_bytes:,}" for row in rows)
    return (
        growth <= limit,
        f"the find page's HTML grows by at most {limit:g} bytes from the smallest size to the largest ({sizes})",
    )


def _edit_s(rows: list[Row], limit: float) -> tuple[bool, str]:
    measured = [row for row in rows if row.edit_s]
    figures = ", ".join(f"median {median(row.edit_s):.2f} s at {row.count:,}" for row in measured) or "not measured"
    met = bool(measured) and all(median(row.edit_s) <= limit for row in measured)
    return met, f"a saved asset's page served again by the preview within {limit:g} s ({figures})"


CHECKS = {
    "ratio": _ratio,
    "page_growth": _page_growth,
    "build_mb": _build_mb,
    "tree_mb": _tree_mb,
    "page_kb": _page_kb,
    "index_mb": _index_mb,
    "search_kb": _fetched("search", "search result"),
    "find_kb": _fetched("find", "/find/ result"),
    "find_facet_kb": _fetched("find_facet", "/find/ result with one facet chosen"),
    "find_page_growth": _find_page,
    "edit_s": _edit_s,
}


def check(rows: list[Row], targets: dict[str, float]) -> list[tuple[str, bool, str]]:
    """Each target's (name, met, what was measured), for rows of one or more sizes."""
    rows = sorted(rows, key=lambda row: row.count)
    return [(name, *CHECKS[name](rows, targets.get(name, 0.0))) for name in CHECKS]


# --- Report --------------------------------------------------------------------

_HEADER = (
    f"{'assets':>7} {'runs':>4} {'stat':>6} {'ours s':>7} {'bare s':>7} {'ratio':>6} "
    f"{'build MB':>9} {'tree MB':>8} {'index MB':>9} {'bare MB':>8}"
)
_NOTES = """\
ratio: on the min line min(ours)/min(bare), on the median line median(ours)/median(bare).
build MB: our Python build process (RUSAGE_SELF); tree MB: the build and the Pagefind runs it starts,
together (see bench.tree); index MB: the largest Pagefind run (one shard), measured from a small
process. bare MB: MkDocs alone."""


def report(rows: list[Row], verdicts: list[tuple[str, bool, str]]) -> None:
    """Print the figures (min and median of the runs at each size), the pages, and the verdicts."""
    print(_HEADER)
    for row in rows:
        for name, stat in (("min", min), ("median", median)):
            figures = [stat(row.ours), stat(row.bare), row.ratio(stat), stat(row.build_mb), stat(row.tree_mb)]
            figures += [stat(row.index_mb), stat(row.bare_mb)]
            print(
                f"{row.count:>7,} {len(row.ours):>4} {name:>6} "
                + "{:>7.1f} {:>7.1f} {:>6.2f} {:>9.0f} {:>8.0f} {:>9.0f} {:>8.0f}".format(*figures)
            )
    print(_NOTES)
    print(f"Every process the bench starts counts its peak from the bench's own, {own_peak_mb():.0f} MB.")
    print()
    for row in rows:
        size, path = row.largest_page
        print(
            f"{row.count:>7,} assets: one asset page {row.asset_page_bytes:,} bytes; largest page {size / 1024:.1f} KB ({path})"
        )
        fetched = ", ".join(f"{name} {value / 1024:.0f} KB" for name, value in row.fetched.items())
        print(f"{'':>7}  fetched before the first result: {fetched}; find page {row.find_page_bytes:,} bytes")
        if row.edit_s:
            print(
                f"{'':>7}  preview, save to page served: min {min(row.edit_s):.2f} s, "
                f"median {median(row.edit_s):.2f} s ({len(row.edit_s)} edits)"
            )
    print()
    for _, met, text in verdicts:
        print(f"{'met   ' if met else 'MISSED'}  {text}")


# --- Command line ----------------------------------------------------------------


def _size(text: str) -> int:
    count = int(text)
    # The asset page compared across sizes is synthetic copy number 1.
    if count < len(EXAMPLES) + 2:
        raise argparse.ArgumentTypeError(f"sizes start at {len(EXAMPLES) + 2} assets (the examples and two copies)")
    return count


def _positive(text: str) -> int:
    if int(text) < 1:
        raise argparse.ArgumentTypeError("repeat each measurement at least once")
    return int(text)


def _target(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    if name not in TARGETS:
        raise argparse.ArgumentTypeError(f"unknown target '{name}'; the targets are {', '.join(TARGETS)}")
    try:
        return name, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=_size, default=[1000, 10000], help="numbers of assets (default 1000 10000)")
    parser.add_argument("--repeats", type=_positive, default=3, help="runs of each build at each size (default 3)")
    parser.add_argument(
        "--target",
        type=_target,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"override a target (repeatable); defaults: {', '.join(f'{k}={v:g}' for k, v in TARGETS.items())}",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 0 when every target is met, 1 when any is missed, 2 when a build fails."""
    args = _parser().parse_args(argv)
    targets = {**TARGETS, **dict(args.target)}
    try:
        with tempfile.TemporaryDirectory(prefix="signpost-bench-") as folder:
            sizes = sorted(set(args.sizes))
            # The preview's edits at the smallest size only: its first build is waited for.
            edits = max(3, args.repeats)
            rows = [run_size(count, args.repeats, Path(folder), edits if count == sizes[0] else 0) for count in sizes]
    except MeasureError as error:
        print(f"The benchmark could not measure: {error}", file=sys.stderr)
        return 2
    verdicts = check(rows, targets)
    report(rows, verdicts)
    return 0 if all(met for _, met, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
