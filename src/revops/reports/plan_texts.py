"""The improvement plan's sentences, shared by its formats (plan_formats.py) and the HTML
report (documents.py). Their words are in texts.json (the `plan_` texts), which the assessment
page's planner (docs/assets/revops-plan.js) reads too, so the page's exports say the same."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from revops.reports.texts import TEXTS, say

# What an item says beyond its title, in this order: (its field, the text naming it).
DETAILS = ("action", "owner", "forum", "metric", "evidence")


def team_of(dump: dict[str, Any]) -> str:
    return str(dump.get("team") or TEXTS["plan_unnamed_team"])


def plan_title(dump: dict[str, Any]) -> str:
    return say("plan_title", {"team": team_of(dump)})


def plan_head(plan: dict[str, Any]) -> str:
    """ "28 items over 2 quarters from 2026-07-01, at most 3 per function a quarter"; "1 item
    over 1 quarter" when there is one of each."""
    count, quarters = len(plan["items"]), plan["quarters"]
    items = say("plan_items", {"count": count}, count)
    span = say("plan_quarters", {"quarters": quarters}, quarters)
    return say("plan_head", {**plan, "items": items, "span": span})


def overload_text(overload: dict[str, Any]) -> str:
    return say("plan_overload", {**overload, "excess": overload["items"] - overload["load"]})


def overload_lines(plan: dict[str, Any]) -> list[str]:
    return [say("plan_overloaded_line", {"overload": overload_text(o)}) for o in plan["overloads"]]


def quarter_title(quarter: int, items: list[dict[str, Any]]) -> str:
    return say("plan_quarter", {"quarter": quarter, "due": items[0]["due"]})


def summary_of(item: dict[str, Any]) -> str:
    """An item's title: "Alignment is the North Star to level 4: How are targets set?"."""
    return say("plan_summary", item)


def details_of(item: dict[str, Any]) -> list[tuple[str, str]]:
    """What an item says beyond its title, as (label, text), leaving out what is unknown."""
    return [(TEXTS[f"plan_{field}"], item[field]) for field in DETAILS if item[field]]


def by_quarter(plan: dict[str, Any]) -> list[tuple[int, list[dict[str, Any]]]]:
    """The items quarter by quarter, each quarter in plan order."""
    ordered = sorted(plan["items"], key=lambda item: item["quarter"])  # stable
    return [(q, list(items)) for q, items in groupby(ordered, key=lambda item: item["quarter"])]
