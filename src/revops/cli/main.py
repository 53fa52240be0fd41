"""The `revops` command: validate the content, score assessments, print sheets, scaffold."""

from __future__ import annotations

import gc
import sys

from revops.cli.errors import run_command
from revops.cli.parser import COMMANDS, build_parser

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line's command (argv: its arguments, by default the process's own)."""
    given = sys.argv[1:] if argv is None else argv
    named = given[0] if given and given[0] in COMMANDS else None
    args = build_parser(named).parse_args(argv)  # only the command named is built
    code = run_command(args.run, args)
    if argv is None:  # the command as run from a shell: the process ends next
        # The objects left go to the garbage collector's permanent generation, which it
        # never sweeps, so that ending does not trace and free every module's objects one
        # by one: the system takes the memory back whole. Measured on `revops score` of a
        # 10,000-row CSV, 10 to 17 ms of CPU time less, of about 250.
        gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())
