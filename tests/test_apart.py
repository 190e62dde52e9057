"""Running a part of the build in a child process: its result and its errors come back whole."""

from __future__ import annotations

import os

import pytest

from signpost.build.apart import run_apart
from signpost.core.problems import ContentError, Problem


def _child_pid() -> int:
    return os.getpid()


def _content_error() -> None:
    raise ContentError([Problem("assets/a.yml", 3, "name", "is empty", "write the activity's name")])


def _unsendable() -> object:
    raise ValueError("the calendar for 'coffee' could not be made", lambda: None)


def _dies() -> None:
    os._exit(3)


def test_the_call_runs_in_another_process_and_its_result_comes_back():
    assert run_apart(_child_pid) != os.getpid()


def test_a_content_error_comes_back_with_every_problem():
    with pytest.raises(ContentError) as raised:
        run_apart(_content_error)
    assert [(problem.source, problem.line, problem.field) for problem in raised.value.problems] == [("assets/a.yml", 3, "name")]


def test_an_error_that_cannot_be_passed_back_still_says_what_went_wrong():
    with pytest.raises(RuntimeError, match="could not be made"):
        run_apart(_unsendable)


def test_a_child_that_dies_is_a_plain_error_not_a_hang():
    with pytest.raises(RuntimeError, match=r"stopped before it finished \(exit code 3\)"):
        run_apart(_dies)
