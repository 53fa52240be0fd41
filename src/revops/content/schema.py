"""Typed shape of every content file. The JSON Schemas in schemas/ are generated from these."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from revops.foundation.ids import ID_MAX_LENGTH, ID_PATTERN

# Text fields are Markdown. Raw HTML and script links are refused, so nothing slipped into a
# long YAML diff can run on the site or in a report.
RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
SCRIPT_LINK = re.compile(r"(?:\]\(|\]:)\s*<?\s*((?:javascript|vbscript|data)\s*:)", re.IGNORECASE)


def safe_markdown(text: str) -> str:
    if match := RAW_HTML.search(text):
        raise ValueError(
            f"raw HTML is not allowed (found '{match.group(0)}...'); write "
            "Markdown instead, or put a space after '<' if you mean less-than"
        )
    if match := SCRIPT_LINK.search(text):
        raise ValueError(
            f"'{match.group(1)}' links are not allowed; link to http(s) pages "
            "or to pages of this site"
        )
    return text


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Line = Annotated[
    str, StringConstraints(min_length=1, max_length=300), AfterValidator(safe_markdown)
]
Text = Annotated[
    str, StringConstraints(min_length=1, max_length=4000), AfterValidator(safe_markdown)
]
Items = Annotated[list[Line], Field(min_length=1)]
Ladder = dict[int, Text]


def evidence_by_level(value: object) -> object:
    """A question's evidence was once one text for every claimed level; say what it is now."""
    if isinstance(value, str):
        raise ValueError(
            "give one evidence hint per level from evidence_from_level up, as a mapping such as "
            "{3: ..., 4: ..., 5: ...}, each saying what someone outside the team could check"
        )
    return value


# Level to what someone outside the team could check to confirm an answer at that level.
EvidenceLadder = Annotated[Ladder, BeforeValidator(evidence_by_level)]


class Strict(BaseModel):
    # Validators are built on first use: building each nested model on its own at import
    # cost more than the whole load of the content.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


Ids = list[Id]


class Practice(Strict):
    name: Line
    what: Text
    from_stage: Id  # the company stage that should take it up (playbook/stages.yaml)
    metrics: Ids = Field(default_factory=list)
    forums: Ids = Field(default_factory=list)


# How one rule bears on another: the article's "each rule interlocks" made explicit.
Relation = Literal["feeds", "steers", "enables", "sustains"]


class Interlock(Strict):
    rule: Id
    how: Relation
    reason: Line


class Rule(Strict):
    id: Id
    title: Line
    summary: Annotated[
        str, StringConstraints(min_length=1, max_length=200), AfterValidator(safe_markdown)
    ]
    why: Text
    practices: Annotated[list[Practice], Field(min_length=1)]
    benefits: Items
    warning_signs: Items
    metrics: Annotated[Ids, Field(min_length=1)]  # ids in playbook/metrics/
    interlocks: Annotated[list[Interlock], Field(min_length=1)]
    maturity: Ladder


class Step(Strict):
    id: Id
    title: Line
    purpose: Text
    activities: Items
    deliverables: Items
    who: Items
    advances: Annotated[Ids, Field(min_length=1)]
    from_stage: Id
    metrics: Annotated[Ids, Field(min_length=1)]
    forums: Ids = Field(default_factory=list)


class Roadmap(Strict):
    summary: Text
    steps: Annotated[list[Step], Field(min_length=1)]


class Component(Strict):
    id: Id
    name: Line
    summary: Text
    activities: Items


class Outcome(Strict):
    name: Line
    detail: Text


class RevOps(Strict):
    definition: Text
    why_it_matters: Text
    components: Annotated[list[Component], Field(min_length=1)]
    outcomes: Annotated[list[Outcome], Field(min_length=1)]


class Function(Strict):
    id: Id
    name: Line
    connection: Text


class Discipline(Strict):
    id: Id
    name: Line
    focus: Text


class Upkeep(Strict):
    id: Id
    name: Line
    detail: Text
    practices: Items


class Network(Strict):
    analogy: Text
    functions: Annotated[list[Function], Field(min_length=1)]
    disciplines: Annotated[list[Discipline], Field(min_length=1)]
    keeping_the_power_on: Annotated[list[Upkeep], Field(min_length=1)]


class Decision(Strict):
    decision: Line
    reason: Text


class FailureMode(Strict):
    description: Text
    signs: Items


class FailureModes(Strict):
    too_much_control: FailureMode
    too_much_freedom: FailureMode


class GuideQuestion(Strict):
    question: Line
    centralise_if: Text
    leave_if: Text


class Centralisation(Strict):
    summary: Text
    centralise: Annotated[list[Decision], Field(min_length=1)]
    leave_to_teams: Annotated[list[Decision], Field(min_length=1)]
    failure_modes: FailureModes
    decision_guide: Annotated[list[GuideQuestion], Field(min_length=1)]


class OperatingModel(Strict):
    summary: Text
    network: Network
    centralisation: Centralisation


class Level(Strict):
    level: Annotated[int, Field(ge=1, le=9)]
    name: Line
    description: Text


class Levels(Strict):
    levels: Annotated[list[Level], Field(min_length=2)]


class PlanLinks(Strict):
    """Where a question's improvement work lands (revops plan): the RACI row whose
    accountable function owns it, the forum that reviews it and the metric that shows it."""

    process: Id  # a RACI row of playbook/team.yaml
    forum: Id  # playbook/operating-rhythm.yaml
    metric: Id  # the metric catalogue


class Question(Strict):
    id: Id
    text: Line
    help: Text | None = None
    weight: Annotated[int, Field(ge=1, le=5)] = 1
    weight_reason: Line | None = None  # why it counts more than the others; needed above 1
    # level (evidence_from_level up) to what proof backs an answer at that level
    evidence: EvidenceLadder | None = None
    options: Ladder
    plan: PlanLinks | None = None
    domain: Id | None = None  # the domain of playbook/domains.yaml whose method it tests


class RetiredQuestion(Strict):
    """A question taken out because its meaning changed: answer files that still name it
    are told what replaced it. `text` is its wording when it was retired: a survey export
    still headed by it is read, with that column left out and a note."""

    id: Id
    replaced_by: Id | None = None
    reason: Line
    text: Line | None = None


class QuestionFile(Strict):
    rule: Id
    questions: Annotated[list[Question], Field(min_length=1)]
    retired: list[RetiredQuestion] = []


class WeightRule(Strict):
    """A stated rule that weighs a group of questions more than 1, and why."""

    id: Id
    weight: Annotated[int, Field(ge=2, le=5)]
    reason: Text  # which questions the rule covers and why they count more
    questions: Annotated[list[Id], Field(min_length=1)]


class Scoring(Strict):
    min_answered_fraction: Annotated[float, Field(gt=0, le=1)]
    misaligned_gap: Annotated[float, Field(gt=0)]
    decimals: Annotated[int, Field(ge=0, le=4)]
    # An answer at this level or above is a claim that should name its evidence.
    evidence_from_level: Annotated[int, Field(ge=1, le=5)] = 3
    # When set, an unevidenced claim counts at this level at most.
    unevidenced_cap: Annotated[int, Field(ge=1, le=5)] | None = None
    # A rule rated this many levels above what its metric readings suggest is flagged.
    miscalibrated_gap: Annotated[int, Field(ge=1, le=4)] = 2
    # A person's answer at this level or above is an inconsistent claim when they answer one
    # of its rule's foundational questions at foundation_at_most or below.
    inconsistent_from_level: Annotated[int, Field(ge=2, le=5)] = 4
    foundation_at_most: Annotated[int, Field(ge=1, le=4)] = 2
    # rule id -> the questions whose practice the rule's other answers stand on
    foundational: dict[Id, Annotated[list[Id], Field(min_length=1)]] = {}
    # the rules by which questions weigh more than 1; a question outside them needs its own
    # weight_reason to weigh more
    weight_rules: list[WeightRule] = []

    @model_validator(mode="after")
    def _cap_not_below_unclaimed(self):
        if self.unevidenced_cap is not None and self.unevidenced_cap < self.evidence_from_level - 1:
            raise ValueError(
                f"unevidenced_cap {self.unevidenced_cap} would rank an unevidenced claim below "
                f"an answer that claims nothing; use {self.evidence_from_level - 1} or more"
            )
        return self

    @model_validator(mode="after")
    def _foundation_below_claims(self):
        if self.foundation_at_most >= self.inconsistent_from_level:
            raise ValueError(
                f"foundation_at_most {self.foundation_at_most} must be below "
                f"inconsistent_from_level {self.inconsistent_from_level}"
            )
        return self
