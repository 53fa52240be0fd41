"""The claims to check first: a rule's answers at evidence_from_level or above that name no
evidence. docs/assets/revops-score.js mirrors it (Scorer.unevidenced)."""

from __future__ import annotations

from typing import NamedTuple

from revops.answers.documents import Responses
from revops.scoring.formula import Bank, RuleResult, Scale


class Claim(NamedTuple):
    question_id: str
    question: str  # its text, which reports show (shortened where they list claims)
    respondent: str  # their name, or "respondent N" in file order
    level: int  # as given, before any cap
    hint: str | None = None  # the question's evidence hint for that level, if it has one


class Unevidenced(NamedTuple):
    total: int  # every such answer of the rule
    claims: tuple[Claim, ...]  # the first of them, in question then respondent order


def unevidenced(
    bank: Bank, result: RuleResult, respondents: Responses, limit: int = 10
) -> Unevidenced:
    """The answers of a rule at evidence_from_level or above that name no evidence: how
    many, and the first `limit` of them (question, respondent, level as given)."""
    scale = Scale.of(bank)
    rule = next(rule for rule in bank["rules"] if rule["id"] == result.id)
    claims: list[Claim] = []
    any_evidence = respondents.any_evidence
    for question in rule["questions"]:
        if len(claims) == limit:
            break
        marks = respondents.evidenced(question["id"]) if any_evidence else None
        hints = question.get("evidence") or {}
        for row, value in enumerate(respondents.column(question["id"])):
            if scale.is_claim(value) and not (marks and marks[row]):
                person = respondents[row].name or f"respondent {row + 1}"
                hint = hints.get(str(value))
                claims.append(Claim(question["id"], question["text"], person, value, hint))
                if len(claims) == limit:
                    break
    count = result.evidence.claims - result.evidence.evidenced
    return Unevidenced(count, tuple(claims))
