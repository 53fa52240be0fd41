"""The question bank's typed shape (what the browser scores with); schemas/bank.schema.json is
generated from it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class BankPart(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Page(BankPart):
    name: str | None = None
    title: str | None = None
    path: str


class BankQuestion(BankPart):
    id: str
    text: str
    help: str | None = None
    weight: int  # whole numbers: the scorer packs weight sums into one integer
    evidence: str | None = None  # what proof backs an answer of level 3 or above
    options: dict[str, str]


class BankRule(BankPart):
    id: str
    title: str
    path: str
    maturity: dict[str, str]
    practices: list[Page]
    steps: list[Page]
    questions: list[BankQuestion]


class BankLevel(BankPart):
    level: int
    name: str


class BankRetired(BankPart):
    replaced_by: str | None
    reason: str


class BankOverlay(BankPart):
    organisation: str | None
    set_aside: dict[str, str]  # question id -> text: hidden or not applicable by policy
    not_applicable: list[str]


class BankFoundation(BankPart):
    until_level: int | None  # first only while aiming for this level or below; None: always
    reason: str


class BankPostponed(BankPart):
    from_level: int
    reason: str


class BankGuide(BankPart):
    id: str
    name: str
    path: str
    foundations: dict[str, BankFoundation]
    later: dict[str, BankPostponed]


class BankProfiles(BankPart):
    stages: list[BankGuide]
    motions: list[BankGuide]


class BankReading(BankPart):
    name: str
    rule: str
    higher_is_better: bool
    unit: str
    levels: dict[str, float]  # level 2..5 -> the reading that reaches it
    basis: str  # heuristic, or source


class Bank(BankPart):
    model_config = ConfigDict(extra="forbid", defer_build=True, title="RevOps question bank")
    version: int
    parameters: dict[str, Any]
    levels: list[BankLevel]
    rules: list[BankRule]
    retired: dict[str, BankRetired] = {}  # question ids no longer asked, and why
    overlay: BankOverlay | None = None
    profiles: BankProfiles | None = None  # company stages and sales motions
    readings: dict[str, BankReading] = {}  # metric id -> what a reading of it suggests
