"""What the checks share: where a problem is, the ids each kind of reference may point at,
and the rule that ids within a list are unique."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from revops.foundation.counts import noun_for

if TYPE_CHECKING:
    from revops.content.loaded import Content


class Where(NamedTuple):
    """A place in a content file, as a Problem carries it (line 0: the whole file; column 0:
    the whole line)."""

    file: str
    line: int
    column: int = 0


Found = tuple[Where, str]  # what a check yields: where, and what is wrong there
Check = Callable[["Content"], Iterable[Found]]


def unknown(kind: str, value: str, known, where: str) -> str:
    """'unknown metric 'x'; did you mean 'y'?' with the place the valid ids are defined."""
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown {kind} '{value}'; {hint}{kind} ids are defined in {where}"


class Known:
    """The ids each kind of reference may point at; None where the defining file is broken,
    so a broken file does not also flood every reference to it with errors."""

    def __init__(self, content: Content, kinds: dict[str, tuple[Iterable[str] | None, str]]):
        self.content = content
        self.kinds = {
            kind: (None if ids is None else set(ids), where) for kind, (ids, where) in kinds.items()
        }

    def check(
        self, relative: str, loc: tuple, kind: str, values: list[str], not_self: str | None = None
    ) -> Iterator[Found]:
        """Each value names a known id of this kind, once, and not the item itself."""
        known, where = self.kinds[kind]
        seen: set[str] = set()
        for i, value in enumerate(values):
            message = ""
            if value in seen:
                message = f"{kind} '{value}' is listed twice; remove one"
            elif value == not_self:
                message = f"a {kind} cannot point at itself; remove it"
            elif known is not None and value not in known:
                message = unknown(kind, value, known, where)
            if message:
                yield self.content.at(relative, loc + (i,)), message
            seen.add(value)

    def one(self, relative: str, loc: tuple, kind: str, value: str) -> Iterator[Found]:
        """The value names a known id of this kind."""
        known, where = self.kinds[kind]
        if known is not None and value not in known:
            yield self.content.at(relative, loc), unknown(kind, value, known, where)


def unique(
    content: Content,
    relative: str,
    items: list,
    loc: tuple,
    kind: str,
    attribute: str = "id",
    defined: dict[str, str] | None = None,
) -> Iterator[Found]:
    """No two items share an id, in this file or (through `defined`) in sibling files."""
    defined = {} if defined is None else defined
    for i, item in enumerate(items):
        value = getattr(item, attribute)
        key = value.casefold()
        if key in defined:
            elsewhere = "" if defined[key] == relative else f" in {defined[key]}"
            yield (
                content.at(relative, loc + (i, attribute)),
                f"{kind} '{value}' is already defined{elsewhere}; each {kind} is defined once",
            )
        else:
            defined[key] = relative


def ladder(content: Content, relative: str, loc: tuple, options: dict[int, str]) -> Iterator[Found]:
    """An entry for every level in assessment/levels.yaml, and none for another."""
    numbers = content.level_numbers
    if not numbers:
        return
    missing = sorted(numbers - set(options))
    if missing:
        yield (
            content.at(relative, loc, key=True),
            f"missing {noun_for(len(missing), 'level')} {', '.join(map(str, missing))}; give one "
            "entry for every level in assessment/levels.yaml",
        )
    for number in sorted(set(options) - numbers):
        yield (
            content.at(relative, loc + (number,), key=True),
            f"there is no level {number}; levels are {min(numbers)} to {max(numbers)}",
        )


def evidence_faults(
    evidence: dict[int, str], levels: set[int], from_level: int
) -> Iterator[tuple[tuple, bool, str]]:
    """(where under `evidence`, whether at the key, what is wrong) for a question's evidence
    hints: one for each level from `from_level` up and for no other, no two alike (an answer at
    4 and one at 5 are told apart by what backs them)."""
    claimed = {number for number in levels if number >= from_level}
    missing = sorted(claimed - set(evidence))
    if missing:
        yield (
            (),
            True,
            f"no evidence hint for {noun_for(len(missing), 'level')} "
            f"{', '.join(map(str, missing))}; give one for every level from {from_level} up",
        )
    for number in sorted(set(evidence) - claimed):
        yield (number,), True, _unclaimed(number, levels, from_level)
    first_with: dict[str, int] = {}
    for number in sorted(claimed & set(evidence)):
        text = " ".join(evidence[number].split()).casefold()
        if text in first_with:
            yield (
                (number,),
                False,
                f"the evidence hint for level {number} repeats level {first_with[text]}'s; say "
                f"what would show level {number} that level {first_with[text]} does not",
            )
        first_with.setdefault(text, number)


def _unclaimed(number: int, levels: set[int], from_level: int) -> str:
    if number not in levels:
        return f"there is no level {number}; levels are {min(levels)} to {max(levels)}"
    return (
        f"level {number} needs no evidence hint: only an answer at {from_level} or above "
        "claims a practice that evidence backs"
    )
