"""The worked example's figures, scored from its answer files whenever the site is built."""

from __future__ import annotations

from dataclasses import dataclass

from revops.api import assess
from revops.bank.build import bank
from revops.content.playbook import Playbook
from revops.reports.model import Report, RespondentReport, RuleReport


@dataclass(frozen=True)
class Scored:
    """One assessment of the example team, as the worked-example page reads it."""

    team: str | None
    date: str | None
    respondents: list[RespondentReport]
    score: float | None
    level: int | None
    level_name: str | None
    rules: list[RuleReport]
    advice: list[str]  # rule ids the report recommends, in its order for the stage and motion

    @classmethod
    def of(cls, report: Report) -> Scored:
        overall = report.overall
        return cls(
            report.team,
            report.date,
            report.respondents,
            overall.score,
            overall.level,
            overall.level_name,
            report.rules,
            [r.rule for r in report.recommendations],
        )


@dataclass(frozen=True)
class ExampleScores:
    start: Scored
    later: Scored | None
    decimals: int

    def lowest(self, count: int = 3) -> list[RuleReport]:
        """The weakest rules at the start, which the report's advice weighs with the stage."""
        scored = [r for r in self.start.rules if r.score is not None]
        return sorted(scored, key=lambda r: r.score or 0.0)[:count]

    def change(self, rule_id: str) -> float | None:
        if self.later is None:
            return None
        before = next(r for r in self.start.rules if r.id == rule_id).score
        after = next(r for r in self.later.rules if r.id == rule_id).score
        if before is None or after is None:
            return None
        return round(after - before, self.decimals)


def example_scores(playbook: Playbook) -> ExampleScores:
    example = playbook.reference.worked_example
    questions = bank(playbook)

    def score(name: str) -> Scored:
        files = [playbook.root / name]
        return Scored.of(assess(questions, files, stage=example.stage, motion=example.motion))

    later = score(example.later) if example.later else None
    return ExampleScores(score(example.answers), later, playbook.scoring.decimals)
