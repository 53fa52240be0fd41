"""The scoring formula: pure functions from the content model and answers to plain results.

Everything here is mirrored by docs/assets/assessment.js; tests check both give the same
numbers. Rounding is half-up on the same floating-point operations in both languages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .addresses import practice_path, rule_path, step_path
from .answers import NOT_APPLICABLE, UNKNOWN, Respondent, Value
from .content import Playbook
from .schema import Question, Rule

SCORED, INSUFFICIENT = "scored", "insufficient"
NO_ROLE = "unspecified"


def round_half_up(value: float, decimals: int) -> float:
    factor = 10 ** decimals
    return math.floor(value * factor + 0.5) / factor


@dataclass(frozen=True)
class Spread:
    min: float
    max: float
    stdev: float
    respondents: int


@dataclass
class RuleResult:
    id: str
    title: str
    score: float | None
    level: int | None
    level_name: str | None
    answered: int
    questions: int
    status: str
    not_applicable: int
    unknown: int
    unanswered: int
    question_means: dict[str, float | None]
    spread: Spread | None = None
    misaligned: bool = False
    by_role: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Action:
    question_id: str
    question: str
    current: float
    next_option: str


@dataclass(frozen=True)
class Recommendation:
    rule_id: str
    title: str
    score: float
    level: int
    next_level: int
    next_level_name: str
    next_level_description: str
    misaligned: bool
    actions: list[Action]
    practices: list[tuple[str, str]]  # (name, site path)
    steps: list[tuple[str, str]]      # (title, site path)
    path: str


@dataclass(frozen=True)
class Change:
    id: str
    previous: float | None
    current: float | None
    delta: float | None


@dataclass
class Result:
    team: str | None
    date: str | None
    respondents: list[Respondent]
    score: float | None
    level: int | None
    level_name: str | None
    coverage: float
    rules: list[RuleResult]
    recommendations: list[Recommendation]
    comparison: list[Change] | None = None
    previous_overall: float | None = None
    overall_delta: float | None = None


class Scorer:
    """Scores answers against one content model."""

    def __init__(self, playbook: Playbook):
        self.playbook = playbook
        self.params = playbook.scoring
        self.levels = [level.level for level in playbook.levels]

    def round(self, value: float) -> float:
        return round_half_up(value, self.params.decimals)

    def level_of(self, score: float | None) -> int | None:
        """The band a score falls in: the highest level whose number it reaches."""
        if score is None:
            return None
        return max((n for n in self.levels if score >= n), default=self.levels[0])

    def level_name(self, level: int | None) -> str | None:
        return self.playbook.level(level).name if level is not None else None

    def rule_score(self, questions: list[Question], means: list[float | None]) -> float | None:
        """Weighted mean of the answered questions, or None when too few are answered."""
        answered = [(q.weight, m) for q, m in zip(questions, means, strict=True) if m is not None]
        if not questions or len(answered) < self.params.min_answered_fraction * len(questions):
            return None
        return self.round(sum(w * m for w, m in answered) / sum(w for w, _ in answered))

    @staticmethod
    def question_mean(values: list[Value]) -> float | None:
        levels = [v for v in values if v.__class__ is int]  # bools never get here
        return sum(levels) / len(levels) if levels else None

    def score_rule(self, rule: Rule, respondents: list[Respondent]) -> RuleResult:
        questions = self.playbook.questions[rule.id]
        ids = [q.id for q in questions]
        rows = [tuple(map(r.answers.get, ids)) for r in respondents]  # map: a loop in C
        by_question = [list(column) for column in zip(*rows, strict=True)] if rows else [
            [] for _ in questions]
        means = [self.question_mean(values) for values in by_question]
        score = self.rule_score(questions, means)
        level = self.level_of(score)
        flat = [v for values in by_question for v in values]
        result = RuleResult(
            rule.id, rule.title, score, level, self.level_name(level),
            answered=sum(m is not None for m in means), questions=len(questions),
            status=SCORED if score is not None else INSUFFICIENT,
            not_applicable=flat.count(NOT_APPLICABLE), unknown=flat.count(UNKNOWN),
            unanswered=flat.count(None),
            question_means={q.id: m for q, m in zip(questions, means, strict=True)})
        if len(respondents) > 1:
            self._add_spread(result, questions, respondents, rows)
        return result

    def own_scores(self, questions: list[Question], rows: list[tuple[Value, ...]]):
        """Each respondent's rule score: rule_score on single answers, in one tight loop
        (it runs once per respondent and rule)."""
        weights = [q.weight for q in questions]
        needed = self.params.min_answered_fraction * len(questions)
        scores: list[float | None] = []
        for row in rows:
            total = weight_sum = answered = 0
            for weight, value in zip(weights, row, strict=True):
                if value.__class__ is int:
                    total += weight * value
                    weight_sum += weight
                    answered += 1
            scores.append(self.round(total / weight_sum) if answered and answered >= needed
                          else None)
        return scores

    def _add_spread(self, result: RuleResult, questions: list[Question],
                    respondents: list[Respondent], rows: list[tuple[Value, ...]]) -> None:
        scores = [s for s in self.own_scores(questions, rows) if s is not None]
        if len(scores) >= 2:
            mean = sum(scores) / len(scores)
            stdev = math.sqrt(sum((s - mean) * (s - mean) for s in scores) / len(scores))
            result.spread = Spread(min(scores), max(scores), self.round(stdev), len(scores))
            result.misaligned = max(scores) - min(scores) >= self.params.misaligned_gap
        roles: dict[str, list[tuple[Value, ...]]] = {}
        for respondent, row in zip(respondents, rows, strict=True):
            roles.setdefault(respondent.role or NO_ROLE, []).append(row)
        for role in sorted(roles):
            columns = list(zip(*roles[role], strict=True))
            result.by_role[role] = self.rule_score(
                questions, [self.question_mean(list(column)) for column in columns])

    def score(self, respondents: list[Respondent], top: int = 3) -> Result:
        rules = [self.score_rule(rule, respondents) for rule in self.playbook.rules]
        scored = [r.score for r in rules if r.score is not None]
        overall = self.round(sum(scored) / len(scored)) if scored else None
        total = sum(r.questions for r in rules)
        coverage = round_half_up(sum(r.answered for r in rules) / total, 2) if total else 0.0
        level = self.level_of(overall)
        teams = sorted({r.team for r in respondents if r.team})
        dates = sorted({r.date for r in respondents if r.date})
        return Result(", ".join(teams) or None, dates[-1].isoformat() if dates else None,
                      respondents, overall, level, self.level_name(level), coverage, rules,
                      self.recommend(rules, top))

    def recommend(self, rules: list[RuleResult], top: int) -> list[Recommendation]:
        """The lowest-scoring rules first, each with the way to its next level."""
        top_level = self.levels[-1]
        candidates = [r for r in rules if r.score is not None and r.level < top_level]
        candidates.sort(key=lambda r: r.score)  # stable: ties keep the playbook's order
        return [self._recommendation(r) for r in candidates[:top]]

    def _recommendation(self, result: RuleResult) -> Recommendation:
        rule = self.playbook.rule(result.id)
        next_level = result.level + 1
        top = self.levels[-1]
        questions = self.playbook.questions[rule.id]
        weakest = sorted(((m, i, q) for i, q in enumerate(questions)
                          if (m := result.question_means[q.id]) is not None and m < top),
                         key=lambda item: (item[0], item[1]))[:2]
        actions = [Action(q.id, q.text, m, q.options[min(math.floor(m) + 1, top)])
                   for m, _, q in weakest]
        return Recommendation(
            rule.id, rule.title, result.score, result.level, next_level,
            self.playbook.level(next_level).name, rule.maturity[next_level], result.misaligned,
            actions,
            [(p.name, practice_path(rule.id, p.name)) for p in rule.practices],
            [(s.title, step_path(s.id)) for s in self.playbook.steps_advancing(rule.id)],
            rule_path(rule.id))

    def compare(self, result: Result, previous: dict[str, float | None],
                previous_overall: float | None) -> Result:
        """Attach the change per rule since an earlier assessment."""
        changes = []
        for rule in result.rules:
            before = previous.get(rule.id)
            delta = (self.round(rule.score - before)
                     if rule.score is not None and before is not None else None)
            changes.append(Change(rule.id, before, rule.score, delta))
        result.comparison = changes
        result.previous_overall = previous_overall
        if result.score is not None and previous_overall is not None:
            result.overall_delta = self.round(result.score - previous_overall)
        return result

