"""The live preview's builds: one page at once for a saved file, the whole site behind it.

A full build at 1,000 activities takes many seconds, too long to wait for
after each save. When exactly one activity, event, story or newsletter file
changed, the preview checks that file again (and every reference across the
content, which is quick), writes that record's page into the served site
through the engine's session, and reloads the browser. A full build then
follows, while the page is already on show, to bring the lists, the search
index and everything else up to date. Anything else (a new or deleted file,
the settings, the templates, news posts) goes straight to a full build.
Pages are written from the thread that watches the files; full builds run
in the main thread (see :meth:`LiveBuilds.keep_building`).

Engine-free: the engine is any :class:`signpost.build.pipeline.LiveEngine`.

Two rules keep it correct. Only one full build runs at a time; a save while
one runs asks for another after it. And a full build never puts back an
older page: it read the files when it started, so before its site goes in
place the pages of files saved since are written into it again.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2

from signpost.build.pipeline import BuildOptions, LiveEngine, LiveSite, PageSession, build_live
from signpost.check.loader import reload_record
from signpost.check.references import check_references
from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS, ContentKind
from signpost.core.problems import ContentError, Problem, errors_in, format_problems
from signpost.load.sourcelines import forget_lines
from signpost.render.registry import record_outputs
from signpost.render.site import SiteRenderer

# The kinds whose page can be written alone. News posts are published by the
# engine's blog from their Markdown, so they wait for a full build.
QUICK_KINDS = tuple(kind for kind in KINDS.values() if kind.quick_preview)


@dataclass
class _Base:
    """The content the served site shows (the last full build, with quick edits since), and its session."""

    content: Content
    session: PageSession


@dataclass(frozen=True)
class _Edit:
    """A file whose page was written alone, at which change (``number``), with what it now holds."""

    number: int
    kind: ContentKind
    record: Record


class LiveBuilds:
    """Builds a preview site into ``output`` and keeps it up to date as files are saved.

    ``report(problems)`` is called whenever what the browser should show
    changes: after each build or quick page, with its problems (errors turn
    every page into the list of them).
    """

    def __init__(
        self,
        content_dir: Path,
        engine: LiveEngine,
        options: BuildOptions,
        output: Path,
        report: Callable[[list[Problem]], None],
    ):
        self.content_dir, self.engine, self.options, self.output = content_dir, engine, options, output
        self.report = report
        self.lock = threading.Lock()  # held while the served site or this state changes
        self.wanted = threading.Event()  # a full build is wanted
        self.changes = 0  # counts each batch of saved files
        self.base: _Base | None = None  # None: no quick pages until a full build succeeds
        self.stale_since: int | None = None  # the first change only a full build can show
        self.edits: dict[Path, _Edit] = {}  # quick pages a running full build may not have read
        self.broken: tuple[Path, int] | None = None  # the file a quick check found errors in, and when
        self.compiled = _CompiledTemplates()
        self.stopped = False

    # --- Full builds -------------------------------------------------------------

    def build_now(self) -> None:
        """Build the whole site, in this thread; problems are reported, never raised."""
        with self.lock:
            start = self.changes
        forget_lines()
        try:
            build_live(self.content_dir, self.output, self.engine, self.options, lambda site: self._finish(site, start))
        except ContentError as error:
            self._failed(start, list(error.problems))

    def keep_building(self) -> None:
        """Run each wanted full build, one at a time, in this thread, until interrupted (Ctrl+C).

        Run it in the main thread, and :meth:`saved` from another: Ctrl+C
        then stops a build at once, and nothing is left writing into the
        site's folder when the preview removes it.
        """
        while True:
            self.wanted.wait()
            self.wanted.clear()  # a save from now on asks for one more build after this one
            try:
                self.build_now()
            except Exception as error:  # a fault in Signpost, not in the content: keep previewing
                print(f"The preview could not be rebuilt because of an internal problem: {error!r}", file=sys.stderr)

    def stop(self) -> None:
        """Take no more saves; once this returns, no page is being written."""
        with self.lock:
            self.stopped = True

    def _finish(self, site: LiveSite, start: int) -> None:
        """Put a full build in place, with the pages of files saved since it started written into it first."""
        # All under the lock: a quick page waits while the site is swapped,
        # and what the browser is told to show changes in the order it happened.
        with self.lock:
            later = [edit for edit in self.edits.values() if edit.number > start]
            content = site.content
            for edit in later:
                content = _with_record(content, edit.kind, edit.record)
            if later:
                renderer = self._renderer(content)
                for edit in later:
                    shown = getattr(renderer.content, edit.kind.attribute).get(edit.record.stem)
                    if shown is not None:
                        site.session.write(record_outputs(renderer, edit.kind.name, shown))
            site.swap()
            self.base = _Base(content, site.session)
            self.edits = {path: edit for path, edit in self.edits.items() if edit.number > start}
            if self.stale_since is not None and self.stale_since <= start:
                self.stale_since = None
            if self.broken is not None and self.broken[1] > start:
                return  # a file saved since has errors: its problems stay on show
            self.broken = None
            if site.warnings:
                print(format_problems(site.warnings), file=sys.stderr)
            print("Rebuilt the preview.", file=sys.stderr)
            self.report(site.warnings)

    def _failed(self, start: int, problems: list[Problem]) -> None:
        with self.lock:
            if any(edit.number > start for edit in self.edits.values()) or (self.broken and self.broken[1] > start):
                return  # a file saved since this build started decides what is shown
            if self.broken is None:
                self._blame(problems)
            print(format_problems(problems), file=sys.stderr)
            self.report(problems)

    def _blame(self, problems: list[Problem]) -> None:
        """After a failed full build: when one file a quick page can show holds every error, its fix shows at once.

        Often that file was read while it was being saved. Otherwise only a
        full build can tell when all is fixed, so quick pages wait for one.
        """
        sources = {problem.source for problem in errors_in(problems)}
        target = self._quick_target({Path(sources.pop())}) if len(sources) == 1 else None
        if target is not None:
            self.broken = (target[1], self.changes)
        else:
            self.base = None

    # --- Saves -----------------------------------------------------------------

    def saved(self, changed: set[Path], only_modified: bool) -> None:
        """React to saved files: a quick page when one record file was changed, and a full build behind it.

        ``only_modified`` says no file was added or removed.
        """
        with self.lock:
            if self.stopped:
                return
            self.changes += 1
            target = self._quick_target(changed) if only_modified and len(changed) == 1 else None
            if target is None or not self._quick(*target):
                if self.stale_since is None:
                    self.stale_since = self.changes
                self.wanted.set()

    def _quick_target(self, changed: set[Path]) -> tuple[ContentKind, Path] | None:
        """The kind and file of a change a quick page can show, or None."""
        (path,) = changed
        if self.base is None or self.stale_since is not None:
            return None  # the served site is not the last good build with quick pages on it
        if self.broken is not None and self.broken[0] != path:
            return None  # another file has errors: only a full build can say when all are fixed
        content = self.base.content
        for kind in QUICK_KINDS:
            record = getattr(content, kind.attribute).get(path.stem)
            if path.parent == content.root / kind.folder and record is not None and Path(record.source) == path:
                return kind, path
        return None

    def _quick(self, kind: ContentKind, path: Path) -> bool:
        """Check the file again and write its page; False when only a full build can show the change."""
        forget_lines()
        base = self.base
        assert base is not None  # _quick_target finds nothing to do before the first good build
        record, problems = reload_record(base.content, kind, path)
        content = base.content
        if record is not None:
            content = _with_record(content, kind, record)
            problems.extend(check_references(content))
        if errors := errors_in(problems):
            self.broken = (path, self.changes)
            print(format_problems(errors), file=sys.stderr)
            self.report(errors)
            return True  # nothing to build until the file is fixed
        if record is None:
            return False  # not finished yet (it says FILL IN): it leaves the site
        try:
            renderer = self._renderer(content)
            shown = getattr(renderer.content, kind.attribute).get(record.stem)
            if shown is None:
                return False  # no longer published (a draft now): it leaves the site with a full build
            outputs = record_outputs(renderer, kind.name, shown)
            if not base.session.write([next(outputs)]):
                return False  # its page is new to the site
            base.content = content
            self.edits[path] = _Edit(self.changes, kind, record)
            self.broken = None
            print(f"Updated the page of {path}; lists and search follow in a moment.", file=sys.stderr)
            self.report([problem for problem in problems if problem.source == record.source])
            # The record's own files (card, calendar, flyer) once its page is on show.
            base.session.write(outputs)
        except Exception as error:  # a fault in Signpost, not in the file: the full build reports it
            print(f"Could not show the change to {path} at once ({error!r}); building the whole site.", file=sys.stderr)
            return False
        self.wanted.set()  # the lists, the search and every other page follow
        return True

    def _renderer(self, content: Content) -> SiteRenderer:
        renderer = SiteRenderer(content.public(), self.options.templates_dir)
        # Compiling the templates again would take longer than the page itself.
        renderer.env.bytecode_cache = self.compiled
        return renderer


def _with_record(content: Content, kind: ContentKind, record: Record) -> Content:
    """``content`` with ``record`` in place of the one of the same stem (or added)."""
    records: dict[str, Any] = {kind.attribute: {**getattr(content, kind.attribute), record.stem: record}}
    return replace(content, **records)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between quick pages; a template that changed compiles again."""

    def __init__(self):
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from memory, when this template was compiled before."""
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a newly compiled template."""
        self.stored[bucket.key] = bucket.bytecode_to_string()
