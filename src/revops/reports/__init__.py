"""Turn a scoring result into the documented JSON structure, and render it in each format."""

from __future__ import annotations

from dataclasses import asdict

from revops.foundation.version import __version__
from revops.scoring.formula import Result

SCHEMA_VERSION = 2
FORMATS = ("terminal", "markdown", "html", "json")
DEFAULT_SITE_URL = "https://revops-playbook.github.io/revops-playbook/"


def to_dict(
    result: Result, parameters: dict, site_url: str = DEFAULT_SITE_URL, content: dict | None = None
) -> dict:
    """The JSON report, version SCHEMA_VERSION (documented on the site's report page)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    report = {
        "schema_version": SCHEMA_VERSION,
        "generator": f"revops {__version__}",
        "team": result.team,
        "date": result.date,
        "parameters": parameters,
        "profile": result.profile,
        "metrics": result.readings,
        "overall": {
            "score": result.score,
            "level": result.level,
            "level_name": result.level_name,
            "coverage": result.coverage,
        },
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "score": r.score,
                "level": r.level,
                "level_name": r.level_name,
                "answered": r.answered,
                "questions": r.questions,
                "status": r.status,
                "not_applicable": r.not_applicable,
                "unknown": r.unknown,
                "unanswered": r.unanswered,
                "spread": asdict(r.spread) if r.spread else None,
                "misaligned": r.misaligned,
                "by_role": r.by_role,
                "role_gap": r.role_gap,
                "question_means": r.question_means,
                "evidence": r.evidence,
                "readings": r.readings,
                "readings_level": r.readings_level,
                "calibration_gap": r.calibration_gap,
                "miscalibrated": r.miscalibrated,
            }
            for r in result.rules
        ],
        "recommendations": [
            {
                "rule": rec.rule_id,
                "title": rec.title,
                "score": rec.score,
                "level": rec.level,
                "next_level": rec.next_level,
                "next_level_name": rec.next_level_name,
                "next_level_description": rec.next_level_description,
                "misaligned": rec.misaligned,
                "url": base + rec.path,
                "actions": [asdict(action) for action in rec.actions],
                "practices": [{"name": name, "url": base + path} for name, path in rec.practices],
                "steps": [{"title": title, "url": base + path} for title, path in rec.steps],
                "unevidenced": rec.unevidenced,
                "reason": rec.reason,
                "later": rec.later,
                "guidance": base + rec.guidance if rec.guidance else None,
            }
            for rec in result.recommendations
        ],
        "respondents": [
            {"name": r.name, "role": r.role, "source": r.source} for r in result.respondents
        ],
    }
    if content is not None:
        report["content"] = content
    if result.comparison is not None:
        report["comparison"] = {
            "overall": {
                "previous": result.previous_overall,
                "current": result.score,
                "delta": result.overall_delta,
            },
            "rules": [asdict(change) for change in result.comparison],
        }
    if result.history:
        report["history"] = result.history
        report["moved"] = result.moved
    return report


def to_json(report: dict) -> str:
    """One line per field and per list item: readable in a diff, and written by the C encoder
    (an indented dump runs in Python, which took longer than scoring for a large team)."""
    import json

    from revops.foundation.characters import shown

    dump = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every item
    fields = []
    for key, value in report.items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(map(dump, value))
            fields.append(f"  {dump(key)}: [\n    {items}\n  ]")
        else:
            fields.append(f"  {dump(key)}: {dump(value)}")
    # A refused character (a file name's ESC, say) as its JSON escape: the same text to a
    # JSON reader, and nothing a terminal would act on.
    return shown("{\n" + ",\n".join(fields) + "\n}\n")


def render(report: dict, fmt: str) -> str:
    if fmt == "json":
        return to_json(report)
    if fmt == "terminal":
        from revops.reports.terminal import render_terminal

        return render_terminal(report)
    from revops.reports.documents import render_document

    return render_document(report, fmt)
