"""Every kind of content file: where it lives, its typed model and the JSON Schema generated
from it."""

from __future__ import annotations

import re
from typing import NamedTuple

from revops.content import planning_schema as planning
from revops.content import reference_schema as ref
from revops.content import schema
from revops.content import worked_example_schema as example
from revops.foundation.ids import ID_BODY

# File kind -> model; schemas/<kind>.schema.json is generated from each.
SCHEMAS: dict[str, type[schema.Strict]] = {
    "rule": schema.Rule,
    "steps": schema.Roadmap,
    "revops": schema.RevOps,
    "operating-model": schema.OperatingModel,
    "levels": schema.Levels,
    "questions": schema.QuestionFile,
    "scoring": schema.Scoring,
    "metrics": ref.MetricFile,
    "operating-rhythm": ref.Rhythm,
    "team": ref.Team,
    "stages": ref.Stages,
    "domains": ref.Domains,
    "tech-stack": ref.TechStack,
    "anti-patterns": ref.AntiPatterns,
    "worked-example": example.WorkedExample,
    "planning-model": planning.PlanningModel,
}

RULE_FILE = re.compile(rf"^(\d\d)-({ID_BODY})\.yaml$")  # NN-<id>.yaml


class Files(NamedTuple):
    """Where the files of one kind live: one path, or a pattern for a folder of them."""

    kind: str  # a key of SCHEMAS
    pattern: str  # relative to the project root; with a '*', every file that matches
    named: re.Pattern | None = None  # a folder's files must be named so; others are not read
    at_least_one: str = ""  # the problem when a folder holds no file at all

    @property
    def folder(self) -> str:
        return self.pattern.rpartition("/")[0]

    @property
    def many(self) -> bool:
        return "*" in self.pattern


# Every content file, in the order they are read.
CONTENT_FILES: tuple[Files, ...] = (
    Files("levels", "assessment/levels.yaml"),
    Files("scoring", "assessment/scoring.yaml"),
    Files("steps", "playbook/steps.yaml"),
    Files("revops", "playbook/revops.yaml"),
    Files("operating-model", "playbook/operating-model.yaml"),
    Files(
        "rule",
        "playbook/rules/*.y*ml",
        named=RULE_FILE,
        at_least_one="no rule files found; add playbook/rules/NN-<id>.yaml",
    ),
    Files("questions", "assessment/questions/*.y*ml"),
    Files(
        "metrics",
        "playbook/metrics/*.y*ml",
        at_least_one="no metric files found; add playbook/metrics/<group>.yaml",
    ),
    Files("operating-rhythm", "playbook/operating-rhythm.yaml"),
    Files("team", "playbook/team.yaml"),
    Files("stages", "playbook/stages.yaml"),
    Files("domains", "playbook/domains.yaml"),
    Files("tech-stack", "playbook/tech-stack.yaml"),
    Files("anti-patterns", "playbook/anti-patterns.yaml"),
    Files("worked-example", "playbook/worked-example.yaml"),
    Files("planning-model", "playbook/planning-model.yaml"),
)
