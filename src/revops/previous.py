"""Read an earlier assessment, as an answer file or a JSON report, for comparison."""

from __future__ import annotations

import json
from pathlib import Path

from .answers import load_answer_files
from .problems import InvalidInput, Problem
from .scoring import Scorer
from .yamlsource import read_text


def load_previous(path: Path, scorer: Scorer) -> tuple[dict[str, float | None], float | None]:
    """(score per rule id, overall score) of the earlier assessment."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(read_text(path, str(path)))
        except json.JSONDecodeError:
            data = None  # not a report: read it as an answer file below, which explains
        if isinstance(data, dict) and "schema_version" in data:
            return _from_report(data, str(path))
    result = scorer.score(load_answer_files([path], scorer.bank))
    return {rule.id: rule.score for rule in result.rules}, result.score


def _from_report(data: dict, shown: str) -> tuple[dict[str, float | None], float | None]:
    if data.get("schema_version") != 1:
        raise InvalidInput([Problem(shown, 1, 0, f"report schema_version "
                                    f"{data.get('schema_version')!r} is not supported; "
                                    "this revops reads version 1")])
    try:
        scores = {rule["id"]: _score(rule["score"]) for rule in data["rules"]}
        overall = _score(data["overall"]["score"])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput([Problem(shown, 1, 0, "not a complete revops JSON report: it "
                                    "needs rules with id and score, and overall.score")]) from None
    return scores, overall


def _score(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError
    return float(value)
