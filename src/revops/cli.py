"""The `revops` command: validate the content, and (later) score assessments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .problems import InvalidInput

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                        help="project folder holding playbook/ and assessment/ (default: .)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revops", description="RevOps Playbook: check the playbook content and score "
        "maturity assessments.")
    parser.add_argument("--version", action="version", version=f"revops {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    validate = commands.add_parser(
        "validate", help="check every playbook and assessment YAML file",
        description="Check every YAML file under playbook/ and assessment/ against the schema "
        "and the cross-references. Prints each problem as path:line:column: message and exits "
        "1, or prints a one-line summary and exits 0.")
    _root_option(validate)
    validate.set_defaults(run=run_validate)
    return parser


def run_validate(args: argparse.Namespace) -> int:
    from .content import load_playbook

    try:
        playbook = load_playbook(args.root)
    except InvalidInput as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return EXIT_INVALID
    print(f"OK: {playbook.summary()}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
