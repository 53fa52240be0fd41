"""Read an earlier assessment, as an answer file or a JSON report, for comparison."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

from .answers import load_answer_files
from .files import read_text
from .problems import InvalidInput, Problem
from .scoring import Scorer

SUPPORTED = 1


def load_previous(path: Path, scorer: Scorer, bank_hash: str | None = None
                  ) -> tuple[dict[str, float | None], float | None]:
    """(score per rule id, overall score) of the earlier assessment. Warns on stderr when an
    earlier report was scored against other content than bank_hash names."""
    if path.suffix.lower() == ".json":
        text = read_text(path, str(path))
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None  # not a report: read it as an answer file below, which explains
        if isinstance(data, dict) and "schema_version" in data:
            scores = _from_report(data, text, str(path))
            _warn_if_other_content(data, str(path), bank_hash)
            return scores
    respondents = load_answer_files([path], scorer.bank, earlier=True)
    result = scorer.score(respondents)
    _note_retired(path, scorer.bank.get("retired") or {}, respondents.left_out)
    return {rule.id: rule.score for rule in result.rules}, result.score


def _note_retired(path: Path, retired: dict, left_out: list[str]) -> None:
    """Say so when an earlier answer file answered questions that have since been retired
    (the readers left those answers out)."""
    named = [question_id for question_id in retired if question_id in left_out]
    if named:
        print(f"note: {path}: answers to {len(named)} retired question"
              f"{'s' if len(named) != 1 else ''} left out ({', '.join(named)})",
              file=sys.stderr)


def _from_report(data: dict, text: str, shown: str):
    """Scores from a JSON report, checked through the Report model (schemas/report.schema.json);
    each problem is placed on its line."""
    from pydantic import ValidationError

    from .formats import Report
    from .messages import describe_error

    @functools.cache
    def located():
        """Only a faulty report is parsed again, as YAML, to find where each value is."""
        from .yamlsource import parse_yaml

        return parse_yaml(text, shown)[0]

    def line_of(loc: tuple) -> int:
        return located().where(loc)[0] if located() else 1

    if data.get("schema_version") != SUPPORTED:
        raise InvalidInput([Problem(shown, line_of(("schema_version",)), 0, f"report "
                                    f"schema_version {data.get('schema_version')!r} is not "
                                    f"supported; this revops reads version {SUPPORTED}")])
    try:
        report = Report.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = tuple(part for part in detail["loc"] if part != "[key]")
            problems.append(Problem(shown, line_of(loc), 0, "not a complete revops JSON "
                                    "report: " + describe_error(detail, Report)))
        raise InvalidInput(problems) from None
    return {rule.id: rule.score for rule in report.rules}, report.overall.score


def _warn_if_other_content(data: dict, shown: str, bank_hash: str | None) -> None:
    content = data.get("content")
    earlier = content.get("bank") if isinstance(content, dict) else None
    if bank_hash and earlier and earlier != bank_hash:
        print(f"warning: {shown} was scored against other questions (bank {str(earlier)[:16]}, "
              f"now {bank_hash}); rules whose questions changed may not compare",
              file=sys.stderr)
