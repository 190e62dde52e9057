"""Problems found in content, and the ways we print them for staff.

Every check in Signpost reports a :class:`Problem` rather than raising, so one
run can tell a member of staff about every mistake in every file at once.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, what is wrong and how to fix it."""

    source: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"
    # The YAML parser's own words, for developers: only --format json shows it.
    detail: str = dataclasses.field(default="", compare=False)

    def explanation(self) -> str:
        """``field: what is wrong — how to fix``, without the place."""
        what = f"{self.field}: {self.message}" if self.field else self.message
        return what + (f" — {self.hint}" if self.hint else "")

    def as_text(self) -> str:
        """``path:line: field: what is wrong — how to fix``."""
        prefix = f"{self.severity}: " if self.severity != "error" else ""
        return f"{self.source}:{self.line}: {prefix}{self.explanation()}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command, shown beside the line in a PR.

        GitHub matches ``file`` against the repository's paths, so it is
        given relative to the repository (the workflow's workspace).
        """
        kind = "error" if self.severity == "error" else "warning"
        place = f"file={_github_escape(repository_path(self.source), True)},line={self.line}"
        return f"::{kind} {place}::{_github_escape(self.explanation())}"


def repository_path(source: str) -> str:
    """``source`` relative to the repository: $GITHUB_WORKSPACE in a workflow, else the current folder."""
    root = os.path.abspath(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    path = os.path.abspath(source)
    if os.path.commonpath([root, path]) != root:
        return source  # outside the repository: GitHub cannot place it, but the log still names it
    return Path(os.path.relpath(path, root)).as_posix()


def _github_escape(text: str, in_property: bool = False) -> str:
    # GitHub's own escaping for workflow commands; a property also escapes ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


class ContentError(Exception):
    """Raised when content cannot be built; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems, "text"))

    def __reduce__(self):
        # Made again from its problems (a build in a child process sends it back).
        return (ContentError, (self.problems,))


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that stop a build."""
    return [problem for problem in problems if problem.severity == "error"]


def format_problems(problems: Iterable[Problem], style: str = "text") -> str:
    """All problems in one of the output styles ``text``, ``github`` or ``json``."""
    problems = sorted(problems)
    if style == "json":
        return json.dumps([_as_dict(problem) for problem in problems], indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(problem.as_github() for problem in problems)
    return "\n".join(problem.as_text() for problem in problems)


def _as_dict(problem: Problem) -> dict:
    data = asdict(problem)
    if not data["detail"]:
        del data["detail"]
    return data
