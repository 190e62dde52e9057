"""``signpost init DIR``: start a new site repository that a team owns.

It writes the starter (``signpost/authoring/starter/``, see
``signpost.authoring.newsite``) into an empty or new folder, then the
editors' schemas and the field reference. In a terminal it asks for any of
``--name``, ``--place``, ``--email`` and ``--site-url`` left out; with no
terminal (a script, a workflow) it never waits for an answer: it stops at
once, exit code 2, naming the missing options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from signpost import __version__
from signpost.authoring import project_files
from signpost.authoring.newsite import QUESTIONS, NewSite, option_name, problem_with, site_files
from signpost.core.today import build_day

HELP = "Start a new site in an empty folder: its settings, content to begin from, workflows and a README."

# Exit codes: 2 for a command given wrongly (as argparse uses), 1 for a folder that cannot be used.
USAGE_ERROR = 2


def arguments(command: argparse.ArgumentParser) -> None:
    """The options of ``signpost init``."""
    command.add_argument("dir", help="The folder to make the site in: a new or empty one.")
    for field, question in QUESTIONS.items():
        command.add_argument(option_name(field), dest=field, default=None, help=f"{question}.")


def run_init(args: argparse.Namespace) -> int:
    """Write a new site into ``args.dir``; ask for missing answers only when someone can answer."""
    target = Path(args.dir)
    refused = _refusal(target)
    if refused:
        print(refused, file=sys.stderr)
        return 1
    answers = _answers(args)
    if answers is None:
        return USAGE_ERROR
    count = write_site(target, NewSite(**answers), args)
    print(f"Wrote a new site in {target}/ ({count} files), for Signpost {__version__}.", file=sys.stderr)
    print(f"Next: cd {target}, then 'make site' (read README.md first: it says where make finds Signpost).", file=sys.stderr)
    return 0


def _refusal(target: Path) -> str | None:
    """Why ``target`` cannot take a new site, or None when it can."""
    if target.exists() and not target.is_dir():
        return f"{target} is a file, not a folder — choose a new folder for the site."
    if target.is_dir() and any(target.iterdir()):
        return f"{target} is not empty — choose a new or empty folder, so nothing of yours is written over."
    return None


def _answers(args: argparse.Namespace) -> dict[str, str] | None:
    """Every answer, checked: from the options, else asked in a terminal; None when that cannot be."""
    missing = [field for field in QUESTIONS if getattr(args, field) is None]
    if missing and not sys.stdin.isatty():
        options = ", ".join(option_name(field) for field in missing)
        them = "them" if len(missing) > 1 else "it"
        print(
            f"signpost init: missing {options} — give {them} on the command line (there is no terminal to ask in)",
            file=sys.stderr,
        )
        return None
    answers = {}
    for field, question in QUESTIONS.items():
        given = getattr(args, field)
        answers[field] = _ask(field, question) if given is None else given
        problem = problem_with(field, answers[field])
        if problem:
            print(f"signpost init: {option_name(field)}: {problem}", file=sys.stderr)
            return None
    return answers


def _ask(field: str, question: str) -> str:
    """Ask until the answer is usable, saying what was wrong with each one that is not."""
    while True:
        answer = input(f"{question}: ").strip()
        problem = problem_with(field, answer)
        if problem is None:
            return answer
        print(f"  {problem[0].upper()}{problem[1:]}.", file=sys.stderr)


def write_site(target: Path, site: NewSite, args: argparse.Namespace) -> int:
    """Write every file of the new site, then its schemas and field reference; return how many files."""
    count = 0
    for path, text in site_files(site, build_day(getattr(args, "today", None)), __version__):
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8", newline="\n")
        count += 1
    return count + len(project_files.write_files(target))
