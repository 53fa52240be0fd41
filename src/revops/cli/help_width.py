"""The command line's parsers wrap help to the terminal's width without importing shutil."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def terminal_columns() -> int:
    """The width help text wraps to, as shutil.get_terminal_size gives it: $COLUMNS, else the
    terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__  # None, closed or not a terminal: 80
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):  # as shutil: no fileno, or not a tty
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, told the width it would work out (the terminal's less 2):
    left to find it, it imports shutil, and through it zlib, bz2 and lzma, on every run,
    since add_argument makes a formatter to check each option (4 ms of a run that scores
    one file in 90)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24):
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2)


class Parser(argparse.ArgumentParser):
    """A parser whose help wraps as argparse's does, without importing shutil."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
