"""Problems found in content, and the ways we print them for staff.

Every check in Signpost reports a :class:`Problem` rather than raising, so one
run can tell a member of staff about every mistake in every file at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, what is wrong and how to fix it."""

    source: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def explanation(self) -> str:
        """``field: what is wrong — how to fix``, without the place."""
        what = f"{self.field}: {self.message}" if self.field else self.message
        return what + (f" — {self.hint}" if self.hint else "")

    def as_text(self) -> str:
        """``path:line: field: what is wrong — how to fix``."""
        prefix = f"{self.severity}: " if self.severity != "error" else ""
        return f"{self.source}:{self.line}: {prefix}{self.explanation()}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command, shown beside the line in a PR."""
        kind = "error" if self.severity == "error" else "warning"
        text = self.explanation().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.source},line={self.line}::{text}"


class ContentError(Exception):
    """Raised when content cannot be built; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems, "text"))


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that stop a build."""
    return [problem for problem in problems if problem.severity == "error"]


def format_problems(problems: Iterable[Problem], style: str = "text") -> str:
    """All problems in one of the output styles ``text``, ``github`` or ``json``."""
    problems = sorted(problems)
    if style == "json":
        return json.dumps([asdict(problem) for problem in problems], indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(problem.as_github() for problem in problems)
    return "\n".join(problem.as_text() for problem in problems)
