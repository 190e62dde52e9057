"""Build the site-wide search index with Pagefind.

Pagefind reads the finished HTML and writes a split index, so a search
downloads only the fragments it needs: it stays light at 10,000 assets,
unlike an index that loads whole before the first result. The renderer says
which pages belong in the index; within each, only the region marked
``data-pagefind-body`` is indexed.

Pagefind holds a whole index in memory while it builds it (about 130 MB per
1,000 asset pages, measured), and a bundle's list of pages is downloaded
whole before it can answer (about 10 bytes a page). Large sites are
therefore indexed in groups of pages ("shards"), one Pagefind run each:
``pagefind/shards.json`` lists the extra bundles. The search and find pages
show the first bundle's results as soon as it answers, then merge in the
others, so the first result costs one shard's download whatever the size of
the site (see pagefind-loader.js). The first shard's answer is a sample:
its share of the activities, in name order.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cbor2

from signpost.build.staging import link_or_copy
from signpost.core.problems import ContentError, Problem

BUNDLE = "pagefind"
SHARD_LIST = "shards.json"
# At most this many pages per Pagefind run: about 250 MB of memory each (the
# build has given back its own by then, see signpost.build.apart); and about 20 KB
# of index before the first result.
PAGES_PER_SHARD = 1500


def index_site(site_dir: Path, pages: list[str], pages_per_shard: int = PAGES_PER_SHARD) -> None:
    """Index ``pages`` (paths relative to ``site_dir``) into one bundle, or several searched as one.

    The pages are dealt out to the shards in turn, in the order given: give
    the pages the index sorts by name first, in name order. A shard then
    holds every Nth of them, its own order is theirs, and when the search
    page merges the shards' answers (Pagefind scores a sorted result by its
    place within its own shard, and keeps ties in shard order) the whole
    list comes out in name order.
    """
    groups = max(1, -(-len(pages) // pages_per_shard))
    shards = [_index_shard(site_dir, pages[number::groups], number) for number in range(groups)]
    (site_dir / BUNDLE / SHARD_LIST).write_text(json.dumps(shards[1:]))


def _index_shard(site_dir: Path, pages: list[str], number: int) -> str:
    """Index ``pages`` alone, from a view of the site made of hard links."""
    name = BUNDLE if number == 0 else f"{BUNDLE}-{number + 1}"
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".signpost-shard-") as view:
        for page in pages:
            # Same relative paths, so the index holds the same page addresses.
            target = Path(view) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(site_dir / page, target)
        if not pages:
            _write_placeholder(Path(view))
        # Written inside the view, then moved: Pagefind makes page addresses
        # relative to where the bundle sits.
        _run_pagefind(Path(view), Path(view) / name)
        make_reproducible(Path(view) / name)
        shutil.move(Path(view) / name, site_dir / name)
    return f"{name}/"


def _write_placeholder(view: Path) -> None:
    """A page for an index with nothing in it yet (a new site of drafts only).

    Pagefind refuses to write an index from no pages, and the search page
    needs one to load. The page exists only in the view, so no search can
    lead anywhere; its one word is one nobody types.
    """
    (view / ".signpost-empty-index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Empty</title></head>'
        "<body><main data-pagefind-body><p>signpostemptyindex</p></main></body></html>",
        encoding="utf-8",
    )


def _run_pagefind(site_dir: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ContentError(
            [
                Problem(
                    str(site_dir),
                    1,
                    "",
                    f"the search index could not be built ({detail[0]})",
                    "check that 'pagefind[bin]' is installed: run make site again",
                )
            ]
        )


# Pagefind writes its files as a signature, then CBOR, gzip-compressed.
_SIGNATURE = b"pagefind_dcd"


def make_reproducible(bundle: Path) -> None:
    """Write Pagefind's filter indexes and their list in a stable order.

    Pagefind (1.5) writes the values inside each filter index, and the list
    of filters, in a different order on every run, so the same site would
    get different files. Sorting them (and naming each file by its new
    content) keeps builds byte-identical; the search reads them the same.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text())
    for language, details in entry["languages"].items():
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = _read(meta_path)
        meta[3] = sorted([name, _sorted_filter(bundle / "filter", old, language)] for name, old in meta[3])
        meta[4] = sorted(meta[4], key=lambda sort: sort[0])
        meta_path.unlink()
        details["hash"] = _write(bundle, "pagefind.{name}.pf_meta", language, meta, 10)
    entry_path.write_text(json.dumps(entry, separators=(",", ":")))


def _sorted_filter(folder: Path, old: str, language: str) -> str:
    path = folder / f"{old}.pf_filter"
    name, values = _read(path)
    path.unlink()
    return _write(folder, "{name}.pf_filter", language, [name, sorted(values, key=lambda value: value[0])], 7)


def _read(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(_SIGNATURE) :])


def _write(folder: Path, pattern: str, language: str, data, digits: int) -> str:
    raw = _SIGNATURE + cbor2.dumps(data)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / pattern.format(name=name)).write_bytes(gzip.compress(raw, mtime=0))
    return name
