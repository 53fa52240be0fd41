"""The `revops` command: validate the content, score assessments, print sheets, scaffold."""

from __future__ import annotations

import sys

from revops.cli.errors import run_command
from revops.cli.parser import build_parser

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_command(args.run, args)


if __name__ == "__main__":
    sys.exit(main())
