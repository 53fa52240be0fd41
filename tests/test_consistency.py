"""Inconsistent claims (advice/consistency.py) are found a row mask at a time: they are
exactly what reading the answers one person at a time finds, whether the answers are held
as coded columns (a CSV) or per respondent (answer files)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.advice.consistency import Inconsistent, InconsistentClaim, inconsistent
from revops.answers.coded import CodedAnswers, coded_values
from revops.answers.documents import Respondent, Responses

from .conftest import examples

VALUES = [1, 2, 3, 4, 5, "n/a", "unknown", None]
QUESTIONS = [
    {"id": "q0", "text": "Zero", "foundational": True},
    {"id": "q1", "text": "One"},
    {"id": "q2", "text": "Two", "foundational": True},
    {"id": "q3", "text": "Three"},
]


def one_person_at_a_time(bank, respondents, high, at_most, limit) -> Inconsistent:
    """The definition, read one answer at a time."""
    questions = bank["rules"][0]["questions"]
    count, claims = 0, []
    for question in questions:
        for row, person in enumerate(respondents):
            value = person.answers.get(question["id"])
            weak = [
                (found, level)
                for found in questions
                if found.get("foundational")
                and type(level := person.answers.get(found["id"])) is int
                and level <= at_most
            ]
            if not weak or type(value) is not int or value < high:
                continue
            count += 1
            if len(claims) < limit:
                foundation, level = weak[0]
                name = person.name or f"respondent {row + 1}"
                claims.append(
                    InconsistentClaim(
                        question["id"],
                        question["text"],
                        name,
                        value,
                        foundation["id"],
                        foundation["text"],
                        level,
                    )
                )
    return Inconsistent(count, tuple(claims))


@settings(max_examples=examples(300), deadline=None)
@given(
    rows=st.lists(st.lists(st.sampled_from(VALUES), min_size=4, max_size=4), max_size=30),
    high=st.integers(1, 5),
    at_most=st.integers(1, 5),
    limit=st.integers(0, 12),
    names=st.booleans(),
)
def test_claims_are_what_reading_one_person_at_a_time_finds(rows, high, at_most, limit, names):
    bank = {
        "parameters": {"inconsistent_from_level": high, "foundation_at_most": at_most},
        "rules": [{"id": "rule", "questions": QUESTIONS}],
    }
    people = [
        Respondent(
            "t",
            "Team",
            None,
            f"p{row}" if names and row % 3 else None,
            None,
            {q["id"]: value for q, value in zip(QUESTIONS, answers, strict=True)},
        )
        for row, answers in enumerate(rows)
    ]
    expected = one_person_at_a_time(bank, people, high, at_most, limit)
    assert inconsistent(bank, "rule", Responses(people), limit) == expected
    columned = Responses(people)
    columned.columns = {
        q["id"]: CodedAnswers(coded_values([answers[i] for answers in rows]))
        for i, q in enumerate(QUESTIONS)
    }
    assert inconsistent(bank, "rule", columned, limit) == expected
