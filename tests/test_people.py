"""Who an answer set is from (answers/people.py): the column-at-a-time reading gives what
reading one person at a time, as the rule is written, gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.answers.people import ANONYMOUS, everyone
from revops.answers.respondents import Respondent, Responses

from .conftest import examples

TEXTS = (
    st.none()
    | st.sampled_from(
        [
            "",
            " ",
            "Ann Lee",
            "ann  lee",
            " ANN LEE\t",
            "Anonymous",
            "anon ",
            "ß",
            "SS",
            "ﬁ",
            "x\u2003y",
            "a\x00b",
            " \x00 ",
        ]
    )
    | st.text(max_size=8)
)


def one_person(respondent: Respondent) -> str | None:
    """The rule, one person at a time: the key, else the name, folded and spaced alike."""

    def key_of(text: str | None) -> str | None:
        key = " ".join(text.casefold().split()) if text else ""
        return key if key and key not in ANONYMOUS else None

    return key_of(respondent.key) or key_of(respondent.name)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.tuples(TEXTS, TEXTS), max_size=12))
def test_everyone_is_each_person_read_alone(people):
    respondents = Responses(
        Respondent("a.csv", None, None, name, None, key=key) for key, name in people
    )
    assert everyone(respondents) == [one_person(r) for r in respondents]
