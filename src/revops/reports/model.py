"""The JSON report's typed shape; schemas/report.schema.json and the report-format page are
generated from it, reports/build.py builds every report through it, and `--previous` reads
earlier reports with it."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

# -- the JSON report, schema version 1 ------------------------------------------------------
# Reading a report (`--previous`, the page's import) needs only the fields marked required;
# everything else is always written, and newer versions of revops may add fields.
from revops.reports.model_base import Open, Score, Written
from revops.reports.model_v3 import (
    FoundationAnswer as FoundationAnswer,
)
from revops.reports.model_v3 import (
    InconsistentClaim as InconsistentClaim,
)
from revops.reports.model_v3 import (
    InconsistentClaims,
    PlanReport,
    RuleTargetReport,
)
from revops.reports.model_v3 import (
    OverloadReport as OverloadReport,
)
from revops.reports.model_v3 import (
    PlanItemReport as PlanItemReport,
)
from revops.reports.model_v3 import (
    TargetProgress as TargetProgress,
)


class Overall(Open):
    score: Score = Field(description="Mean of the scored rules; null if none is scored.")
    level: int | None = Field(None, description="The band the overall score falls in.")
    level_name: str | None = Field(None, description="That band's name.")
    coverage: float = Field(0, description="Share of questions with at least one level, 0 to 1.")


class Spread(Open):
    min: float = Field(description="Lowest of the respondents' own rule scores.")
    max: float = Field(description="Highest of them.")
    stdev: float = Field(description="Their population standard deviation.")
    respondents: int = Field(description="How many respondents scored the rule.")


class RoleScore(Open):
    role: str = Field(description="The function, as respondents gave it.")
    score: float = Field(description="Its score for the rule.")


class RoleGap(Open):
    high: RoleScore = Field(description="The function with the highest score.")
    low: RoleScore = Field(description="The function with the lowest score.")
    difference: float = Field(description="High minus low, rounded as scores are.")
    flagged: bool = Field(description="True when the difference is the misalignment gap or more.")


class EvidenceCount(Open):
    claims: int = Field(
        description="Answers at evidence_from_level or above, over all respondents."
    )
    evidenced: int = Field(description="Those of them that name their evidence.")


class MetricReading(Open):
    metric: str = Field(description="The metric's id in the catalogue.")
    name: str = Field("", description="The metric's name there, which the reports show.")
    value: float = Field(description="The reading, as the answer file gave it.")
    suggests: int = Field(description="The level its thresholds give the reading.")


class Claim(Open):
    question_id: str = Field(description="The question answered.")
    question: str = Field(
        "", description="Its text, which the reports show (shortened, with the id as a link)."
    )
    respondent: str = Field(
        description="Who answered: their name, or 'respondent N' in file order."
    )
    level: int = Field(description="The level they gave.")
    hint: str | None = Field(
        None,
        description="What would back the claim: the question's evidence hint for that level "
        "(left out when the question gives none).",
    )


class Unevidenced(Open):
    count: int = Field(
        description="Answers of the rule at evidence_from_level or above that name no evidence."
    )
    claims: list[Claim] = Field(description="The first ten of them.")


class RuleReport(Written):
    written_order = (
        *(
            "id",
            "title",
            "score",
            "unweighted",
            "level",
            "level_name",
            "answered",
            "questions",
            "status",
        ),
        *("not_applicable", "unknown", "unanswered", "spread", "misaligned", "by_role"),
        *("role_gap", "question_means", "evidence"),
    )

    id: str = Field(description="The rule's stable id.")
    score: Score = Field(description="The rule score, or null when status is insufficient.")
    unweighted: Score = Field(
        None,
        description="The plain mean of the answered questions, every weight taken as 1: "
        "what the score would be without the weights (null when the score is). The reports "
        "say the weights moved the score when the two differ.",
    )
    title: str = Field("", description="The rule's title.")
    level: int | None = Field(None, description="The band of the score.")
    level_name: str | None = Field(None, description="That band's name.")
    answered: int = Field(0, description="Questions with a score.")
    questions: int = Field(0, description="Questions in the rule.")
    status: str = Field("", description="`scored` or `insufficient`.")
    not_applicable: int = Field(0, description="n/a answers, over all respondents.")
    unknown: int = Field(0, description="unknown answers, over all respondents.")
    unanswered: int = Field(0, description="Empty answers, over all respondents.")
    spread: Spread | None = Field(
        None, description="How far respondents' own scores lie apart; null for one respondent."
    )
    misaligned: bool = Field(
        False,
        description="True when respondents' own scores differ by the misalignment gap or more.",
    )
    by_role: dict[str, Score] = Field(
        {}, description="Rule score per function (role), for several respondents."
    )
    role_gap: RoleGap | None = Field(
        None,
        description="The two functions whose scores lie "
        "furthest apart, once two named functions have a score.",
    )
    question_means: dict[str, Score] = Field(
        {}, description="Question id to its mean level, or null."
    )
    readings: list[MetricReading] = Field(
        [], description="Readings of the rule's metrics and the level each suggests."
    )
    readings_level: int | None = Field(
        None, description="The lowest level the readings suggest, or null without readings."
    )
    calibration_gap: int | None = Field(None, description="level minus readings_level, or null.")
    miscalibrated: bool = Field(
        False,
        description="True when calibration_gap is "
        "miscalibrated_gap or more: rated well above the readings.",
    )
    evidence: EvidenceCount | None = Field(
        None,
        description="How many answers claim "
        "evidence_from_level or more, and how many of "
        "those name their evidence.",
    )
    target: RuleTargetReport | None = Field(
        None, description="The rule's target, when one is given or the stage sets one."
    )
    inconsistent: InconsistentClaims | None = Field(
        None,
        description="Answers at inconsistent_from_level or above from a person who answers "
        "one of the rule's foundational questions at foundation_at_most or below.",
    )


class Action(Open):
    question_id: str = Field(description="The question's id.")
    question: str = Field(description="The question's text.")
    current: float = Field(description="Its mean level now.")
    next_option: str = Field(description="The option that describes the next level.")


class PracticeLink(Open):
    name: str = Field(description="The practice's name.")
    url: str = Field(description="Its place on the rule's page.")


class StepLink(Open):
    title: str = Field(description="The roadmap step's title.")
    url: str = Field(description="Its place on the roadmap page.")


class Recommendation(Open):
    rule: str = Field(description="The rule's id.")
    title: str = Field(description="The rule's title.")
    score: float = Field(description="The rule score.")
    level: int = Field(description="The band of the score.")
    next_level: int = Field(description="The band to aim for next.")
    next_level_name: str = Field(description="That band's name.")
    next_level_description: str = Field(description="What the rule looks like one level up.")
    misaligned: bool = Field(description="As in `rules[].misaligned`: agree first.")
    url: str = Field(description="The rule's page on the playbook site.")
    actions: list[Action] = Field(description="The two weakest questions and their next option.")
    practices: list[PracticeLink] = Field(description="The rule's practices.")
    steps: list[StepLink] = Field(description="Roadmap steps that advance the rule.")
    unevidenced: Unevidenced | None = Field(
        None, description="The rule's claims that name no evidence: check these first."
    )
    reason: str = Field(
        "",
        description="Why the rule is recommended, and in this place: "
        "first for the company's stage or motion, among the lowest scores, "
        "or later.",
    )
    later: bool = Field(
        False,
        description="True when the guidance for the company's stage "
        "or motion says this advice can wait; such advice comes last.",
    )
    guidance: str | None = Field(
        None, description="That guidance on the playbook site, when it placed the rule."
    )


class RespondentReport(Open):
    name: str | None = Field(None, description="As given in the answer file.")
    role: str | None = Field(None, description="Their function, as given.")
    source: str = Field(description="The answer file the respondent came from.")


class Change(Open):
    previous: Score = Field(description="The score in the earlier assessment.")
    current: Score = Field(description="The score now.")
    delta: Score = Field(description="current - previous, or null if either is missing.")


class RuleChange(Written, Change):
    written_order = ("id",)
    id: str = Field(description="The rule's id.")


class HistoryEntry(Open):
    date: str | None = Field(description="When that assessment was made.")
    overall: Score = Field(description="Its overall score.")
    rules: dict[str, Score] = Field(description="Its score per rule id.")


class QuestionChange(Written, Change):
    written_order = ("question_id", "question")
    question_id: str = Field(description="The question's id.")
    question: str = Field(description="The question's text.")


class Comparison(Open):
    overall: Change = Field(description="The overall score then and now.")
    rules: list[RuleChange] = Field(description="Each rule's score then and now.")


class Content(Open):
    source: str = Field(
        description="Where the questions came from: a project folder, or the "
        "bank an installed revops carries."
    )
    revops: str = Field(description="The revops version that scored.")
    bank: str = Field(
        description="A hash of the question bank; a different hash means the "
        "questions, rules or scoring changed."
    )
    overlay: dict[str, Any] | None = Field(
        None,
        description="The company overlay applied, "
        "if any: its file name and hash, the "
        "organisation, and the rules and questions it "
        "hid, marked not applicable, reweighted or added.",
    )


class Profile(Open):
    stage: str | None = Field(
        None,
        description="A stage id of the playbook's guidance (early, scale-up, enterprise), or null.",
    )
    stage_name: str | None = Field(None, description="The stage's name, as the playbook gives it.")
    motion: str | None = Field(
        None, description="A sales motion id (sales-led, product-led, hybrid), or null."
    )
    motion_name: str | None = Field(
        None, description="The sales motion's name, as the playbook gives it."
    )


class Report(Open):
    """What `revops score --format json` writes and `--previous` reads back."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        allow_inf_nan=False,
        defer_build=True,
        title="RevOps maturity report",
    )
    schema_version: int = Field(
        description="3 for this structure. Version 2 lacked each rule's target and "
        "inconsistent claims and the profile's names; version 1 also lacked profile, "
        "metrics, history, moved and the evidence, readings and reason fields; --previous "
        "reads all three."
    )
    generator: str = Field("", description="The program and version that wrote the report.")
    team: str | None = Field(
        None, description="From the answer files; several are joined by commas."
    )
    date: str | None = Field(None, description="The latest date in the answer files.")
    parameters: dict[str, Any] = Field({}, description="The scoring parameters used.")
    profile: Profile | None = Field(
        None, description="The company's stage and sales motion, which order the recommendations."
    )
    metrics: dict[str, float] = Field(
        {}, description="The metric readings the answer files gave, by metric id."
    )
    overall: Overall = Field(description="The score over all rules.")
    rules: list[RuleReport] = Field(description="One entry per rule, in playbook order.")
    recommendations: list[Recommendation] = Field([], description="Lowest rules first.")
    respondents: list[RespondentReport] = Field([], description="Who answered.")
    content: Content | None = Field(None, description="The content the report was scored against.")
    comparison: Comparison | None = Field(
        None,
        description="Written only with --previous: "
        "the change overall and per rule since the latest "
        "earlier assessment.",
    )
    history: list[HistoryEntry] = Field(
        [], description="Written only with --previous: each earlier assessment, oldest first."
    )
    moved: list[QuestionChange] = Field(
        [],
        description="Written only with --previous: the "
        "questions whose mean changed most since the latest "
        "earlier assessment, largest change first (up to 5).",
    )
    plan: PlanReport | None = Field(
        None,
        description="The improvement plan for each rule below its target; only when some "
        "rule has a target.",
    )

    def __str__(self) -> str:
        """The terminal table `revops score` prints, so that print(report) shows it."""
        from revops.reports import render

        return render(self, "terminal")

    def dump(self) -> dict[str, Any]:
        """The report as the JSON report writes it: every field it was built with, and only
        those (content, comparison, history and moved are left out when not given)."""
        return self.model_dump(exclude_unset=True)


# -- the question bank the browser scores with (and `revops score` caches) ------------------
