"""Every kind of content file, its typed model and the JSON Schema generated from it."""

from __future__ import annotations

from revops.content import reference_schema as ref
from revops.content import schema

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
    "worked-example": ref.WorkedExample,
}
