"""How question wording is matched to a column header: survey-tool exports name columns by
the question's text, so content is checked for texts that an export could not tell apart."""

from __future__ import annotations

import re
from collections.abc import Mapping

from revops.foundation.values import NOT_APPLICABLE, UNKNOWN, Value

# A question's options: level (a number in the content, its text in a bank) -> its words
Options = Mapping[int, str] | Mapping[str, str]
_NOT_WORD = re.compile(r"[\W_]+")
_NUMBERED = re.compile(r"^(?:q\s?)?[0-9]{1,3} ")  # "3. How…" or "Q3) How…", once normalised

# Not-applicable and don't-know wordings, normalised; "n/a" and "unknown" are read anyway.
NOT_APPLICABLE_WORDS = (
    "n a",
    "na",
    "not applicable",
    "not applicable to our business",
    "does not apply",
    "doesn t apply",
)
UNKNOWN_WORDS = ("don t know", "dont know", "do not know", "i don t know", "not sure")


def normalise(text: str) -> str:
    """Lower case, with every run of punctuation and spaces made one space."""
    return _NOT_WORD.sub(" ", text.replace("\u2019", "'").lower()).strip()


def header_key(text: str) -> str:
    """A header normalised, with a leading question number ("3. ", "Q3)") dropped."""
    return _NUMBERED.sub("", normalise(text), count=1)


def same_column(name: str, column: str) -> bool:
    """Whether a column name given on the command line names this header cell."""
    return (
        name.strip().lower() == column.lower()
        or bool(header_key(name))
        and header_key(name) == header_key(column)
    )


def option_values(options: Options) -> dict[str, Value]:
    """Normalised option text (and not-applicable and don't-know wordings) -> the value."""
    values: dict[str, Value] = {word: NOT_APPLICABLE for word in NOT_APPLICABLE_WORDS}
    values.update({word: UNKNOWN for word in UNKNOWN_WORDS})
    values.update({normalise(text): int(level) for level, text in options.items()})
    return values


def wording_clashes(
    question_id: str, text: str, options: dict, seen_texts: dict[str, str]
) -> list[tuple[tuple, str]]:
    """(place in the question, message) wherever its text reads as another question's, or an
    option as another option or a not-applicable or don't-know wording, once case and
    punctuation are ignored: survey exports are read by these texts. The text is added to
    seen_texts (normalised text -> question id)."""
    apart = "once case and punctuation are ignored; survey-tool exports could not tell them apart"
    clashes: list[tuple[tuple, str]] = []
    key = header_key(text)
    if key in seen_texts:
        clashes.append(
            (("text",), f"reads the same as the text of question '{seen_texts[key]}' {apart}")
        )
    seen_texts.setdefault(key, question_id)
    taken = set(option_values({}))
    for level, option in options.items():
        if normalise(option) in taken:
            clashes.append(
                (
                    ("options", level),
                    "reads the same as another option or a "
                    f"not-applicable or don't-know wording {apart}",
                )
            )
        taken.add(normalise(option))
    return clashes
