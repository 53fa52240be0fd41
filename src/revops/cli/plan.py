"""`revops plan`: the answers scored as `revops score` scores them, then the improvement plan
for each rule below its target, written where it is asked."""

from __future__ import annotations

import argparse
from typing import Any

from revops.cli.errors import UsageError, say


def run_plan(args: argparse.Namespace) -> int:
    from revops.advice.plan_limits import MAX_QUARTERS
    from revops.api import assess_dump
    from revops.cli.score import check_previous, deliver, output_of
    from revops.reports.plan_formats import render_plan

    if not 1 <= args.quarters <= MAX_QUARTERS:
        raise UsageError(f"--quarters must be 1 to {MAX_QUARTERS}, not {args.quarters}")
    if args.load < 1:
        raise UsageError(f"--load must be 1 or more, not {args.load}")
    check_previous(args)
    output = output_of(args)
    report = assess_dump(args.root, args.files, **_options(args))
    plan = report.get("plan")
    if plan is None:
        say(
            "no rule has a target: give the company's stage (--stage, or a profile in the "
            "answer files) for the stage's default targets, targets in an answer file, or "
            "--target RULE=LEVEL"
        )
    for overload in (plan or {}).get("overloads", []):
        say(
            f"{overload['owner']} has {overload['items']} items in quarter "
            f"{overload['quarter']}, {overload['items'] - overload['load']} over --load "
            f"{overload['load']}: they are marked overloaded; add quarters, raise the load "
            "or drop items"
        )
    for line in _room_needed(plan or {}, MAX_QUARTERS):
        say(line)
    return deliver(render_plan(report, args.format), output, args, "plan")


def _room_needed(plan: dict[str, Any], most: int) -> list[str]:
    """For each overloaded function, the fewest quarters its items could take at the load:
    a floor, since a level waits for the level below."""
    owners = dict.fromkeys(o["owner"] for o in plan.get("overloads", []))
    lines = []
    for owner in owners:
        count = sum(item["owner"] == owner for item in plan["items"])
        need = -(-count // plan["load"])
        where = (
            f"at least {need} quarters (--quarters {need})"
            if need <= most
            else f"more than the {most} quarters a plan can span, so raise --load"
        )
        lines.append(f"{owner} carries {count} items: at --load {plan['load']} they need {where}")
    return lines


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """assess's options: score's, and the plan's start, quarters and load."""
    from revops.cli.score import assess_options

    return {
        **assess_options(args),
        "start": args.start,
        "quarters": args.quarters,
        "load": args.load,
    }
