"""Hostile input: files built to exhaust a check, and two builds into one folder.

Each hostile file must come back as one plain line naming the file and the
line, exit 1, in well under a second and with little memory. The checks run
in a child process of their own, capped in memory and processor time, so a
broken guard fails the test rather than taking the machine down.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from signpost.build.staging import build_lock
from signpost.check.loader import load_content
from signpost.load import yamlguard
from signpost.load.yamlguard import MAX_DEPTH, MAX_NODES, _depth_bound, limits_problem
from signpost.load.yamlsource import parse_yaml
from tests.conftest import REPO, TODAY, build, run_command, tree_digest

PEAK_MEMORY_MB = 200
# Processor time of the whole check, starting Python included: generous, for
# a busy CI runner (processor time, unlike wall time, does not grow while the
# child waits its turn). The figures measured are far lower.
CPU_SECONDS = 5
SHORTCUT_HINT = "which Signpost does not accept"
DEPTH_MESSAGE = (
    f"lists or fields are nested more than {MAX_DEPTH} levels deep here, far more than any Signpost file needs"
    " — check the indentation and the brackets [ ] { } on this line and the lines above"
)


def alias_bomb() -> str:
    """The file from the issue: nine levels, each an anchor aliasing the one before nine times."""
    lines = ['name: "lol"', "a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def fifty_megabytes() -> bytes:
    """A file of 50,000,000 bytes: one very long description.

    Its last byte is not UTF-8, so a check that read the file before
    looking at its size would report that byte instead.
    """
    head = b"name: Big\ndescription: |\n"
    line = b"  " + b"Tea and cake on Tuesdays. " * 3 + b"\n"
    body = line * (50_000_000 // len(line) + 1)
    return head + body[: 50_000_000 - len(head) - 1] + b"\xff"


def merge_key(rovers: str) -> str:
    return rovers.replace("contact:\n", "contact:\n  <<: {name: The club secretary}\n", 1)


def _cap_child() -> None:
    # Without the guard the alias bomb grows without end: stop it early.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (30, 30))


def measured_check(content: Path, scratch: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """``python build.py check`` in a child process: its result, processor seconds and peak memory (MB).

    ``os.wait4`` gives the peak of this one child, not of every child the
    test process ever had (as ``RUSAGE_CHILDREN`` would).
    """
    command = [sys.executable, str(REPO / "build.py"), "check", "--content", str(content), "--today", TODAY.isoformat()]
    out, err = scratch / "check.out", scratch / "check.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        started = time.monotonic()
        child = subprocess.Popen(command, cwd=REPO, stdout=stdout, stderr=stderr, preexec_fn=_cap_child)
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(command, child.returncode, out.read_text(), err.read_text())
    seconds, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    print(f"{scratch.name}: {seconds:.2f} s of processor time ({time.monotonic() - started:.2f} s wall), peak {peak:.0f} MB")
    return result, seconds, peak


def line_of(text: str, part: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if part in line)


def _bomb(rovers: str) -> tuple[str, int, str]:
    return alias_bomb(), 2, '"&a" is read as a YAML shortcut that marks values to copy elsewhere, ' + SHORTCUT_HINT


def _deep_flow_list(rovers: str) -> tuple[str, int, str]:
    return "name: Deep\ndomains: " + "[" * 20_000 + "]" * 20_000 + "\n", 2, DEPTH_MESSAGE


def _deep_block_list(rovers: str) -> tuple[str, int, str]:
    return "name: Deep\nconnections:\n" + "- " * 20_000 + "x\n", 3, DEPTH_MESSAGE


def _merge(rovers: str) -> tuple[str, int, str]:
    text = merge_key(rovers)
    return text, line_of(text, "<<"), '"<<" is read as a YAML shortcut that merges in values from elsewhere, ' + SHORTCUT_HINT


@pytest.mark.parametrize("hostile", [_bomb, _deep_flow_list, _deep_block_list, _merge])
def test_a_hostile_file_is_one_plain_line_fast_and_small(small_content, tmp_path, hostile):
    text, line, message = hostile((small_content / "assets" / "rovers.yml").read_text())
    path = small_content / "assets" / "hostile.yml"
    path.write_text(text)
    result, seconds, peak = measured_check(small_content, tmp_path)
    assert result.returncode == 1, result.stderr
    (only,) = result.stdout.splitlines()
    assert only.startswith(f"{path.as_posix()}:{line}: {message}"), only
    assert result.stderr.strip() == "1 error, 0 warnings."
    assert peak < PEAK_MEMORY_MB
    assert seconds < CPU_SECONDS


def test_a_fifty_megabyte_file_is_refused_from_its_size(small_content, tmp_path):
    path = small_content / "assets" / "hostile.yml"
    path.write_bytes(fifty_megabytes())
    result, seconds, peak = measured_check(small_content, tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{path.as_posix()}:1: the file is 50.0 MB, more than the 1 MB a content file may be — a content file needs only"
        " a few KB: check that nothing was pasted in by mistake, and put pictures in content/media/"
    ]
    assert peak < PEAK_MEMORY_MB
    assert seconds < CPU_SECONDS


def test_shortcuts_in_front_matter_are_refused_at_the_files_line(small_content):
    post = small_content / "news" / "posts" / "shortcut.md"
    post.write_text("---\ntitle: &title The directory is open\ndate: 2026-11-01\ndescription: *title\n---\nText.\n")
    _, problems = load_content(small_content, TODAY)
    assert [problem.as_text() for problem in problems] == [
        f'{post.as_posix()}:2: "&title" is read as a YAML shortcut that marks values to copy elsewhere, which Signpost'
        ' does not accept — if it is text that starts with &, put the whole text in double quotes; if not, delete "&title"'
        " and write the values out in full wherever they are needed"
    ]


def test_text_starting_with_a_star_is_refused_with_a_hint_to_quote_it():
    _, (problem,) = parse_yaml("name: x\nsummary: *Bring a drink\n", "a.yml")
    assert problem.as_text() == (
        'a.yml:2: "*Bring" is read as a YAML shortcut that copies values from elsewhere, which Signpost does not accept'
        " — if it is text that starts with *, put the whole text in double quotes; if not, write the values out in full"
    )


def test_ordinary_text_with_ampersands_stars_and_angle_brackets_still_loads(small_content):
    rovers = small_content / "assets" / "rovers.yml"
    summary = "Tea & cake after **every** match, and *two* teams <<all welcome>>."
    description = "**Bold** start, Tea & cake << then >> more.\n&copy; *not* an alias\n- **a list item**\n*star & <<"
    bus_note = "*Quoted* & <<merged>> text, &amp; more"
    text = set_line(rovers.read_text(), "summary:", f"summary: {summary}")
    text = set_line(text, "  bus_note:", f"  bus_note: {quoted(bus_note)}")
    block = "".join(f"  {line}\n" for line in description.splitlines())
    text = text.replace(text[text.index("description: |\n") : text.index("easy_read:")], f"description: |\n{block}")
    rovers.write_text(text)
    content, problems = load_content(small_content, TODAY)
    assert problems == []
    asset = content.assets["rovers"].item
    assert (asset.summary, asset.description.rstrip("\n"), asset.travel.bus_note) == (summary, description, bus_note)


def set_line(text: str, start: str, new: str) -> str:
    """``text`` with its first line that starts with ``start`` replaced by ``new``."""
    lines = text.splitlines()
    index = next(number for number, line in enumerate(lines) if line.startswith(start))
    return "\n".join([*lines[:index], new, *lines[index + 1 :]]) + "\n"


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fields_in_lists(levels: int) -> str:
    """``- a:`` lines, each indented under the one before: two levels a line."""
    lines = [f"{'  ' * level}- a:\n" for level in range(levels // 2)]
    if levels % 2:
        return "".join(lines) + "  " * (levels // 2) + "- x\n"
    return "".join(lines)[: -len(":\n")] + ": x\n"


def lists_at_field_columns(levels: int) -> str:
    """A field, then its list at the field's own column: two levels share each column."""
    text = "".join(f"{'  ' * level}a:\n{'  ' * level}-\n" for level in range(levels // 2))
    return text + ("  " * (levels // 2) + "a: x\n" if levels % 2 else "")


def _nested_mappings(levels: int) -> str:
    return "".join(f"{'  ' * level}a:\n" for level in range(levels - 1)) + f"{'  ' * (levels - 1)}a: x\n"


DEEP_FORMS = {
    "flow lists": lambda n: "[" * n + "]" * n,
    "flow mappings": lambda n: "{a: " * n + "x" + "}" * n,
    "indented fields": _nested_mappings,
    "dashes on one line": lambda n: "- " * n + "x\n",
    "dashes with wide gaps": lambda n: "-    " * n + "x\n",
    "a field in each list": fields_in_lists,
    "lists at the fields' columns": lists_at_field_columns,
    "question marks": lambda n: "? " * n + "x\n",
}


@pytest.mark.parametrize("form", DEEP_FORMS)
def test_every_way_of_nesting_is_limited_exactly(form):
    def depth_problem(levels: int):
        return limits_problem(DEEP_FORMS[form](levels), "deep.yml")

    deepest = next(levels for levels in range(MAX_DEPTH - 2, MAX_DEPTH + 3) if depth_problem(levels) is not None)
    assert deepest == MAX_DEPTH + 1
    assert depth_problem(MAX_DEPTH + 1).explanation() == DEPTH_MESSAGE


def nesting_depth(text: str) -> int:
    """The real nesting depth of ``text``, from libyaml's events."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        deepest = max(deepest, depth)
    return deepest


def spine(rng: random.Random, levels: int):
    """Data nested ``levels`` deep, with small side branches of other shapes."""
    if levels == 0:
        return rng.choice(["x", 1, None, "two words"])
    items = [spine(rng, levels - 1), *rng.sample(["y", None, {"z": 1}, [1], {"z": [1, 2]}], rng.randint(0, 2))]
    rng.shuffle(items)
    return {f"k{index}": item for index, item in enumerate(items)} if rng.random() < 0.5 else items


@pytest.mark.parametrize("indent", [2, 3, 4, 7])
def test_the_quick_depth_bound_is_never_below_the_real_depth(indent):
    # The guard skips its exact check when this bound allows; a bound below
    # the real depth would let a too-deep file through unchecked.
    rng = random.Random(indent)
    texts = [form(levels) for form in DEEP_FORMS.values() for levels in range(1, 24)]
    for _ in range(150):
        data = spine(rng, rng.randint(1, 24))
        text = yaml.dump(data, default_flow_style=rng.choice([False, None]), indent=indent, width=rng.choice([20, 1000]))
        texts += [text, text.replace("\n- ", "\n-   "), text.replace("- - ", "-\n" + " " * indent + "- ")]
    checked = 0
    for text in texts:
        try:
            depth = nesting_depth(text)
        except yaml.YAMLError:
            continue  # a rewrite that broke the YAML: nothing to compare
        bound = _depth_bound(text)
        assert bound is None or bound >= depth, text
        checked += bound is not None
    assert checked > 100


def test_the_number_of_values_is_limited_and_the_line_given():
    assert limits_problem("- x\n" * (MAX_NODES - 1), "many.yml") is None  # the list itself is a value too
    problem = limits_problem("- x\n" * MAX_NODES, "many.yml")
    assert problem.as_text() == (
        f"many.yml:{MAX_NODES}: the file holds more than {MAX_NODES:,} values, far more than any Signpost file needs"
        " — check that nothing was pasted in by mistake, or split the entries over several files"
    )


def test_a_second_build_is_refused_and_leaves_the_previous_site_whole(small_content, tmp_path):
    output = tmp_path / "site"
    assert build(small_content, output) == 0
    before = tree_digest(output)
    rovers = small_content / "assets" / "rovers.yml"
    rovers.write_text(rovers.read_text().replace("name: Hollinsford Rovers", "name: Renamed Rovers", 1))
    with build_lock(output):
        result = run_command("build", "--content", str(small_content), "--output", str(output), "--today", TODAY.isoformat())
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{output}:1: another build is writing this site right now — wait for it to finish, then build again"
    )
    assert tree_digest(output) == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".site.")] == []
    assert build(small_content, output) == 0
    assert tree_digest(output) != before


@pytest.mark.parametrize("parsers", ["libyaml first", "pure Python only"])
@pytest.mark.parametrize("form", ["flow lists", "dashes on one line", "flow mappings"])
def test_a_20000_deep_file_is_refused_whichever_parser_reads_it(monkeypatch, parsers, form):
    # PyYAML 6.0.4's libyaml refuses nesting past 1,000 itself, before the
    # guard counts a level; 6.0.3's does not, and a PyYAML built without
    # libyaml has only the pure-Python parser. Each way, the file gets the
    # guard's own plain line, not a parser error or a recursion error.
    if parsers == "pure Python only":
        monkeypatch.setattr(yamlguard, "_PARSERS", (yaml.SafeLoader,))
    separator = "\n" if form == "dashes on one line" else " "  # a block list starts on the line below its field
    text = "name: Deep\nconnections:" + separator + DEEP_FORMS[form](20_000)
    document, problems = parse_yaml(text, "deep.yml")
    assert document is None
    assert [problem.explanation() for problem in problems] == [DEPTH_MESSAGE]
