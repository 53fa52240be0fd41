"""A problem found in an input file, located by line and column."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if not self.line:
            return f"{self.path}: {self.message}"
        if self.column:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class InvalidInput(Exception):
    """Raised with every problem found, so all of them can be reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class InvalidOption(InvalidInput):
    """An option's value is not one the option takes (an unknown stage, say): a usage error,
    each problem naming the option and the values it takes."""
