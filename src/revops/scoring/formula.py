"""The scoring formula: pure functions from a question bank and respondents to immutable results.

docs/assets/revops-score.js mirrors it (Scale's methods are its Scorer's levelOf, levelName,
ruleScore and round; score_rule, role_gap and score keep their names); the shared cases in
tests/cases hold both to the same numbers. Rounding is half-up on the same floating-point
operations in both languages.

Counting and adding up a rule's answers is the one step that grows with the team, so `score`
takes it as an argument: `plain_tally` here defines it, and fast.py's byte-packed tally gives
the same results (the property tests in tests/test_scoring.py hold them equal) in a fraction
of the time for 100,000 respondents.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, chain
from operator import mul
from types import MappingProxyType
from typing import Any, NamedTuple, TypeGuard

from revops.answers.documents import Respondent, Responses
from revops.foundation.values import NOT_APPLICABLE, UNKNOWN, Value

SCORED, INSUFFICIENT = "scored", "insufficient"
NO_ROLE = "unspecified"

Bank = Mapping[str, Any]  # the question bank, as revops.bank.build.bank makes it
Question = Mapping[str, Any]  # one of a bank rule's questions: id, text, weight, options
Score = float | None


def round_half_up(value: float, decimals: int) -> float:
    factor: int = 10**decimals
    return math.floor(value * factor + 0.5) / factor


def question_mean(values: Sequence[Value]) -> Score:
    """The mean of the levels among the values; None when none is a level."""
    levels = [value for value in values if type(value) is int]
    return sum(levels) / len(levels) if levels else None


class Scale(NamedTuple):
    """What the formula reads from a bank: the levels in order, their names, the parameters."""

    levels: tuple[int, ...]
    names: Mapping[int, str]
    parameters: Mapping[str, Any]

    @classmethod
    def of(cls, bank: Bank) -> Scale:
        levels = bank["levels"]
        return cls(
            tuple(level["level"] for level in levels),
            {level["level"]: level["name"] for level in levels},
            bank["parameters"],
        )

    @property
    def values(self) -> tuple[Value, ...]:
        """Every value an answer can take: unanswered, the levels, n/a and unknown."""
        return (None, *self.levels, NOT_APPLICABLE, UNKNOWN)

    @property
    def evidence_from(self) -> int:
        """An answer at this level or above is a claim that evidence should back."""
        return int(self.parameters.get("evidence_from_level", 3))

    @property
    def cap(self) -> int | None:
        """The most an unevidenced claim counts as, when the parameters set it."""
        cap = self.parameters.get("unevidenced_cap")
        return None if cap is None else int(cap)

    def round(self, value: float) -> float:
        return round_half_up(value, self.parameters["decimals"])

    def level_of(self, score: Score) -> int | None:
        """The band a score falls in: the highest level whose number it reaches."""
        if score is None:
            return None
        return max((n for n in self.levels if score >= n), default=self.levels[0])

    def level_name(self, level: int | None) -> str | None:
        return self.names[level] if level is not None else None

    def is_claim(self, value: Value) -> TypeGuard[int]:
        return type(value) is int and value >= self.evidence_from

    def rule_score(
        self, questions: Sequence[Question], means: Sequence[Score], weighed: bool = True
    ) -> Score:
        """Weighted mean of the answered questions (the plain mean when not `weighed`), or
        None when too few are answered."""
        answered = [
            (q["weight"] if weighed else 1, m)
            for q, m in zip(questions, means, strict=True)
            if m is not None
        ]
        needed = self.parameters["min_answered_fraction"] * len(questions)
        if not questions or len(answered) < needed:
            return None
        return self.round(sum(w * m for w, m in answered) / sum(w for w, _ in answered))

    def column_mean(self, counts: Mapping[Value, int]) -> Score:
        """Mean level of one question's answers, from how often each value was given. The
        sum of whole numbers is exact, so this equals question_mean of the answers."""
        total = answered = 0
        for level in self.levels:
            if counts.get(level):
                total += level * counts[level]
                answered += counts[level]
        return total / answered if answered else None


class Roles(NamedTuple):
    """Row numbers per role, roles sorted; and the rows in that order with where each role's
    rows start and end. Found once per scoring run and handed to every rule."""

    groups: Mapping[str, tuple[int, ...]]
    order: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, respondents: Sequence[Respondent]) -> Roles:
        found: dict[str, list[int]] = {}
        for row, respondent in enumerate(respondents):
            found.setdefault(respondent.role or NO_ROLE, []).append(row)
        groups = {role: tuple(found[role]) for role in sorted(found)}
        ends = tuple(accumulate(map(len, groups.values())))
        order = tuple(chain.from_iterable(groups.values()))
        return cls(groups, order, (0, *ends[:-1]), ends)


class Tally(NamedTuple):
    """A rule's answers counted and added up: per question, how often each value was given;
    how far apart the respondents' own rule scores (of their answers alone) lie, as
    spread_of gives it; per role, the rule score of its respondents' answers. The last two
    are empty for a single respondent."""

    counts: tuple[Mapping[Value, int], ...]
    spread: Spread | None = None
    by_role: Mapping[str, Score] = MappingProxyType({})


# (scale, the rule's questions, each question's answers in respondent order, roles or None)
TallyRule = Callable[[Scale, Sequence[Question], Sequence[Sequence[Value]], Roles | None], Tally]


def plain_tally(
    scale: Scale,
    questions: Sequence[Question],
    columns: Sequence[Sequence[Value]],
    roles: Roles | None,
) -> Tally:
    """The tally as defined: each count, each respondent and each role taken one by one."""
    counts = tuple({value: column.count(value) for value in scale.values} for column in columns)
    if roles is None:
        return Tally(counts)
    rows = len(columns[0]) if columns else 0
    own = tuple(
        scale.rule_score(questions, [question_mean([column[row]]) for column in columns])
        for row in range(rows)
    )
    by_role = {
        role: scale.rule_score(
            questions, [question_mean([column[row] for row in group]) for column in columns]
        )
        for role, group in roles.groups.items()
    }
    return Tally(counts, spread_of(scale, own), by_role)


class Spread(NamedTuple):
    min: float
    max: float
    stdev: float
    respondents: int


class RoleScore(NamedTuple):
    role: str
    score: float


class RoleGap(NamedTuple):
    """The two functions whose scores for a rule lie furthest apart."""

    high: RoleScore
    low: RoleScore
    difference: float
    flagged: bool  # the misalignment gap or more


class EvidenceCount(NamedTuple):
    claims: int  # answers at evidence_from_level or above
    evidenced: int  # those of them that name their evidence


class RuleResult(NamedTuple):
    id: str
    title: str
    score: Score
    level: int | None
    level_name: str | None
    answered: int
    questions: int
    status: str
    not_applicable: int
    unknown: int
    unanswered: int
    question_means: Mapping[str, Score]
    spread: Spread | None = None
    misaligned: bool = False
    by_role: Mapping[str, Score] = MappingProxyType({})
    role_gap: RoleGap | None = None  # once two named functions have a score
    evidence: EvidenceCount = EvidenceCount(0, 0)
    unweighted: Score = None  # the plain mean, every weight taken as 1


class Result(NamedTuple):
    team: str | None
    date: str | None  # the latest date in the answers, as YYYY-MM-DD
    respondents: Responses
    score: Score
    level: int | None
    level_name: str | None
    coverage: float  # the share of questions with a score, rounded to two places
    rules: tuple[RuleResult, ...]


def weigh_evidence(
    scale: Scale,
    questions: Sequence[Question],
    columns: Sequence[Sequence[Value]],
    respondents: Responses,
) -> tuple[list[Sequence[Value]], EvidenceCount] | None:
    """The claims and those that name evidence, with each unevidenced claim capped when a
    cap is set; None when no answer names evidence and nothing is capped, as the claims can
    then be counted from the tally."""
    cap = scale.cap
    if not respondents.any_evidence and cap is None:
        return None
    claims = evidenced = 0
    weighed = []
    for question, column in zip(questions, columns, strict=True):
        marks = respondents.evidenced(question["id"])
        claimed = [scale.is_claim(value) for value in column]
        claims += sum(claimed)
        evidenced += sum(map(bool.__and__, claimed, marks))
        if cap is not None:
            column = [
                # a claimed value is an int (is_claim), which mypy cannot follow through zip
                min(value, cap) if claim and not mark else value  # type: ignore[type-var]
                for value, claim, mark in zip(column, claimed, marks, strict=True)
            ]
        weighed.append(column)
    return weighed, EvidenceCount(claims, evidenced)


def spread_of(scale: Scale, own_scores: Sequence[Score]) -> Spread | None:
    """How far the respondents' own scores lie apart; None for fewer than two scores."""
    scores = [s for s in own_scores if s is not None]
    if len(scores) < 2:
        return None
    mean = sum(scores) / len(scores)
    deviations = [s - mean for s in scores]
    stdev = math.sqrt(sum(map(mul, deviations, deviations)) / len(scores))
    return Spread(min(scores), max(scores), scale.round(stdev), len(scores))


