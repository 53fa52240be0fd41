"""A count with its noun in the right number: "1 respondent", "2 respondents"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """The count and the noun, singular for exactly one; `plural` when adding an s is wrong."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {plural or noun + 's'}"


def noun_for(count: int, noun: str, plural: str | None = None) -> str:
    """The noun alone in the number the count asks for: "level" for one, else "levels"."""
    return noun if count == 1 else plural or noun + "s"
