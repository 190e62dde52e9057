"""Publish Signpost's outputs with MkDocs and Material: the one place MkDocs runs.

The engine reads only theme settings from ``mkdocs.yml``. Everything a team
sets (the site's name and address) comes from the site settings, and the
docs folder MkDocs is given is an empty temporary one: MkDocs sees exactly
the outputs the core hands over.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from signpost.core.outputs import Output
from signpost.core.problems import ContentError, Problem
from signpost.engines.mkdocs.plugin import SignpostPlugin, source_uri
from signpost.engines.mkdocs.session import MkDocsSession
from signpost.models import SiteSettings


class MkDocsEngine:
    """Wraps pages in Material's theme and writes every output into a folder."""

    def __init__(self, config_file: Path):
        self.config_file = config_file

    def publish(self, outputs: Iterable[Output], site: SiteSettings, navigation: tuple, site_dir: Path, today: dt.date) -> None:
        """Write ``outputs`` into ``site_dir`` with MkDocs; raise ContentError with plain problems."""
        self._build(SignpostPlugin(outputs, site, _labels(navigation)), site, navigation, site_dir, today)

    def publish_live(
        self, outputs: Iterable[Output], site: SiteSettings, navigation: tuple, site_dir: Path, today: dt.date
    ) -> MkDocsSession:
        """As :meth:`publish`, and return a session that writes single pages into the site again."""
        plugin = SignpostPlugin(outputs, site, _labels(navigation), keep=True)
        self._build(plugin, site, navigation, site_dir, today)
        assert plugin.kept is not None  # MkDocs runs on_env in every build
        return MkDocsSession(plugin.kept, site_dir)

    def _build(self, plugin: SignpostPlugin, site: SiteSettings, navigation: tuple, site_dir: Path, today: dt.date) -> None:
        if not self.config_file.is_file():
            raise ContentError(
                [
                    Problem(
                        str(self.config_file),
                        1,
                        "",
                        "the site configuration file is missing",
                        "run the command from the project folder, or pass --config",
                    )
                ]
            )
        with (
            tempfile.TemporaryDirectory(prefix="signpost-docs-") as docs,
            _build_date(today),
            _collect_warnings(plugin) as warnings,
        ):
            try:
                config = load_config(
                    str(self.config_file),
                    docs_dir=docs,
                    site_dir=str(site_dir),
                    site_name=Markup.escape(site.name),
                    site_url=site.site_url,
                    nav=[{label: source_uri(url)} for label, url in navigation],
                    use_directory_urls=True,
                    strict=True,
                )
                config.plugins["signpost"] = plugin  # registers its event hooks
                mkdocs_build(config)
            except MkDocsException as error:
                raise ContentError(
                    warnings
                    or [
                        Problem(
                            str(self.config_file),
                            1,
                            "",
                            f"the site could not be built: {error}",
                            "check the settings in mkdocs.yml",
                        )
                    ]
                ) from None


def _labels(navigation: tuple) -> dict[str, str]:
    """The navigation's label for each address in it."""
    return {url: label for label, url in navigation}


@contextmanager
def _build_date(today: dt.date) -> Iterator[None]:
    # MkDocs stamps pages with SOURCE_DATE_EPOCH when it is set, so the same
    # content built for the same day gives byte-identical output.
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
    """Turns each MkDocs warning into a Problem on the content file it names."""

    def __init__(self, plugin: SignpostPlugin):
        super().__init__(logging.WARNING)
        self.plugin = plugin
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        document, link = _DOC_FILE.search(text), _LINK.search(text)
        path = self.plugin.source_of(document.group(1)) if document else None
        if path is None:
            self.problems.append(Problem("mkdocs.yml", 1, "", text, "check the settings in mkdocs.yml"))
        elif link:
            self.problems.append(
                Problem(
                    path.as_posix(),
                    _line_containing(path, link.group(1)),
                    "",
                    f"links to '{link.group(1)}', which is not a page on this site",
                    "check the file name, or use a full web address starting with https://",
                )
            )
        else:
            self.problems.append(Problem(path.as_posix(), 1, "", text, "fix the part of this file it names"))


def _line_containing(path: Path, needle: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((number for number, line in enumerate(lines, 1) if needle in line), 1)


@contextmanager
def _collect_warnings(plugin: SignpostPlugin) -> Iterator[list[Problem]]:
    """Collect MkDocs warnings as problems (the build stops on any, in strict mode)."""
    logger = logging.getLogger("mkdocs")
    collector = _WarningCollector(plugin)
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
