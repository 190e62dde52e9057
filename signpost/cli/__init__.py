"""The ``signpost`` command (and ``python build.py``): build, check, serve.

Whatever goes wrong, a person sees plain lines and an exit code, never a
Python traceback. ``--debug`` shows the traceback of an internal error, for
reporting a bug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from signpost import __version__
from signpost.authoring import project_files, scaffold, schema
from signpost.check.loader import load_content
from signpost.cli import init, review_report, test_site
from signpost.core.problems import ContentError, Problem, errors_in, format_problems
from signpost.core.theme import PAGES
from signpost.core.today import build_day
from signpost.opendata.commands import add_import_command


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(_default_to_build(sys.argv[1:] if argv is None else argv))
    try:
        return args.run(args)
    except ContentError as error:
        print(format_problems(error.problems, getattr(args, "format", "text")), file=sys.stderr)
        print(_summary(error.problems), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(f"Signpost stopped because of an internal problem: {error}", file=sys.stderr)
        print("Nothing was changed. Please report this to the site's developers; --debug shows the details.", file=sys.stderr)
        return 1


def _default_to_build(argv: list[str]) -> list[str]:
    # Plain ``python build.py`` (or only options) builds the site.
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        return ["build", *argv]
    return argv


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="signpost", description="Build and check a community asset directory.")
    parser.add_argument("--version", action="version", version=f"signpost {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    build = _command(
        commands, "build", "Check the content, then build the site (the old site stays if anything fails).", run_build
    )
    build.add_argument("--output", default="site", help="Where to write the site (default: site/).")
    _engine_options(build)
    # For tests of the split search index on a small site; not for staff.
    build.add_argument("--pages-per-shard", type=int, default=None, help=argparse.SUPPRESS)
    check = _command(commands, "check", "Check the content and report every problem; builds nothing.", run_check)
    check.add_argument("--format", choices=["text", "github", "json"], default="text", help="How to print problems.")
    serve = _command(commands, "serve", "Preview the site while you edit; pages reload when files change.", run_serve)
    serve.add_argument(
        "--dev-addr", type=_address, default="127.0.0.1:8000", help="Address to serve on (default 127.0.0.1:8000)."
    )
    _engine_options(serve)
    review_report.add_options(_command(commands, "review", review_report.HELP, run_review))
    scaffold.arguments(_command(commands, "new", scaffold.HELP, scaffold.run_new))
    init.arguments(_command(commands, "init", init.HELP, init.run_init, content=False))
    project_files.arguments(_command(commands, "schemas", schema.HELP, project_files.run_schemas))
    add_import_command(commands, _command)
    test_site.arguments(_command(commands, "test-site", test_site.HELP, test_site.run))
    return parser


def _command(commands, name: str, help_text: str, run, content: bool = True) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, description=help_text)
    if content:
        command.add_argument("--content", default="content", help="The content folder (default: content/).")
    command.add_argument(
        "--today",
        type=_iso_date,
        default=None,
        help="Treat this date (YYYY-MM-DD) as today, for upcoming events and freshness "
        "(default: the date of SOURCE_DATE_EPOCH if set, else today).",
    )
    command.add_argument("--debug", action="store_true", help="Show the details of an internal problem.")
    command.set_defaults(run=run)
    return command


def _engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", default="mkdocs.yml", help="The theme settings file (default: mkdocs.yml).")
    command.add_argument(
        "--templates",
        default=None,
        help="The site's own templates, overriding the default look (default: templates/ beside the --config file).",
    )


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


def run_check(args: argparse.Namespace) -> int:
    """Validate only. Exit 1 when there is any error; warnings alone pass."""
    _, problems = load_content(Path(args.content), build_day(args.today))
    if problems:
        print(format_problems(problems, args.format))
    if args.format == "text":
        print(_summary(problems) if problems else f"All content in {args.content}/ is correct.", file=sys.stderr)
    return 1 if errors_in(problems) else 0


def build_options(args: argparse.Namespace):
    """The build's options from the command line."""
    from signpost.build.pipeline import BuildOptions
    from signpost.build.search_index import PAGES_PER_SHARD

    config = Path(args.config)
    protected = {"project folder": config.resolve().parent, "current folder": Path.cwd()}
    shard = getattr(args, "pages_per_shard", None) or PAGES_PER_SHARD
    return BuildOptions(build_day(args.today), templates_folder(args) / PAGES, protected, shard)


def templates_folder(args: argparse.Namespace) -> Path:
    """The site's own templates folder: --templates, or templates/ beside the theme settings file.

    It holds only the files a site changes; the default look ships in the
    package. A folder named with --templates must exist; the default one may not.
    """
    if not args.templates:
        return Path(args.config).parent / "templates"
    folder = Path(args.templates)
    if not folder.is_dir():
        raise ContentError(
            [Problem(str(folder), 1, "", "the templates folder is not here", "check the --templates option, or leave it out")]
        )
    return folder


def engine(args: argparse.Namespace):
    """The site engine: the one place it is chosen."""
    from signpost.engines.mkdocs.engine import MkDocsEngine

    return MkDocsEngine(Path(args.config))


def run_build(args: argparse.Namespace) -> int:
    """Check, then build the site into a fresh folder and swap it in."""
    from signpost.build.pipeline import build_site

    warnings = build_site(Path(args.content), Path(args.output), engine(args), build_options(args))
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    print(f"Built the site in {args.output}/.", file=sys.stderr)
    return 0


def run_review(args: argparse.Namespace) -> int:
    """List the activities due a check, by stage and area, with who to ring."""
    return review_report.run(args, build_day(args.today))


def _address(value: str) -> str:
    """A --dev-addr value: host:port, with a port from 0 to 65535."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a host and port — write it like 127.0.0.1:8000")
    return value


def run_serve(args: argparse.Namespace) -> int:
    """Serve a live preview that rebuilds when content or templates change."""
    from signpost.preview.server import PreviewError, serve

    try:
        serve(
            Path(args.content),
            engine(args),
            build_options(args),
            args.dev_addr,
            watched=[Path(args.content), templates_folder(args), Path(args.config)],
        )
    except PreviewError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _summary(problems) -> str:
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}."


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
