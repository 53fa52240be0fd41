"""The one place where an error becomes a message and an exit code: bad input (a library
InvalidInput, every problem located) exits 1, a usage error (a bad option value included) 2,
an interrupt 130."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from revops.foundation.problems import InvalidInput, InvalidOption

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
MAX_SHOWN = 50  # problems printed before the rest are only counted

Command = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command asked for something it cannot do, such as an output file it must not
    replace: printed as `revops: error: <message>`, exit 2."""


def run_command(command: Command, args: argparse.Namespace) -> int:
    """Run one command and turn whatever stops it into its message and exit code."""
    try:
        return command(args)
    except InvalidOption as error:  # a bad option value is a usage error, as argparse's are
        for problem in error.problems:
            say(f"revops: error: {problem}")
        return EXIT_USAGE
    except InvalidInput as error:
        return report_problems(error)
    except UsageError as error:
        say(f"revops: error: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of the output went away, e.g. `| head`
        return EXIT_OK


def report_problems(error: InvalidInput) -> int:
    for problem in error.problems[:MAX_SHOWN]:
        say(problem)
    count = len(error.problems)
    if count > MAX_SHOWN:
        rest = count - MAX_SHOWN
        say(f"... and {rest} more problem{'s' if rest != 1 else ''}")
    say(f"{count} problem{'s' if count != 1 else ''} found")
    return EXIT_INVALID


def say(text: object) -> None:
    """A line on standard error, with any control character from a file name or a file's
    text shown as an escape rather than sent to the terminal."""
    from revops.foundation.characters import shown

    print(shown(str(text)), file=sys.stderr)


def emit(text: str, what: str) -> int:
    """Print a command's output; exit 1 when standard output cannot take it (what names it
    in the message)."""
    from revops.foundation.output import write_stdout

    return EXIT_OK if write_stdout(text, what) else EXIT_INVALID
