"""The reference part of the playbook: metric catalogue, operating rhythm, team design,
stages and motions, domains, tech stack, anti-patterns, the worked example and the planning
model's inputs. Every id that points across files is checked in reference_checks.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from revops.content import planning_schema as planning
from revops.content import reference_schema as ref
from revops.content import worked_example_schema as example

# Reference attribute -> the kind of file it is read from (kinds.CONTENT_FILES).
REFERENCE_PARTS = {
    "rhythm": "operating-rhythm",
    "team": "team",
    "stages": "stages",
    "domains": "domains",
    "tech_stack": "tech-stack",
    "anti_patterns": "anti-patterns",
    "worked_example": "worked-example",
    "planning": "planning-model",
}


@dataclass(frozen=True)
class Reference:
    metrics: dict[str, ref.Metric]  # id -> metric, in file order
    metric_places: dict[str, tuple[str, int]]  # id -> (its file, its index in that file)
    rhythm: ref.Rhythm
    team: ref.Team
    stages: ref.Stages
    domains: ref.Domains
    tech_stack: ref.TechStack
    anti_patterns: ref.AntiPatterns
    worked_example: example.WorkedExample
    planning: planning.PlanningModel  # inputs only; content/planning.py computes the plan

    @cached_property
    def forums(self) -> dict[str, ref.Forum]:
        return {forum.id: forum for forum in self.rhythm.forums}

    def stage(self, stage_id: str) -> ref.Stage:
        return next(s for s in self.stages.stages if s.id == stage_id)

    def motion(self, motion_id: str) -> ref.Guidance:
        return next(m for m in self.stages.motions if m.id == motion_id)

    def function(self, function_id: str) -> ref.TeamFunction:
        return next(f for f in self.team.functions if f.id == function_id)

    def system(self, system_id: str) -> ref.SystemCategory:
        return next(c for c in self.tech_stack.categories if c.id == system_id)

    def data_kind(self, data_id: str) -> ref.DataKind:
        return next(d for d in self.tech_stack.data if d.id == data_id)

    def system_of_record(self, data_id: str) -> ref.SystemCategory:
        return next(c for c in self.tech_stack.categories if data_id in c.record_for)

    def metrics_by_owner(
        self, group: str | None = None
    ) -> list[tuple[ref.TeamFunction, list[ref.Metric]]]:
        """Each function with the metrics it owns, of one group (metric_schema.MetricGroup)
        or of all."""
        return [
            (
                function,
                [
                    m
                    for m in self.metrics.values()
                    if m.owner == function.id and group in (None, m.group)
                ],
            )
            for function in self.team.functions
        ]

    def metrics_in_group(self, group: str) -> list[ref.Metric]:
        return [m for m in self.metrics.values() if m.group == group]


def metric_users(metric_id: str, rules: list, steps: list, reference: Reference) -> dict[str, list]:
    """Everything that reads a metric, by kind: the links on its catalogue entry."""
    return {
        "rules": [
            r
            for r in rules
            if metric_id in r.metrics or any(metric_id in p.metrics for p in r.practices)
        ],
        "forums": [f for f in reference.rhythm.forums if metric_id in f.metrics],
        "steps": [s for s in steps if metric_id in s.metrics],
        "domains": [d for d in reference.domains.domains if metric_id in d.metrics],
        "stages": [
            g
            for g in (*reference.stages.stages, *reference.stages.motions)
            if metric_id in g.metrics
        ],
    }
