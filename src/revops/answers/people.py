"""One answer set per person, and the respondents of several files as one list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import attrgetter
from typing import TypeVar, cast

from revops.answers.coded import CodedAnswers
from revops.answers.respondents import Respondent, Responses

Cell = TypeVar("Cell")

MAX_WARNINGS = 10  # warnings of one kind printed before the rest are only counted


# what Microsoft Forms writes for everyone who signed no name
ANONYMOUS = frozenset(("anonymous", "anon"))


def person_keys(texts: Iterable[str | None]) -> list[str | None]:
    """Who each name (or email address) stands for, ignoring case and spacing; None where it
    names nobody in particular. The folding and spacing run in C, a column at a time."""
    given = list(texts)
    filled = [text or "" for text in given] if None in given else cast("list[str]", given)
    keys: list[str | None] = list(_folded(filled))
    if "" in keys or not ANONYMOUS.isdisjoint(keys):  # else every key is someone's
        return [key if key and key not in ANONYMOUS else None for key in keys]
    return keys


def _folded(texts: list[str]) -> list[str]:
    """Each text as " ".join(text.casefold().split()) gives it: worked out on all of them
    joined by NUL, then split apart again, unless a text holds a NUL."""
    joined = "\0".join(texts)
    if not texts or joined.count("\0") != len(texts) - 1:
        return list(map(" ".join, map(str.split, map(str.casefold, texts))))
    spaced = " ".join(joined.casefold().split())  # case folding reads a character alone
    return spaced.replace(" \0", "\0").replace("\0 ", "\0").split("\0")


def everyone(respondents: Responses) -> list[str | None]:
    """Who each answer set is from: its key (an export's email, else name, else response
    id), or for other files its name."""
    by_key = person_keys(map(attrgetter("key"), respondents))
    if all(by_key):  # as in an export with an email or id on every row
        return by_key
    by_name = person_keys(map(attrgetter("name"), respondents))
    return [key or name for key, name in zip(by_key, by_name, strict=True)]


def _where(respondent: Respondent) -> str:
    """The file, and row when read from a table, an answer set came from."""
    return f"{respondent.source} row {respondent.line}" if respondent.line else respondent.source


def _answered_twice(dropped: Respondent, kept: Respondent) -> str:
    """The warning on an answer set left out for a later one from the same person."""
    name = dropped.name or kept.name or kept.key
    if dropped.line and kept.line and dropped.source == kept.source:
        rows = f"{dropped.source} rows {dropped.line} and {kept.line}"
        later = f"row {kept.line}"
    else:
        rows, later = f"{_where(dropped)} and {_where(kept)}", _where(kept)
    return f"{name} answered twice ({rows}); only the later answers, in {later}, count"


def drop_repeats(respondents: Responses) -> tuple[Responses, list[str]]:
    """One answer set per person: where a name or email appears twice, the later answers
    by date, then by file order, count. Returns the respondents and a warning per repeat,
    up to MAX_WARNINGS, then one counting the rest."""
    keys = everyone(respondents)
    named = [key for key in keys if key is not None]
    if len(set(named)) == len(named):  # no one answered twice, as usual: no walk below
        return respondents, []
    latest: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in latest:
            respondent, kept = respondents[index], respondents[latest[key]]
            if (respondent.date or dt.date.min) >= (kept.date or dt.date.min):
                latest[key] = index
        else:
            latest[key] = index
    keep = set(latest.values()) | {i for i, key in enumerate(keys) if key is None}
    dropped = [index for index in range(len(respondents)) if index not in keep]
    warnings = []
    for index in dropped[:MAX_WARNINGS]:
        respondent, key = respondents[index], keys[index]
        assert key is not None  # an answer set that names nobody is always kept
        warnings.append(_answered_twice(respondent, respondents[latest[key]]))
    if (rest := len(dropped) - MAX_WARNINGS) > 0:
        warnings.append(
            f"... and {rest:,} more answers from people who answered twice; "
            "only the later answers of each person count"
        )
    rows = sorted(keep)
    kept_list = Responses(map(respondents.__getitem__, rows))
    kept_list.notices, kept_list.left_out = respondents.notices, respondents.left_out
    if respondents.columns is not None:  # kept as columns, so scoring stays column-wise
        kept_list.columns = {
            key: values.rows(rows) if isinstance(values, CodedAnswers) else _rows(values, rows)
            for key, values in respondents.columns.items()
        }
    if respondents.evidence_texts is not None:
        kept_list.evidence_texts = _rows_of(respondents.evidence_texts, rows)
    return kept_list, warnings


def _rows_of(columns: dict[str, list[Cell]], rows: list[int]) -> dict[str, list[Cell]]:
    return {key: _rows(values, rows) for key, values in columns.items()}


def _rows(values: list[Cell], rows: list[int]) -> list[Cell]:
    return list(map(values.__getitem__, rows))


def combine(parts: list[Responses], known: Iterable[str]) -> Responses:
    """One list of respondents; answers kept as columns when any part is a large CSV."""
    if len(parts) == 1:
        return parts[0]
    combined = Responses(r for part in parts for r in part)
    combined.notices = [notice for part in parts for notice in part.notices]
    if any(part.columns is not None for part in parts):
        combined.columns = {
            question_id: [value for part in parts for value in part.column(question_id)]
            for question_id in known
        }
        combined.evidence_texts = {
            question_id: [text for part in parts for text in part.evidence_column(question_id)]
            for question_id in known
        }
    return combined
