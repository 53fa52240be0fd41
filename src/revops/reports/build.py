"""An assessment as the report: every part made by the Report model (reports/model.py), named
field by field once, here.

The same code makes the parts either as the pydantic models (build_report: what
revops.assess returns) or as the plain dictionaries those models dump to (report_dump:
what `revops score` writes). The second exists for speed alone: importing pydantic takes
longer than scoring one answer file, and `revops score` must start fast. Both give the same
report byte for byte (tests/test_report_build.py), and the models refuse a field they do not
declare, so a name mistyped here cannot pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from revops.advice.assessment import Assessment
from revops.advice.consistency import Inconsistent
from revops.advice.evidence import Unevidenced
from revops.advice.recommendations import Recommendation
from revops.advice.targets import RuleTarget
from revops.foundation.version import __version__
from revops.reports import DEFAULT_SITE_URL, SCHEMA_VERSION
from revops.scoring.formula import RoleGap, RuleResult

if TYPE_CHECKING:  # the plan's records are made only when a rule has a target
    from revops.advice.history import Comparison, Earlier, QuestionChange
    from revops.advice.plan_model import Plan
    from revops.answers.respondents import Respondent
    from revops.reports.model import Report

# How a part of the report is made: (the Report model's class name for it, its fields).
Make = Callable[..., Any]


def as_models(part: str, **fields: Any) -> Any:
    """The part as its pydantic model, validated (strict) and closed to unknown fields."""
    from revops.reports import model

    made = getattr(model, part)(**fields)
    if made.model_extra:  # the models accept extra fields when reading; the report has none
        raise TypeError(f"{part} has no field {', '.join(made.model_extra)}")
    return made


def as_dump(part: str, **fields: Any) -> dict[str, Any]:
    """The part as its model's dump: the fields given, in the order given."""
    return fields


class ScoredAgainst(NamedTuple):
    """The content a report was scored against: where the questions came from, a hash of the
    bank, and the company overlay applied (the report's `content`)."""

    source: str
    bank: str
    overlay: Mapping[str, Any] | None = None


def build_report(
    assessment: Assessment,
    parameters: Mapping[str, Any],
    site_url: str = DEFAULT_SITE_URL,
    content: ScoredAgainst | None = None,
) -> Report:
    """The report of an assessment scored with these parameters, its links under site_url
    and, when given, the content it was scored against."""
    report: Report = _report(assessment, parameters, site_url, content, as_models)
    return report


def report_dump(
    assessment: Assessment,
    parameters: Mapping[str, Any],
    site_url: str = DEFAULT_SITE_URL,
    content: ScoredAgainst | None = None,
) -> dict[str, Any]:
    """build_report(...).dump(), made without pydantic."""
    dump: dict[str, Any] = _report(assessment, parameters, site_url, content, as_dump)
    return dump


def _report(
    assessment: Assessment,
    parameters: Mapping[str, Any],
    site_url: str,
    content: ScoredAgainst | None,
    make: Make,
) -> Any:
    base = site_url if site_url.endswith("/") else site_url + "/"
    result = assessment.result
    return make(
        "Report",
        schema_version=SCHEMA_VERSION,
        generator=f"revops {__version__}",
        team=result.team,
        date=result.date,
        parameters=dict(parameters),
        profile=make("Profile", **assessment.profile),
        metrics=dict(assessment.readings),
        overall=make(
            "Overall",
            score=result.score,
            level=result.level,
            level_name=result.level_name,
            coverage=result.coverage,
        ),
        rules=[_rule(rule, assessment, make) for rule in result.rules],
        recommendations=[_advice(advice, base, make) for advice in assessment.recommendations],
        respondents=_respondents(result.respondents, make),
        **_optional_parts(assessment, content, make),
    )


def _respondents(respondents: Sequence[Respondent], make: Make) -> list[Any]:
    """Who answered, each as the report names them: made without a call per person for a
    dump, as a large team has 100,000 of them."""
    people = map(attrgetter("name", "role", "source"), respondents)
    if make is as_dump:
        return [{"name": name, "role": role, "source": source} for name, role, source in people]
    return [
        make("RespondentReport", name=name, role=role, source=source)
        for name, role, source in people
    ]


def _optional_parts(
    assessment: Assessment, content: ScoredAgainst | None, make: Make
) -> dict[str, Any]:
    """The parts a report holds only when there is something to say: the content it was
    scored against, and the comparison, history and moved questions of earlier ones."""
    parts: dict[str, Any] = {}
    if content is not None:
        overlay = {} if content.overlay is None else {"overlay": dict(content.overlay)}
        parts["content"] = make(
            "Content", source=content.source, revops=__version__, bank=content.bank, **overlay
        )
    if assessment.comparison is not None:
        parts["comparison"] = _comparison(assessment.comparison, make)
    if assessment.history is not None:
        parts["history"] = [_earlier(entry, make) for entry in assessment.history.earlier]
        parts["moved"] = [_moved(change, make) for change in assessment.history.moved]
    if assessment.plan is not None:
        parts["plan"] = _plan(assessment.plan, make)
    return parts


