"""Run a MkDocs build or live preview for the command line.

The build checks the content first (so staff see every problem at once),
builds into a staging folder, indexes it for search and only then swaps it
into place: a failed build leaves the last good site untouched.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from signpost.loader import load_content
from signpost.problems import ContentError, Problem, errors_in
from signpost.publish import staging_folder, swap_into_place, unsafe_output
from signpost.search import index_site


def build_site(config_file: Path, content_dir: Path, output: Path, today: dt.date | None) -> list[Problem]:
    """Build the site into ``output``; return warnings, raise ContentError on errors."""
    content, problems = load_content(content_dir, today)
    if content is None or errors_in(problems):
        raise ContentError(problems)
    _require(config_file)
    _check_output(output, content_dir, config_file)
    with staging_folder(output) as staging, _collect_warnings(content_dir) as warnings, _build_date(content.today):
        _render_pages(config_file, content_dir, staging, content, warnings)
        index_site(staging)
        swap_into_place(staging, output)
    return problems


def _render_pages(config_file: Path, content_dir: Path, staging: Path, content, warnings: list[Problem]) -> None:
    config = load_config(str(config_file), docs_dir=str(content_dir.resolve()), site_dir=str(staging), strict=True)
    config.plugins["signpost"].preloaded = content
    _run(mkdocs_build, config, warnings=warnings)


def serve_site(config_file: Path, content_dir: Path, dev_addr: str, today: dt.date | None) -> None:
    """Serve a live preview; every change to content or templates rebuilds it."""
    content, problems = load_content(content_dir, today)
    if content is None or errors_in(problems):
        raise ContentError(problems)
    _require(config_file)
    if today:
        os.environ["SIGNPOST_TODAY"] = today.isoformat()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # Call serve() directly with livereload on: with click > 8.2.1 the
    # `mkdocs serve` command line only reloads when given --livereload.
    _run(mkdocs_serve, str(config_file), livereload=True, watch_theme=True,
         dev_addr=dev_addr, docs_dir=str(content_dir.resolve()))


def _require(config_file: Path) -> None:
    if not config_file.is_file():
        raise ContentError([Problem(str(config_file), 1, "", "the site configuration file is missing",
                                    "run the command from the project folder, or pass --config")])


def _check_output(output: Path, content_dir: Path, config_file: Path) -> None:
    protected = {"content folder": content_dir, "project folder": config_file.resolve().parent, "current folder": Path.cwd()}
    reason = unsafe_output(output, protected)
    if reason:
        raise ContentError([Problem(str(output), 1, "", f"cannot build the site here: {reason}",
                                    "choose an empty or new folder with --output, such as site (delete an old copy of the site first)")])


def _run(function, *args, warnings: list[Problem] | None = None, **kwargs) -> None:
    try:
        function(*args, **kwargs)
    except MkDocsException as error:
        raise ContentError(warnings or [Problem("mkdocs.yml", 1, "", f"the site could not be built: {error}",
                                                "check the settings in mkdocs.yml")]) from None


@contextmanager
def _build_date(today: dt.date) -> Iterator[None]:
    # MkDocs stamps sitemaps with SOURCE_DATE_EPOCH when it is set, so the
    # same content built on the same day gives byte-identical output.
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(today.timetuple()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_LINK = re.compile(r"contains a link '([^']+)'")


class _WarningCollector(logging.Handler):
    """Turns each MkDocs warning into a Problem on the file it names."""

    def __init__(self, content_dir: Path):
        super().__init__(logging.WARNING)
        self.content_dir = content_dir
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        document, link = _DOC_FILE.search(text), _LINK.search(text)
        if document is None:
            self.problems.append(Problem("mkdocs.yml", 1, "", text, "check the settings in mkdocs.yml"))
            return
        path = self.content_dir / document.group(1)
        if link:
            self.problems.append(Problem(path.as_posix(), _line_containing(path, link.group(1)), "",
                                         f"links to '{link.group(1)}', which is not a page on this site",
                                         "check the file name, or use a full web address starting with https://"))
        else:
            self.problems.append(Problem(path.as_posix(), 1, "", text, "fix the part of this file it names"))


def _line_containing(path: Path, needle: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((number for number, line in enumerate(lines, 1) if needle in line), 1)


@contextmanager
def _collect_warnings(content_dir: Path) -> Iterator[list[Problem]]:
    """Collect MkDocs warnings as problems (the build stops on any, in strict mode)."""
    logger = logging.getLogger("mkdocs")
    collector = _WarningCollector(content_dir)
    logger.addHandler(collector)
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # MkDocs' own lines would repeat ours less clearly
    try:
        yield collector.problems
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate
