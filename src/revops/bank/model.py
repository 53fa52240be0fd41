"""The question bank's typed shape (what the browser scores with); schemas/bank.schema.json is
generated from it, and bank/build.py builds and dumps it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class BankPart(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Page(BankPart):
    """A page of the site a rule links to: a practice (by name) or a step (by title)."""

    name: str | None = None
    title: str | None = None
    path: str = Field(description="The page's address, relative to the site's root.")


class BankPlan(BankPart):
    """Where a question's improvement work lands, resolved to names (revops plan)."""

    process: str = Field(description="The RACI row's id.")
    owner: str = Field(description="The function accountable in that row.")
    owner_name: str
    forum: str
    forum_name: str
    metric: str
    metric_name: str


class BankQuestion(BankPart):
    """One question of the assessment, with its answer options."""

    id: str
    text: str
    help: str | None = None
    # whole numbers: the scorer packs weight sums into one integer
    weight: int = Field(description="How much the question counts in its rule's score.")
    evidence: dict[str, str] | None = Field(
        None,
        description="Level (as text, evidence_from_level up) to what proof backs an answer "
        "at that level.",
    )
    options: dict[str, str] = Field(description="Level (as text) to what that level looks like.")
    plan: BankPlan | None = Field(default=None, description="Set only when the question has links.")
    foundational: bool = Field(
        default=False,
        description="The rule's other answers stand on this question's practice "
        "(scoring.yaml `foundational`); set only when true.",
    )


class BankRule(BankPart):
    """One rule of the playbook: its maturity ladder, what to read and what to ask."""

    id: str
    title: str
    path: str
    maturity: dict[str, str] = Field(description="Level (as text) to the rule at that level.")
    practices: list[Page]
    steps: list[Page] = Field(description="The steps that advance the rule.")
    questions: list[BankQuestion]


class BankLevel(BankPart):
    level: int
    name: str


class BankRetired(BankPart):
    replaced_by: str | None
    reason: str
    text: str | None = None  # its wording when retired, by which an export's header names it


class BankOverlay(BankPart):
    """What a company overlay changed that the scorer must know."""

    organisation: str | None
    set_aside: dict[str, str] = Field(
        description="Question id to text: hidden or not applicable by policy."
    )
    not_applicable: list[str]


class BankFoundation(BankPart):
    until_level: int | None = Field(
        description="First only while aiming for this level or below; null: always."
    )
    reason: str


class BankPostponed(BankPart):
    from_level: int
    reason: str


class BankGuide(BankPart):
    """A company stage or sales motion: the rules it puts first and the advice it postpones."""

    id: str
    name: str
    path: str
    foundations: dict[str, BankFoundation]
    later: dict[str, BankPostponed]
    target_level: int | None = Field(
        None, description="What good looks like at this stage: every rule's default target."
    )
    target_reason: str | None = Field(None, description="Why, in a line.")


class BankProfiles(BankPart):
    stages: list[BankGuide]
    motions: list[BankGuide]


class BankReading(BankPart):
    """A metric whose reading suggests a level for a rule."""

    name: str
    rule: str
    higher_is_better: bool
    unit: str
    levels: dict[str, float] = Field(description="Level 2 to 5 to the reading that reaches it.")
    basis: str = Field(description="heuristic, or source.")


class Bank(BankPart):
    """Everything the CLI and the assessment page need to score and recommend."""

    model_config = ConfigDict(extra="forbid", defer_build=True, title="RevOps question bank")
    version: int
    parameters: dict[str, Any] = Field(description="The scoring parameters (scoring.yaml).")
    levels: list[BankLevel]
    rules: list[BankRule]
    retired: dict[str, BankRetired] = Field(
        {}, description="Question ids no longer asked, and why."
    )
    overlay: BankOverlay | None = None
    profiles: BankProfiles | None = Field(None, description="Company stages and sales motions.")
    readings: dict[str, BankReading] = Field(
        {}, description="Metric id to what a reading of it suggests."
    )
