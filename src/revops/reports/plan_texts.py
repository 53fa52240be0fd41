"""The improvement plan's sentences, shared by its formats (plan_formats.py) and the HTML
report (documents.py)."""

from __future__ import annotations

from itertools import groupby
from typing import Any


def team_of(dump: dict[str, Any]) -> str:
    return str(dump.get("team") or "unnamed team")


def plan_head(plan: dict[str, Any]) -> str:
    """ "28 items over 2 quarters from 2026-07-01, at most 3 per function a quarter"."""
    count = len(plan["items"])
    return (
        f"{count} item{'s' if count != 1 else ''} over {plan['quarters']} quarters from "
        f"{plan['start']}, at most {plan['load']} per function a quarter"
    )


def overload_text(overload: dict[str, Any]) -> str:
    return (
        f"{overload['owner']} has {overload['items']} items in quarter {overload['quarter']}, "
        f"{overload['items'] - overload['load']} over the load of {overload['load']}"
    )


def overload_lines(plan: dict[str, Any]) -> list[str]:
    return [f"OVERLOADED: {overload_text(o)}" for o in plan["overloads"]]


def summary_of(item: dict[str, Any]) -> str:
    """An item's title: "Alignment is the North Star to level 4: How are targets set?"."""
    return f"{item['rule']} to level {item['level']}: {item['question']}"


def details_of(item: dict[str, Any]) -> list[tuple[str, str]]:
    """What an item says beyond its title, as (label, text), leaving out what is unknown."""
    found = [
        ("Put in place", item["action"]),
        ("Owner", item["owner"]),
        ("Reviewed at", item["forum"]),
        ("Shows it working", item["metric"]),
        ("Evidence it is done", item["evidence"]),
    ]
    return [(label, text) for label, text in found if text]


def by_quarter(plan: dict[str, Any]) -> list[tuple[int, list[dict[str, Any]]]]:
    """The items quarter by quarter, each quarter in plan order."""
    ordered = sorted(plan["items"], key=lambda item: item["quarter"])  # stable
    return [(q, list(items)) for q, items in groupby(ordered, key=lambda item: item["quarter"])]
