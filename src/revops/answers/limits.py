"""How many respondents one run reads, and the stop when a file holds more."""

from __future__ import annotations

from revops.foundation.problems import InvalidInput, Problem

# Respondents read in one run, over all files (spreadsheets count against it too). Sized by
# scripts/bench_scoring.py: the costliest file of this many rows scores within 10 s and 1 GiB.
MAX_RESPONDENTS = 100_000


class TooManyRespondents(InvalidInput):
    """Raised as soon as the rows read pass MAX_RESPONDENTS: nothing further is read."""

    def __init__(self, shown: str, line: int):
        super().__init__(
            [
                Problem(
                    shown,
                    line,
                    0,
                    f"the files hold more than "
                    f"{MAX_RESPONDENTS:,} respondents, more than revops scores "
                    "in one run; score a sample of them, or each team or "
                    "function in a run of its own",
                )
            ]
        )

    @classmethod
    def after(cls, problems: list[Problem]) -> TooManyRespondents:
        """The same stop, carrying the problems of the files read before it as well."""
        error = cls.__new__(cls)
        InvalidInput.__init__(error, problems)
        return error
