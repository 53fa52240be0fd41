"""The report's parts that schema version 3 added: each rule's target and inconsistent
claims, and the improvement plan (reports/model.py holds the rest and names these)."""

from __future__ import annotations

from pydantic import Field

from revops.reports.model_base import Open, Score


class FoundationAnswer(Open):
    question_id: str = Field(description="The foundational question's id.")
    question: str = Field(description="Its text.")
    level: int = Field(description="The same person's answer to it.")


class InconsistentClaim(Open):
    question_id: str = Field(description="The question's id.")
    question: str = Field(description="The question's text.")
    respondent: str = Field(description='Who answered: a name, or "respondent N" in file order.')
    level: int = Field(description="The level claimed.")
    because: FoundationAnswer = Field(
        description="The first of the rule's foundational questions, in bank order, that the "
        "same person answered at foundation_at_most or below."
    )


class InconsistentClaims(Open):
    count: int = Field(description="Every inconsistent claim of the rule.")
    claims: list[InconsistentClaim] = Field(
        description="The first ten, in question then respondent order."
    )


class TargetProgress(Open):
    date: str | None = Field(description="The earlier assessment's date.")
    gap: Score = Field(description="Target minus its score then; null without a score.")
    closed: Score = Field(
        description="The score now minus the score then, at most the gap: how much of it "
        "is closed (negative when it grew); null when either has no score."
    )


class RuleTargetReport(Open):
    level: int = Field(description="The level to aim for.")
    source: str = Field(
        description="`option` (--target or assess's targets) or `stage` (the stage "
        "guidance's default: what good looks like at that stage)."
    )
    reason: str | None = Field(None, description="The stage guidance's reason, for a default.")
    gap: Score = Field(description="Target minus the score, 0 once met; null without a score.")
    met: bool = Field(description="True when the score reaches the target.")
    progress: list[TargetProgress] = Field(
        [], description="Since each earlier assessment, oldest first."
    )


class PlanItemReport(Open):
    rule_id: str = Field(description="The rule it lifts.")
    rule: str = Field(description="That rule's title.")
    level: int = Field(description="The level it lifts the question to.")
    question_id: str = Field(description="The question whose answer it should move.")
    question: str = Field(description="That question's text.")
    action: str = Field(description="What to put in place: the question's option at the level.")
    owner: str = Field(
        description="The function accountable in the RACI row the question links to, or "
        "`unassigned`."
    )
    forum: str | None = Field(description="The forum that reviews the work.")
    metric: str | None = Field(description="The metric that shows it working.")
    evidence: str | None = Field(description="The evidence that proves it done.")
    quarter: int = Field(description="The three-month period it falls in, from 1.")
    due: str = Field(description="Its due date, YYYY-MM-DD: the last day of that period.")
    overloaded: bool = Field(description="True when its owner had no room in any quarter.")


class OverloadReport(Open):
    owner: str = Field(description="The function.")
    quarter: int = Field(description="The quarter it carries too much in.")
    items: int = Field(description="The items it carries there.")
    load: int = Field(description="The most a quarter takes.")


class PlanReport(Open):
    start: str = Field(description="The plan's first day, YYYY-MM-DD.")
    quarters: int = Field(description="How many three-month periods it spans.")
    load: int = Field(description="The most items one function carries in a quarter.")
    items: list[PlanItemReport] = Field(description="In plan order.")
    overloads: list[OverloadReport] = Field(description="Each function and quarter over load.")
