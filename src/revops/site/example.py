"""The worked example's figures, scored from its answer files whenever the site is built."""

from __future__ import annotations

from dataclasses import dataclass

from revops.answers.documents import load_answer_files
from revops.content.playbook import Playbook
from revops.scoring.formula import Result, RuleResult, Scorer


@dataclass(frozen=True)
class ExampleScores:
    start: Result
    later: Result | None
    decimals: int

    def lowest(self, count: int = 3) -> list[RuleResult]:
        """The weakest rules at the start: where the first phase of the plan should go."""
        scored = [r for r in self.start.rules if r.score is not None]
        return sorted(scored, key=lambda r: r.score)[:count]

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
    scorer = Scorer(playbook)

    def score(name: str) -> Result:
        return scorer.score(load_answer_files([playbook.root / name], playbook))

    later = score(example.later) if example.later else None
    return ExampleScores(score(example.answers), later, playbook.scoring.decimals)
