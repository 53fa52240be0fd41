"""Change since earlier assessments: the score per rule then and now, each earlier overall and
rule score, and the questions that moved most. docs/assets/revops-score.js mirrors it
(Scorer.compare and Scorer.moved)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from revops.scoring.formula import Bank, Result, Scale, Score


class ScoredRule(Protocol):
    """A rule as a fresh result and an earlier JSON report both name it."""

    @property
    def id(self) -> str: ...
    @property
    def score(self) -> Score: ...
    @property
    def question_means(self) -> Mapping[str, Score]: ...


@dataclass(frozen=True)
class Earlier:
    """One earlier assessment: when, its scores, and its question means."""

    source: str
    date: str | None
    overall: Score
    rules: Mapping[str, Score]
    question_means: Mapping[str, Score] = field(default_factory=dict)
    respondents: int = 0  # read from an answer file (a report is not read row by row)

    def as_floats(self) -> Earlier:
        """The same assessment with every score a float, as a report writes scores."""

        def number(value: Score) -> Score:
            return None if value is None else float(value)

        return replace(
            self,
            overall=number(self.overall),
            rules={rule: number(score) for rule, score in self.rules.items()},
            question_means={q: number(mean) for q, mean in self.question_means.items()},
        )

    @classmethod
    def of(
        cls, source: str, date: str | None, overall: Score, rules: Iterable[ScoredRule]
    ) -> Earlier:
        """From scored rules: a fresh Result's or an earlier JSON report's."""
        rules = list(rules)
        return cls(
            source,
            date,
            overall,
            {rule.id: rule.score for rule in rules},
            {q: m for rule in rules for q, m in rule.question_means.items()},
        )


@dataclass(frozen=True)
class Change:
    id: str
    previous: Score
    current: Score
    delta: Score  # current - previous, or None if either is missing


@dataclass(frozen=True)
class Comparison:
    """The overall score and each rule's, then and now."""

    previous: Score
    current: Score
    delta: Score
    rules: tuple[Change, ...]


@dataclass(frozen=True)
class QuestionChange:
    question_id: str
    question: str
    previous: float
    current: float
    delta: float


@dataclass(frozen=True)
class History:
    """Earlier assessments, oldest first, and the questions that moved most since the last."""

    earlier: tuple[Earlier, ...]
    moved: tuple[QuestionChange, ...]


def _delta(scale: Scale, now: Score, before: Score) -> Score:
    return scale.round(now - before) if now is not None and before is not None else None


def compare(
    bank: Bank, result: Result, previous: Mapping[str, Score], previous_overall: Score
) -> Comparison:
    """The change per rule, and overall, since an earlier assessment."""
    scale = Scale.of(bank)
    changes = tuple(
        Change(
            rule.id,
            previous.get(rule.id),
            rule.score,
            _delta(scale, rule.score, previous.get(rule.id)),
        )
        for rule in result.rules
    )
    return Comparison(
        previous_overall, result.score, _delta(scale, result.score, previous_overall), changes
    )


def moved(bank: Bank, result: Result, last: Earlier, limit: int = 5) -> tuple[QuestionChange, ...]:
    """The `limit` questions whose means changed most since `last`, largest change first,
    ties in bank order."""
    scale = Scale.of(bank)
    texts = {q["id"]: q["text"] for rule in bank["rules"] for q in rule["questions"]}
    changes = []
    for rule in result.rules:
        for question_id, now in rule.question_means.items():
            before = last.question_means.get(question_id)
            if now is not None and before is not None and scale.round(now - before):
                changes.append(
                    QuestionChange(
                        question_id,
                        texts[question_id],
                        scale.round(before),
                        scale.round(now),
                        scale.round(now - before),
                    )
                )
    changes.sort(key=lambda change: -abs(change.delta))  # stable: bank order on ties
    return tuple(changes[:limit])


def history(
    bank: Bank, result: Result, earlier: Sequence[Earlier], limit: int = 5
) -> tuple[Comparison, History] | None:
    """The change since the last of the earlier assessments (oldest first), and the
    history of them all with what moved most since the last; None without any."""
    if not earlier:
        return None
    last = earlier[-1]
    comparison = compare(bank, result, last.rules, last.overall)
    return comparison, History(tuple(earlier), moved(bank, result, last, limit))
