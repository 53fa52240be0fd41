"""An assessment as the typed Report (reports/model.py): the one way a report is made. The
JSON report, the terminal table, Markdown and HTML are all written from it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from revops.advice import history as advice_history
from revops.advice.assessment import Assessment
from revops.advice.calibration import Calibration
from revops.advice.evidence import Unevidenced
from revops.advice.recommendations import Recommendation
from revops.foundation.version import __version__
from revops.reports import DEFAULT_SITE_URL, SCHEMA_VERSION, model
from revops.scoring.formula import RoleGap, RuleResult


def build_report(
    assessment: Assessment,
    parameters: Mapping[str, Any],
    site_url: str = DEFAULT_SITE_URL,
    content: model.Content | None = None,
) -> model.Report:
    """The report of an assessment scored with these parameters, its links under site_url
    and, when given, the content it was scored against."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    result = assessment.result
    fields: dict[str, Any] = {}
    if content is not None:
        fields["content"] = content
    if assessment.comparison is not None:
        fields["comparison"] = _comparison(assessment.comparison)
    if assessment.history is not None:
        fields["history"] = [_earlier(entry) for entry in assessment.history.earlier]
        fields["moved"] = [
            model.QuestionChange(
                question_id=change.question_id,
                question=change.question,
                previous=change.previous,
                current=change.current,
                delta=change.delta,
            )
            for change in assessment.history.moved
        ]
    return model.Report(
        schema_version=SCHEMA_VERSION,
        generator=f"revops {__version__}",
        team=result.team,
        date=result.date,
        parameters=dict(parameters),
        profile=model.Profile(**assessment.profile),
        metrics=dict(assessment.readings),
        overall=model.Overall(
            score=result.score,
            level=result.level,
            level_name=result.level_name,
            coverage=result.coverage,
        ),
        rules=[_rule(rule, assessment.calibration[rule.id]) for rule in result.rules],
        recommendations=[_recommendation(advice, base) for advice in assessment.recommendations],
        respondents=[
            model.RespondentReport(name=r.name, role=r.role, source=r.source)
            for r in result.respondents
        ],
        **fields,
    )


def _rule(rule: RuleResult, calibration: Calibration) -> model.RuleReport:
    spread = rule.spread
    return model.RuleReport(
        id=rule.id,
        title=rule.title,
        score=rule.score,
        level=rule.level,
        level_name=rule.level_name,
        answered=rule.answered,
        questions=rule.questions,
        status=rule.status,
        not_applicable=rule.not_applicable,
        unknown=rule.unknown,
        unanswered=rule.unanswered,
        spread=None
        if spread is None
        else model.Spread(
            min=spread.min, max=spread.max, stdev=spread.stdev, respondents=spread.respondents
        ),
        misaligned=rule.misaligned,
        by_role=dict(rule.by_role),
        role_gap=None if rule.role_gap is None else _role_gap(rule.role_gap),
        question_means=dict(rule.question_means),
        evidence=model.EvidenceCount(
            claims=rule.evidence.claims, evidenced=rule.evidence.evidenced
        ),
        readings=[
            model.MetricReading(metric=r.metric, value=r.value, suggests=r.suggests)
            for r in calibration.readings
        ],
        readings_level=calibration.readings_level,
        calibration_gap=calibration.calibration_gap,
        miscalibrated=calibration.miscalibrated,
    )


def _role_gap(gap: RoleGap) -> model.RoleGap:
    return model.RoleGap(
        high=model.RoleScore(role=gap.high.role, score=gap.high.score),
        low=model.RoleScore(role=gap.low.role, score=gap.low.score),
        difference=gap.difference,
        flagged=gap.flagged,
    )


def _recommendation(advice: Recommendation, base: str) -> model.Recommendation:
    return model.Recommendation(
        rule=advice.rule_id,
        title=advice.title,
        score=advice.score,
        level=advice.level,
        next_level=advice.next_level,
        next_level_name=advice.next_level_name,
        next_level_description=advice.next_level_description,
        misaligned=advice.misaligned,
        url=base + advice.path,
        actions=[
            model.Action(
                question_id=action.question_id,
                question=action.question,
                current=action.current,
                next_option=action.next_option,
            )
            for action in advice.actions
        ],
        practices=[
            model.PracticeLink(name=name, url=base + path) for name, path in advice.practices
        ],
        steps=[model.StepLink(title=title, url=base + path) for title, path in advice.steps],
        unevidenced=None if advice.unevidenced is None else _unevidenced(advice.unevidenced),
        reason=advice.reason,
        later=advice.later,
        guidance=base + advice.guidance if advice.guidance else None,
    )


def _unevidenced(found: Unevidenced) -> model.Unevidenced:
    return model.Unevidenced(
        count=found.count,
        claims=[
            model.Claim(question_id=c.question_id, respondent=c.respondent, level=c.level)
            for c in found.claims
        ],
    )


def _comparison(comparison: advice_history.Comparison) -> model.Comparison:
    return model.Comparison(
        overall=model.Change(
            previous=comparison.previous, current=comparison.current, delta=comparison.delta
        ),
        rules=[
            model.RuleChange(
                id=change.id, previous=change.previous, current=change.current, delta=change.delta
            )
            for change in comparison.rules
        ],
    )


def _earlier(entry: advice_history.Earlier) -> model.HistoryEntry:
    return model.HistoryEntry(date=entry.date, overall=entry.overall, rules=dict(entry.rules))
