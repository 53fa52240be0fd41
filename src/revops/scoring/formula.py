"""The scoring formula: pure functions from the question bank and answers to plain results.

Everything here is mirrored by docs/assets/revops-score.js, which reads the same bank; the
shared cases in tests/cases check both give the same numbers. Rounding is half-up on the same
floating-point operations in both languages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from itertools import accumulate
from operator import mul, sub

from revops.advice.recommendations import Advice, Recommendation
from revops.answers.documents import Respondent, Responses
from revops.answers.readings import rule_readings
from revops.foundation.values import NOT_APPLICABLE, UNKNOWN
from revops.scoring.tally import Coder, column_sums, fits

SCORED, INSUFFICIENT = "scored", "insufficient"
NO_ROLE = "unspecified"


def round_half_up(value: float, decimals: int) -> float:
    factor = 10**decimals
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
    role_gap: dict | None = None  # the two functions furthest apart, once two have a score
    evidence: dict = field(default_factory=lambda: {"claims": 0, "evidenced": 0})
    readings: list[dict] = field(default_factory=list)  # {metric, value, suggests}
    readings_level: int | None = None  # the lowest level the rule's readings suggest
    calibration_gap: int | None = None  # level minus readings_level
    miscalibrated: bool = False  # rated miscalibrated_gap or more above the readings


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
    profile: dict = field(default_factory=lambda: {"stage": None, "motion": None})
    readings: dict = field(default_factory=dict)  # metric id -> the company's reading
    history: list[dict] = field(default_factory=list)  # earlier assessments, oldest first
    moved: list[dict] = field(default_factory=list)  # questions that moved most since the last


class Scorer(Advice):
    """Scores answers against one question bank (bank.bank(playbook), or its cached JSON)."""

    def __init__(self, source):
        if not isinstance(source, dict):  # a Playbook: its bank holds all scoring needs
            from revops.bank.build import bank

            source = bank(source)
        self.bank = source
        self.params = source["parameters"]
        self.levels = [level["level"] for level in source["levels"]]
        self._names = {level["level"]: level["name"] for level in source["levels"]}
        self._rules = {rule["id"]: rule for rule in source["rules"]}
        self.coder = Coder(self.levels)
        # An answer at this level or above is a claim that evidence should back; without
        # evidence it counts as unevidenced_cap at most, when that is set.
        self.evidence_from = self.params.get("evidence_from_level", 3)
        self.cap = self.params.get("unevidenced_cap")

    def round(self, value: float) -> float:
        return round_half_up(value, self.params["decimals"])

    def level_of(self, score: float | None) -> int | None:
        """The band a score falls in: the highest level whose number it reaches."""
        if score is None:
            return None
        return max((n for n in self.levels if score >= n), default=self.levels[0])

    def level_name(self, level: int | None) -> str | None:
        return self._names[level] if level is not None else None

    def rule_score(self, questions: list[dict], means: list[float | None]) -> float | None:
        """Weighted mean of the answered questions, or None when too few are answered."""
        answered = [
            (q["weight"], m) for q, m in zip(questions, means, strict=True) if m is not None
        ]
        if not questions or len(answered) < self.params["min_answered_fraction"] * len(questions):
            return None
        return self.round(sum(w * m for w, m in answered) / sum(w for w, _ in answered))

    def column_mean(self, counts: dict) -> float | None:
        """Mean level of one question's answers, from how often each value was given. The
        sum of whole numbers is exact, so this equals adding them one by one."""
        total = answered = 0
        for level in self.levels:
            if counts.get(level):
                total += level * counts[level]
                answered += counts[level]
        return total / answered if answered else None

    def score_rule(self, rule: dict, respondents: list[Respondent]) -> RuleResult:
        if not isinstance(respondents, Responses):
            respondents = Responses(respondents)
        questions = rule["questions"]
        columns = [respondents.column(q["id"]) for q in questions]
        claims = evidenced = 0
        read_one_by_one = respondents.any_evidence or self.cap is not None
        if read_one_by_one:
            for index, question in enumerate(questions):
                marks = respondents.evidenced(question["id"])
                claimed = [self._claim(value) for value in columns[index]]
                claims += sum(claimed)
                evidenced += sum(map(bool.__and__, claimed, marks))
                if self.cap is not None:
                    columns[index] = [
                        min(value, self.cap) if claim and not mark else value
                        for value, claim, mark in zip(columns[index], claimed, marks, strict=True)
                    ]
        coded = [self.coder.encode(column) for column in columns]
        counts = [self.coder.counts(codes) for codes in coded]
        if not read_one_by_one:  # no evidence anywhere: the claims are in the counts
            claims = sum(
                c.get(level, 0)
                for c in counts
                for level in self.levels
                if level >= self.evidence_from
            )
        means = [self.column_mean(c) for c in counts]
        score = self.rule_score(questions, means)
        level = self.level_of(score)
        result = RuleResult(
            rule["id"],
            rule["title"],
            score,
            level,
            self.level_name(level),
            answered=sum(m is not None for m in means),
            questions=len(questions),
            status=SCORED if score is not None else INSUFFICIENT,
            not_applicable=sum(c[NOT_APPLICABLE] for c in counts),
            unknown=sum(c[UNKNOWN] for c in counts),
            unanswered=sum(c[None] for c in counts),
            question_means={q["id"]: m for q, m in zip(questions, means, strict=True)},
            evidence={"claims": claims, "evidenced": evidenced},
        )
        if len(respondents) > 1:
            self._add_spread(result, questions, respondents, coded)
        return result

    def _claim(self, value) -> bool:
        return type(value) is int and value >= self.evidence_from

    def own_scores(self, questions: list[dict], coded: list[bytes]) -> list[float | None]:
        """Each respondent's rule score: rule_score on single answers. It runs for every
        respondent and rule, so the sums are taken a byte per respondent (tally.py) and
        each distinct (points, weights, answered) is scored once."""
        top = max(self.levels)
        weights = [q["weight"] for q in questions]
        if not fits([w * top for w in weights]):  # a rule too large to add a byte each
            return self._own_scores_one_by_one(questions, coded)
        table = self.coder.table
        sums = zip(
            column_sums(coded, [table(lambda lv, w=w: w * lv) for w in weights]),
            column_sums(coded, [table(lambda lv, w=w: w) for w in weights]),
            column_sums(coded, [table(lambda lv: 1) for _ in weights]),
            strict=True,
        )
        sums = list(sums)
        scores = {key: self._own_score(*key, len(questions)) for key in set(sums)}
        return list(map(scores.__getitem__, sums))

    def _own_scores_one_by_one(self, questions: list[dict], coded: list[bytes]):
        levels = {code: level for level, code in self.coder.code.items() if isinstance(level, int)}
        result = []
        for row in zip(*coded, strict=True):
            points = weights = answered = 0
            for question, code in zip(questions, row, strict=True):
                if code in levels:
                    points += question["weight"] * levels[code]
                    weights += question["weight"]
                    answered += 1
            result.append(self._own_score(points, weights, answered, len(questions)))
        return result

    def _own_score(self, points: int, weights: int, answered: int, questions: int):
        if not answered or answered < self.params["min_answered_fraction"] * questions:
            return None
        factor = 10 ** self.params["decimals"]
        return math.floor(points / weights * factor + 0.5) / factor  # as round(), exactly

    def _add_spread(
        self, result: RuleResult, questions: list[dict], respondents: Responses, coded: list[bytes]
    ) -> None:
        scores = [s for s in self.own_scores(questions, coded) if s is not None]
        if len(scores) >= 2:
            mean = sum(scores) / len(scores)
            deviations = [s - mean for s in scores]
            stdev = math.sqrt(sum(map(mul, deviations, deviations)) / len(scores))
            result.spread = Spread(min(scores), max(scores), self.round(stdev), len(scores))
            result.misaligned = max(scores) - min(scores) >= self.params["misaligned_gap"]
        result.by_role = self._by_role(questions, respondents, coded)
        result.role_gap = self.role_gap(result.by_role)

    def _by_role(
        self, questions: list[dict], respondents: Responses, coded: list[bytes]
    ) -> dict[str, float | None]:
        """The rule's score per role. A file may give every respondent a role of their own,
        so the sums per role come from running totals over the rows sorted by role, taken
        in C, and each distinct set of sums is scored once (as own_scores does)."""
        roles = self._roles(respondents)
        order, starts, ends = self._role_order(respondents)
        levels = self.coder.table(lambda level: level)
        answered = self.coder.table(lambda level: 1)
        sums = []
        for codes in coded:
            grouped = bytes(map(codes.__getitem__, order))
            for table in (levels, answered):
                totals = list(accumulate(grouped.translate(table), initial=0))
                sums.append(
                    list(map(sub, map(totals.__getitem__, ends), map(totals.__getitem__, starts)))
                )
        keys = list(zip(*sums, strict=True)) if sums else [()] * len(roles)
        scores = {
            key: self.rule_score(
                questions,
                [
                    total / count if count else None
                    for total, count in zip(key[::2], key[1::2], strict=True)
                ],
            )
            for key in set(keys)
        }
        return dict(zip(roles, map(scores.__getitem__, keys), strict=True))

    def role_gap(self, by_role: dict[str, float | None]) -> dict | None:
        """The highest-scoring named function and the lowest-scoring other one (the first in
        role order on a tie), and whether they are a misalignment gap or more apart."""
        named = [
            (role, score)
            for role, score in by_role.items()
            if score is not None and role != NO_ROLE
        ]
        if len(named) < 2:
            return None
        high = named[0]
        for role, score in named[1:]:
            high = (role, score) if score > high[1] else high
        others = [pair for pair in named if pair[0] != high[0]]
        low = others[0]
        for role, score in others[1:]:
            low = (role, score) if score < low[1] else low
        difference = self.round(high[1] - low[1])
        return {
            "high": {"role": high[0], "score": high[1]},
            "low": {"role": low[0], "score": low[1]},
            "difference": difference,
            "flagged": difference >= self.params["misaligned_gap"],
        }

    def _role_order(self, respondents: Responses) -> tuple[list[int], list[int], list[int]]:
        """The rows grouped by role in role order, and where each role's rows start and end
        in that order (computed once per scoring run)."""
        cached = getattr(respondents, "_role_order", None)
        if cached is None:
            groups = self._roles(respondents).values()
            ends = list(accumulate(map(len, groups)))
            cached = ([row for rows in groups for row in rows], [0, *ends[:-1]], ends)
            respondents._role_order = cached
        return cached

    @staticmethod
    def _roles(respondents: Responses) -> dict[str, list[int]]:
        """Row numbers per role, roles sorted (computed once per scoring run)."""
        cached = getattr(respondents, "_roles", None)
        if cached is None:
            groups: dict[str, list[int]] = {}
            for row, respondent in enumerate(respondents):
                groups.setdefault(respondent.role or NO_ROLE, []).append(row)
            cached = {role: groups[role] for role in sorted(groups)}
            respondents._roles = cached
        return cached

    def score(
        self,
        respondents: list[Respondent],
        top: int = 3,
        profile: dict | None = None,
        readings: dict | None = None,
    ) -> Result:
        if not isinstance(respondents, Responses):
            respondents = Responses(respondents)
        rules = [self.score_rule(rule, respondents) for rule in self.bank["rules"]]
        for result in rules:
            self.calibrate(result, readings or {})
        scored = [r.score for r in rules if r.score is not None]
        overall = self.round(sum(scored) / len(scored)) if scored else None
        total = sum(r.questions for r in rules)
        coverage = round_half_up(sum(r.answered for r in rules) / total, 2) if total else 0.0
        level = self.level_of(overall)
        teams = sorted({r.team for r in respondents if r.team})
        dates = sorted({r.date for r in respondents if r.date})
        profile = {"stage": None, "motion": None, **(profile or {})}
        by_id = {rule.id: rule for rule in rules}
        return Result(
            ", ".join(teams) or None,
            dates[-1].isoformat() if dates else None,
            respondents,
            overall,
            level,
            self.level_name(level),
            coverage,
            rules,
            [
                replace(rec, unevidenced=self.unevidenced(by_id[rec.rule_id], respondents))
                for rec in self.recommend(rules, top, profile)
            ],
            profile=profile,
            readings=dict(readings or {}),
        )

    def calibrate(self, result: RuleResult, readings: dict[str, float]) -> None:
        """Set the level the rule's metric readings suggest beside the level it was rated."""
        result.readings = rule_readings(result.id, readings, self.bank.get("readings") or {})
        if not result.readings:
            return
        result.readings_level = min(reading["suggests"] for reading in result.readings)
        if result.level is not None:
            result.calibration_gap = result.level - result.readings_level
            result.miscalibrated = result.calibration_gap >= self.params.get("miscalibrated_gap", 2)

    def add_history(self, result: Result, earlier: list, moved: int = 5) -> Result:
        """Attach earlier assessments (oldest first, as previous.Earlier), the change since
        the last of them, and the `moved` questions whose means changed most since then."""
        if not earlier:
            return result
        result.history = [
            {"date": item.date, "overall": item.overall, "rules": item.rules} for item in earlier
        ]
        last = earlier[-1]
        self.compare(result, last.rules, last.overall)
        texts = {q["id"]: q["text"] for rule in self.bank["rules"] for q in rule["questions"]}
        changes = []
        for rule in result.rules:
            for question_id, now in rule.question_means.items():
                before = last.question_means.get(question_id)
                if now is not None and before is not None and self.round(now - before):
                    changes.append(
                        {
                            "question_id": question_id,
                            "question": texts[question_id],
                            "previous": self.round(before),
                            "current": self.round(now),
                            "delta": self.round(now - before),
                        }
                    )
        changes.sort(key=lambda change: -abs(change["delta"]))  # stable: bank order on ties
        result.moved = changes[:moved]
        return result

    def compare(
        self, result: Result, previous: dict[str, float | None], previous_overall: float | None
    ) -> Result:
        """Attach the change per rule since an earlier assessment."""
        changes = []
        for rule in result.rules:
            before = previous.get(rule.id)
            delta = (
                self.round(rule.score - before)
                if rule.score is not None and before is not None
                else None
            )
            changes.append(Change(rule.id, before, rule.score, delta))
        result.comparison = changes
        result.previous_overall = previous_overall
        if result.score is not None and previous_overall is not None:
            result.overall_delta = self.round(result.score - previous_overall)
        return result
