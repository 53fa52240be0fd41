"""Every kind of content file, its typed model and the JSON Schema generated from it."""

from __future__ import annotations

from . import reference_schema as ref
from . import schema

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


def json_schemas() -> dict[str, dict]:
    """JSON Schema per file kind, for editors (yaml-language-server) and for the tests:
    content files, then answer files, the JSON report and the browser's question bank."""
    from . import formats
    from .overlay import Overlay

    result = {}
    for kind, model in {**SCHEMAS, **formats.SCHEMAS, "overlay": Overlay}.items():
        document = model.model_json_schema()
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        document["$id"] = f"{kind}.schema.json"
        result[kind] = document
    return result
