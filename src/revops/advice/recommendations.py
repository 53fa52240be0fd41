"""What to do next: the recommendations a scored assessment leads to, ordered by the company's
stage and motion guidance, each with its next level, weakest questions and the claims to check
first. A part of scoring.Scorer (which has the bank, levels and parameters it reads), kept
apart to keep each file readable; docs/assets/revops-score.js mirrors it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from revops.bank.profile import KINDS

if TYPE_CHECKING:
    from revops.answers.documents import Responses
    from revops.scoring.formula import RuleResult


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
    steps: list[tuple[str, str]]  # (title, site path)
    path: str
    unevidenced: dict = field(default_factory=dict)  # {count, claims}: answers without proof
    reason: str = ""  # why it is here, and in this place
    later: bool = False  # the company's stage or motion guidance says this can wait
    guidance: str | None = None  # site path of that guidance


class Advice:
    """Recommendations, for scoring.Scorer."""

    def focus(self, profile: dict | None) -> tuple[dict, dict]:
        """What the guidance for the company's stage, then its motion, puts first and
        postpones: rule id -> (entry, guide) for each. The first guide to name a rule decides."""
        first: dict[str, tuple] = {}
        later: dict[str, tuple] = {}
        guides = self.bank.get("profiles") or {}
        for key, kind in KINDS:
            chosen = (profile or {}).get(key)
            for guide in guides.get(kind, []):
                if guide["id"] == chosen:
                    for rule_id, entry in guide["foundations"].items():
                        first.setdefault(rule_id, (entry, guide))
                    for rule_id, entry in guide["later"].items():
                        later.setdefault(rule_id, (entry, guide))
        return first, later

    def recommend(
        self, rules: list[RuleResult], top: int, profile: dict | None = None
    ) -> list[Recommendation]:
        """The rules below the top level: the company's foundations first (while their advice
        aims no higher than the foundation's until_level), then the lowest scores, and advice
        its guidance postpones last (ties keep the playbook's order)."""
        first, later = self.focus(profile)

        def leads(result: RuleResult) -> bool:
            if result.id not in first:
                return False
            until = first[result.id][0]["until_level"]
            return until is None or result.level + 1 <= until

        def waits(result: RuleResult) -> bool:
            return (
                result.id in later
                and result.id not in first
                and result.level + 1 >= later[result.id][0]["from_level"]
            )

        top_level = self.levels[-1]
        candidates = [r for r in rules if r.score is not None and r.level < top_level]
        candidates.sort(key=lambda r: (waits(r), not leads(r), r.score))  # stable
        chosen = []
        for result in candidates[:top]:
            recommendation = self._recommendation(result)
            if waits(result):
                entry, guide = later[result.id]
                recommendation = replace(
                    recommendation,
                    later=True,
                    guidance=guide["path"],
                    reason=f"Later for {guide['name'].lower()} companies: {entry['reason']}",
                )
            elif leads(result):
                entry, guide = first[result.id]
                recommendation = replace(
                    recommendation,
                    guidance=guide["path"],
                    reason=f"First for {guide['name'].lower()} companies: {entry['reason']}",
                )
            chosen.append(recommendation)
        return chosen

    def _recommendation(self, result: RuleResult) -> Recommendation:
        rule = self._rules[result.id]
        next_level = result.level + 1
        top = self.levels[-1]
        weakest = sorted(
            (
                (m, i, q)
                for i, q in enumerate(rule["questions"])
                if (m := result.question_means[q["id"]]) is not None and m < top
            ),
            key=lambda item: (item[0], item[1]),
        )[:2]
        actions = [
            Action(q["id"], q["text"], m, q["options"][str(min(math.floor(m) + 1, top))])
            for m, _, q in weakest
        ]
        return Recommendation(
            rule["id"],
            rule["title"],
            result.score,
            result.level,
            next_level,
            self.level_name(next_level),
            rule["maturity"][str(next_level)],
            result.misaligned,
            actions,
            [(p["name"], p["path"]) for p in rule["practices"]],
            [(s["title"], s["path"]) for s in rule["steps"]],
            rule["path"],
            reason=f"Among your lowest scores ({result.score:.2f}).",
        )

    def unevidenced(self, result: RuleResult, respondents: Responses, limit: int = 10) -> dict:
        """The answers of a rule at evidence_from_level or above that name no evidence: how
        many, and the first `limit` of them (question, respondent, level as given)."""
        claims: list[dict] = []
        any_evidence = respondents.any_evidence
        for question in self._rules[result.id]["questions"]:
            if len(claims) == limit:
                break
            marks = respondents.evidenced(question["id"]) if any_evidence else None
            for row, value in enumerate(respondents.column(question["id"])):
                if self._claim(value) and not (marks and marks[row]):
                    person = respondents[row].name or f"respondent {row + 1}"
                    claims.append(
                        {"question_id": question["id"], "respondent": person, "level": value}
                    )
                    if len(claims) == limit:
                        break
        count = result.evidence["claims"] - result.evidence["evidenced"]
        return {"count": count, "claims": claims}
