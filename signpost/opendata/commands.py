"""The ``import`` command: ``build.py import hsds PATH`` and ``build.py import csv FILE``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from signpost.core.today import build_day

HELP = "Add activities from another directory's data: Open Referral UK (hsds) or a spreadsheet (csv)."


def add_import_command(commands, make_command: Callable) -> None:
    """Add ``import hsds`` and ``import csv`` to the command line; ``make_command`` adds the shared options."""
    parser = commands.add_parser("import", help=HELP, description=HELP)
    kinds = parser.add_subparsers(dest="import_kind", required=True, metavar="{hsds,csv}")
    hsds = make_command(
        kinds,
        "hsds",
        "Write an asset file for each Open Referral UK service in PATH: a service list, a page of an API answer, "
        "a single service, or a folder of such .json files.",
        run_import_hsds,
    )
    hsds.add_argument("path", help="The .json file or folder to read.")
    sheet = make_command(
        kinds,
        "csv",
        "Write an asset file for each row of a spreadsheet saved as CSV, with the columns of our own assets.csv "
        "(or others matched with --columns).",
        run_import_csv,
    )
    sheet.add_argument("file", help="The .csv file to read.")
    sheet.add_argument(
        "--columns",
        action="append",
        default=[],
        metavar="FIELD=COLUMN or FILE",
        help="Match a column of yours to one of ours, such as 'contact.phone=Telephone'; repeat it, or give a file "
        "with one such line each.",
    )
    for command in (hsds, sheet):
        command.add_argument("--force", action="store_true", help="Replace asset files that already exist and differ.")


def run_import_hsds(args: argparse.Namespace) -> int:
    """Import Open Referral UK services."""
    from signpost.opendata.hsds_import import import_hsds

    return _run(args, lambda importer: import_hsds(Path(args.path), importer))


def run_import_csv(args: argparse.Namespace) -> int:
    """Import the rows of a spreadsheet."""
    from signpost.opendata.csv_import import MappingError, column_mapping, import_csv

    try:
        mapping = column_mapping(args.columns)
    except MappingError as error:
        print(error, file=sys.stderr)
        return 2
    return _run(args, lambda importer: import_csv(Path(args.file), importer, mapping))


def _run(args: argparse.Namespace, read: Callable) -> int:
    from signpost.opendata.importing import Importer

    importer = Importer(Path(args.content), build_day(args.today), args.force)
    read(importer)
    outcome = importer.finish()
    for line in outcome.lines:
        print(line, file=sys.stderr)
    records = outcome.written + outcome.unchanged + outcome.skipped
    drafts = f" ({outcome.drafts} as draft{'s' if outcome.drafts != 1 else ''} to finish)" if outcome.drafts else ""
    print(
        f"{records} record{'s' if records != 1 else ''}: {outcome.written} written{drafts}, "
        f"{outcome.unchanged} unchanged, {outcome.skipped} left out.",
        file=sys.stderr,
    )
    if outcome.written:
        print(f"Next: look over the new files in {args.content}/assets/, then run: python build.py check", file=sys.stderr)
    return 1 if outcome.skipped or outcome.failed_files else 0