def _plan(plan: Plan, make: Make) -> Any:
    from dataclasses import asdict  # the plan's records are dataclasses, off score's start-up

    return make(
        "PlanReport",
        start=plan.start.isoformat(),
        quarters=plan.quarters,
        load=plan.load,
        items=[
            make("PlanItemReport", **{**asdict(item), "due": item.due.isoformat()})
            for item in plan.items
        ],
        overloads=[make("OverloadReport", **asdict(o)) for o in plan.overloads],
    )


def _rule(rule: RuleResult, assessment: Assessment, make: Make) -> Any:
    spread, calibration = rule.spread, assessment.calibration[rule.id]
    target = assessment.targets.get(rule.id)
    return make(
        "RuleReport",
        id=rule.id,
        title=rule.title,
        score=rule.score,
        unweighted=rule.unweighted,
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
        else make(
            "Spread",
            min=spread.min,
            max=spread.max,
            stdev=spread.stdev,
            respondents=spread.respondents,
        ),
        misaligned=rule.misaligned,
        by_role=dict(rule.by_role),
        role_gap=None if rule.role_gap is None else _role_gap(rule.role_gap, make),
        question_means=dict(rule.question_means),
        evidence=make(
            "EvidenceCount", claims=rule.evidence.claims, evidenced=rule.evidence.evidenced
        ),
        readings=[
            make("MetricReading", metric=r.metric, name=r.name, value=r.value, suggests=r.suggests)
            for r in calibration.readings
        ],
        readings_level=calibration.readings_level,
        calibration_gap=calibration.calibration_gap,
        miscalibrated=calibration.miscalibrated,
        target=None if target is None else _target(target, make),
        inconsistent=_inconsistent(assessment.inconsistent[rule.id], make),
    )


def _target(found: RuleTarget, make: Make) -> Any:
    return make(
        "RuleTargetReport",
        level=found.target.level,
        source=found.target.source,
        reason=found.target.reason,
        gap=found.gap,
        met=found.met,
        progress=[
            make("TargetProgress", date=p.date, gap=p.gap, closed=p.closed) for p in found.progress
        ],
    )


def _inconsistent(found: Inconsistent, make: Make) -> Any:
    return make(
        "InconsistentClaims",
        count=found.total,
        claims=[
            make(
                "InconsistentClaim",
                question_id=c.question_id,
                question=c.question,
                respondent=c.respondent,
                level=c.level,
                because=make(
                    "FoundationAnswer",
                    question_id=c.foundation_id,
                    question=c.foundation,
                    level=c.foundation_level,
                ),
            )
            for c in found.claims
        ],
    )


def _role_gap(gap: RoleGap, make: Make) -> Any:
    return make(
        "RoleGap",
        high=make("RoleScore", role=gap.high.role, score=gap.high.score),
        low=make("RoleScore", role=gap.low.role, score=gap.low.score),
        difference=gap.difference,
        flagged=gap.flagged,
    )


def _advice(advice: Recommendation, base: str, make: Make) -> Any:
    return make(
        "Recommendation",
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
            make(
                "Action",
                question_id=action.question_id,
                question=action.question,
                current=action.current,
                next_option=action.next_option,
            )
            for action in advice.actions
        ],
        practices=[make("PracticeLink", name=n, url=base + path) for n, path in advice.practices],
        steps=[make("StepLink", title=t, url=base + path) for t, path in advice.steps],
        unevidenced=None if advice.unevidenced is None else _unevidenced(advice.unevidenced, make),
        reason=advice.reason,
        later=advice.later,
        guidance=base + advice.guidance if advice.guidance else None,
    )


def _unevidenced(found: Unevidenced, make: Make) -> Any:
    return make(
        "Unevidenced",
        count=found.total,
        claims=[
            make(
                "Claim",
                question_id=c.question_id,
                question=c.question,
                respondent=c.respondent,
                level=c.level,
                **({"hint": c.hint} if c.hint is not None else {}),
            )
            for c in found.claims
        ],
    )


def _comparison(comparison: Comparison, make: Make) -> Any:
    return make(
        "Comparison",
        overall=make(
            "Change",
            previous=comparison.previous,
            current=comparison.current,
            delta=comparison.delta,
        ),
        rules=[
            make("RuleChange", id=c.id, previous=c.previous, current=c.current, delta=c.delta)
            for c in comparison.rules
        ],
    )


def _earlier(entry: Earlier, make: Make) -> Any:
    return make("HistoryEntry", date=entry.date, overall=entry.overall, rules=dict(entry.rules))


def _moved(change: QuestionChange, make: Make) -> Any:
    return make(
        "QuestionChange",
        question_id=change.question_id,
        question=change.question,
        previous=change.previous,
        current=change.current,
        delta=change.delta,
    )