def is_misaligned(scale: Scale, spread: Spread | None) -> bool:
    """Whether the respondents' own scores lie the misalignment gap or more apart."""
    return spread is not None and spread.max - spread.min >= scale.parameters["misaligned_gap"]


def role_gap(scale: Scale, by_role: Mapping[str, Score]) -> RoleGap | None:
    """The highest-scoring named function and the lowest-scoring other one (the first in
    role order on a tie), and whether they are a misalignment gap or more apart."""
    named = [
        (role, score) for role, score in by_role.items() if score is not None and role != NO_ROLE
    ]
    if len(named) < 2:
        return None
    high = named[0]
    for pair in named[1:]:
        high = pair if pair[1] > high[1] else high
    others = [pair for pair in named if pair[0] != high[0]]
    low = others[0]
    for pair in others[1:]:
        low = pair if pair[1] < low[1] else low
    difference = scale.round(high[1] - low[1])
    return RoleGap(
        RoleScore(*high),
        RoleScore(*low),
        difference,
        difference >= scale.parameters["misaligned_gap"],
    )


def score_rule(
    scale: Scale,
    rule: Mapping[str, Any],
    respondents: Responses,
    roles: Roles | None = None,
    tally: TallyRule = plain_tally,
) -> RuleResult:
    """One rule of the bank scored over the respondents (roles: Roles.of them, if known)."""
    questions = rule["questions"]
    columns = [respondents.column(q["id"]) for q in questions]
    weighed = weigh_evidence(scale, questions, columns, respondents)
    several = len(respondents) > 1
    if several and roles is None:
        roles = Roles.of(respondents)
    counted = tally(
        scale, questions, weighed[0] if weighed else columns, roles if several else None
    )
    if weighed is None:  # no evidence anywhere: the claims are in the counts
        claims = sum(
            c.get(n, 0) for c in counted.counts for n in scale.levels if n >= scale.evidence_from
        )
        evidence = EvidenceCount(claims, 0)
    else:
        evidence = weighed[1]
    means = [scale.column_mean(c) for c in counted.counts]
    score = scale.rule_score(questions, means)
    level = scale.level_of(score)
    spread = counted.spread if several else None
    return RuleResult(
        rule["id"],
        rule["title"],
        score,
        level,
        scale.level_name(level),
        answered=sum(m is not None for m in means),
        questions=len(questions),
        status=SCORED if score is not None else INSUFFICIENT,
        not_applicable=sum(c[NOT_APPLICABLE] for c in counted.counts),
        unknown=sum(c[UNKNOWN] for c in counted.counts),
        unanswered=sum(c[None] for c in counted.counts),
        question_means={q["id"]: m for q, m in zip(questions, means, strict=True)},
        spread=spread,
        misaligned=is_misaligned(scale, spread),
        by_role=counted.by_role,
        role_gap=role_gap(scale, counted.by_role) if several else None,
        evidence=evidence,
        unweighted=scale.rule_score(questions, means, weighed=False),
    )


def score(bank: Bank, respondents: Responses, tally: TallyRule = plain_tally) -> Result:
    """Every rule of the bank scored over the respondents, and the overall score."""
    scale = Scale.of(bank)
    roles = Roles.of(respondents) if len(respondents) > 1 else None
    rules = tuple(score_rule(scale, rule, respondents, roles, tally) for rule in bank["rules"])
    scored = [r.score for r in rules if r.score is not None]
    overall = scale.round(sum(scored) / len(scored)) if scored else None
    total = sum(r.questions for r in rules)
    coverage = round_half_up(sum(r.answered for r in rules) / total, 2) if total else 0.0
    level = scale.level_of(overall)
    teams = sorted({r.team for r in respondents if r.team})
    dates = sorted({r.date for r in respondents if r.date})
    return Result(
        ", ".join(teams) or None,
        dates[-1].isoformat() if dates else None,
        respondents,
        overall,
        level,
        scale.level_name(level),
        coverage,
        rules,
    )
