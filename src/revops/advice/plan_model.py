"""The improvement plan's records, apart from the planner (plan.py) so that a report can name
them without importing it; its limits and defaults are in plan_limits.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UNOWNED = "unassigned"  # an item whose question links to no RACI row


@dataclass(frozen=True)
class PlanItem:
    rule_id: str
    rule: str  # its title
    level: int  # the level this item lifts the question to
    question_id: str
    question: str
    action: str  # the question's option at that level: what to put in place
    owner: str  # the accountable function's name, or UNOWNED
    forum: str | None  # where the work is reviewed
    metric: str | None  # what shows it working
    evidence: str | None  # what proves it done
    quarter: int  # 1-based
    due: dt.date
    overloaded: bool = False


@dataclass(frozen=True)
class Overload:
    owner: str
    quarter: int
    items: int  # placed there
    load: int  # the most a quarter takes


@dataclass(frozen=True)
class Plan:
    start: dt.date
    quarters: int
    load: int
    items: tuple[PlanItem, ...]
    overloads: tuple[Overload, ...]
