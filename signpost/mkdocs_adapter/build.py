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
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from signpost.loader import load_content
from signpost.problems import ContentError, Problem, errors_in
from signpost.publish import staging_folder, swap_into_place
from signpost.search import index_site


def build_site(config_file: Path, content_dir: Path, output: Path, today: dt.date | None) -> list[Problem]:
    """Build the site into ``output``; return warnings, raise ContentError on errors."""
    content, problems = load_content(content_dir, today)
    if content is None or errors_in(problems):
        raise ContentError(problems)
    _require(config_file)
    with staging_folder(output) as staging, _quiet_mkdocs(), _build_date(content.today):
        config = load_config(str(config_file), docs_dir=str(content_dir.resolve()), site_dir=str(staging), strict=True)
        config.plugins["signpost"].preloaded = content
        _run(mkdocs_build, config)
        index_site(staging)
        swap_into_place(staging, output)
    return problems


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


def _run(function, *args, **kwargs) -> None:
    try:
        function(*args, **kwargs)
    except MkDocsException as error:
        raise ContentError([Problem("mkdocs.yml", 1, "", f"the site could not be built: {error}",
                                    "read the warnings above; each names the file to fix")]) from None


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


@contextmanager
def _quiet_mkdocs() -> Iterator[None]:
    """Show MkDocs warnings as plain lines; hide its progress chatter."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.addHandler(handler)
    previous_level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
