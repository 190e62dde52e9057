"""``make bench``: the verdict on each target, and a real small run that misses one on purpose."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# ``bench`` is a folder of the project, not an installed package: importable
# from the project folder, which plain ``pytest`` does not put on the path.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.run import TARGETS, Row, check, main  # noqa: E402


def _row(
    count: int,
    ours=(1.1, 1.0, 1.2),
    bare=(1.0, 1.0, 1.0),
    build_mb=120.0,
    tree_mb=420.0,
    index_mb=300.0,
    asset_bytes=20_000,
    largest=(60_000, "domains/x/index.html"),
    fetched=(200_000, 220_000, 260_000),
    find_page=5_000,
    edit=(0.3, 0.4, 0.6),
) -> Row:
    """Figures at one size, each within its default target unless given otherwise."""
    return Row(
        count,
        ours=list(ours),
        bare=list(bare),
        build_mb=[build_mb] * 3,
        tree_mb=[tree_mb] * 3,
        index_mb=[index_mb] * 3,
        bare_mb=[90.0] * 3,
        asset_page_bytes=asset_bytes,
        largest_page=largest,
        fetched=dict(zip(("search", "find", "find_facet"), fetched, strict=True)),
        find_page_bytes=find_page,
        edit_s=list(edit),
    )


def _verdicts(rows: list[Row], **overrides: float) -> dict[str, bool]:
    return {name: met for name, met, _ in check(rows, {**TARGETS, **overrides})}


def test_figures_within_every_target_meet_them_all():
    rows = [_row(1000), _row(10000, asset_bytes=20_900)]
    assert _verdicts(rows) == dict.fromkeys(TARGETS, True)


@pytest.mark.parametrize(
    "target, bad_row",
    [
        ("ratio", _row(10000, ours=(1.4, 1.35, 1.5))),
        ("page_growth", _row(10000, asset_bytes=21_100)),
        ("build_mb", _row(10000, build_mb=251.0)),
        ("tree_mb", _row(10000, tree_mb=501.0)),
        ("page_kb", _row(10000, largest=(100 * 1024 + 1, "areas/big/index.html"))),
        ("index_mb", _row(10000, index_mb=501.0)),
        ("search_kb", _row(10000, fetched=(301 * 1024, 220_000, 260_000))),
        ("find_kb", _row(10000, fetched=(200_000, 301 * 1024, 260_000))),
        ("find_facet_kb", _row(10000, fetched=(200_000, 220_000, 351 * 1024))),
        ("find_page_growth", _row(10000, find_page=5_001)),
        ("edit_s", _row(10000, edit=(0.9, 1.2, 1.5))),
    ],
)
def test_a_figure_past_its_target_misses_that_target_alone(target, bad_row):
    verdicts = _verdicts([_row(1000), bad_row])
    assert verdicts == {name: name != target for name in TARGETS}


def test_time_ratio_is_judged_on_medians_so_one_slow_run_does_not_decide():
    assert _verdicts([_row(1000, ours=(1.0, 1.0, 9.0))])["ratio"]
    assert not _verdicts([_row(1000, ours=(1.0, 1.4, 1.4))])["ratio"]


def test_preview_edits_are_judged_on_their_median_and_must_have_been_measured():
    assert _verdicts([_row(1000, edit=(0.2, 0.3, 4.0)), _row(10000, edit=())])["edit_s"]
    assert not _verdicts([_row(1000, edit=(0.2, 1.1, 1.2)), _row(10000, edit=())])["edit_s"]
    assert not _verdicts([_row(1000, edit=()), _row(10000, edit=())])["edit_s"]


def test_build_memory_is_judged_at_the_largest_size_whatever_the_order():
    rows = [_row(10000), _row(1000, build_mb=900.0)]
    assert _verdicts(rows)["build_mb"]
    assert not _verdicts(list(reversed([_row(1000), _row(10000, build_mb=900.0)])))["build_mb"]


def test_a_tightened_target_fails_figures_that_met_the_default():
    rows = [_row(1000), _row(10000)]
    assert _verdicts(rows, ratio=1.0) == {name: name != "ratio" for name in TARGETS}
    assert not _verdicts(rows, page_kb=50.0)["page_kb"]


def test_an_unknown_target_is_refused_before_anything_is_measured(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["60", "--target", "speed=2"])
    assert stopped.value.code == 2
    assert "unknown target 'speed'" in capsys.readouterr().err


def test_synthetic_copies_mean_what_the_examples_mean(tmp_path):
    from bench.measure import EXAMPLES
    from bench.prepare import copy_stem, synthesise
    from signpost.load.yamlsource import parse_yaml

    content = synthesise(tmp_path / "content", len(EXAMPLES) * 2)
    for number, example in enumerate(EXAMPLES):
        original = parse_yaml(example.read_text(), str(example))[0].data
        copy = parse_yaml((content / "assets" / f"{copy_stem(number)}.yml").read_text(), "copy")[0].data
        # Only the name, the links to other assets and the staff notes differ.
        assert copy.pop("name") == f"{original.pop('name')} {number:05d}"
        assert copy.pop("connections") == []
        original.pop("connections", None), original.pop("staff_notes", None)
        assert copy == original, example.name


def test_a_real_small_run_that_misses_a_target_exits_1_and_says_so():
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "60", "--repeats", "1", "--target", "ratio=0.01"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.split()[:3] == ["60", "1", "min"] for line in lines), result.stdout
    assert any(line.split()[:3] == ["60", "1", "median"] for line in lines), result.stdout
    assert any(line.startswith("MISSED") and "build time ratio" in line and "≤ 0.01" in line for line in lines), result.stdout
    # The preview was timed too: three saved edits at the one size.
    assert any("preview, save to page served" in line and "(3 edits)" in line for line in lines), result.stdout


def test_the_tree_peak_counts_a_child_beside_its_parent():
    # Each holds 80 MB while the other does: one process alone would read 80.
    from bench.tree import run_watched

    child = "import time; held = b'x' * (80 * 2**20); time.sleep(0.6)"
    parent = f"import subprocess, sys; held = b'x' * (80 * 2**20); subprocess.run([sys.executable, '-c', {child!r}])"
    result, peaks = run_watched([sys.executable, "-c", parent], REPO)
    assert result.returncode == 0
    assert 160 <= peaks.tree_mb < 400
    assert 80 <= peaks.python_mb < peaks.tree_mb  # the larger of the two alone


def test_the_large_bench_judges_growth_memory_and_bytes_at_its_largest_size():
    from bench.large import TARGETS as LARGE
    from bench.large import Size
    from bench.large import check as check_large

    def size(count, seconds, tree=600.0, search=250_000):
        return Size(count, seconds=[seconds], tree_mb=[tree], fetched={"search": search, "find": search})

    def met(*sizes):
        return [verdict for verdict, _ in check_large(list(sizes), LARGE)]

    assert met(size(10000, 100.0), size(100000, 1100.0)) == [True, True, True]
    assert met(size(10000, 100.0), size(100000, 1101.0)) == [False, True, True]
    assert met(size(10000, 100.0), size(100000, 900.0, tree=1025.0)) == [True, False, True]
    assert met(size(10000, 100.0, search=900_000), size(100000, 900.0, search=301 * 1024)) == [True, True, False]


def test_the_large_bench_measures_its_smallest_size_on_both_sides_of_the_largest():
    from bench.large import Size, measure_sizes

    asked: list[tuple[int, int]] = []
    # One fast spell, on the first run: the median of the smallest size's runs leaves it out.
    times = iter([95.0, 158.0, 430.0, 1600.0, 155.0])

    def measure(count: int, runs: int) -> Size:
        asked.append((count, runs))
        return Size(count, seconds=[next(times) for _ in range(runs)], tree_mb=[300.0] * runs, build_mb=[130.0] * runs)

    sizes = measure_sizes([100000, 10000, 30000], 1, measure)
    assert asked == [(10000, 2), (30000, 1), (100000, 1), (10000, 1)]
    assert [size.count for size in sizes] == [10000, 30000, 100000]
    assert sizes[0].seconds == [95.0, 158.0, 155.0] and sizes[0].per_asset() == 155.0 / 10000
    assert len(sizes[0].tree_mb) == len(sizes[0].build_mb) == 3


def test_bytes_that_were_not_measured_do_not_meet_their_target():
    from bench.large import TARGETS as LARGE
    from bench.large import Size
    from bench.large import check as check_large

    row = _row(10000)
    row.fetched.pop("find_facet")
    assert not _verdicts([_row(1000), row])["find_facet_kb"]
    sizes = [Size(10000, seconds=[100.0], tree_mb=[500.0], fetched={"search": 1}), Size(100000, seconds=[900.0], tree_mb=[900.0])]
    assert [met for met, _ in check_large(sizes, LARGE)] == [True, True, False]
