"""`revops plan`: the answers scored as `revops score` scores them, then the improvement plan
for each rule below its target, written where it is asked."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from revops.cli.errors import EXIT_OK, UsageError, emit, say

if TYPE_CHECKING:
    from revops.api import Options


def run_plan(args: argparse.Namespace) -> int:
    from revops.advice.plan import make_plan
    from revops.advice.plan_options import MAX_QUARTERS
    from revops.api import MAX_PREVIOUS, Options, assessment_of
    from revops.cli.score import checked_output, inputs_of, write_output
    from revops.reports.plan_formats import plan_dump, render_plan

    if not 1 <= args.quarters <= MAX_QUARTERS:
        raise UsageError(f"--quarters must be 1 to {MAX_QUARTERS}, not {args.quarters}")
    if args.load < 1:
        raise UsageError(f"--load must be 1 or more, not {args.load}")
    if len(args.previous) > MAX_PREVIOUS:
        raise UsageError(f"--previous takes at most {MAX_PREVIOUS} earlier assessments")
    inputs = [] if args.output is None else inputs_of(args)
    target = None if args.output is None else checked_output(args.output, inputs)
    assessment, found = assessment_of(args.root, args.files, _options(args, Options))
    result = assessment.result
    if not assessment.targets:
        say(
            "no rule has a target: give the company's stage (--stage, or a profile in the "
            "answer files) for the stage's default targets, or --target RULE=LEVEL"
        )
    start = args.start or (dt.date.fromisoformat(result.date) if result.date else dt.date.today())
    plan = make_plan(found.bank, assessment, start, args.quarters, args.load)
    for overload in plan.overloads:
        say(
            f"{overload.owner} has {overload.items} items in quarter {overload.quarter}, "
            f"{overload.items - overload.load} over --load {overload.load}: they are marked "
            "overloaded; add quarters, raise the load or drop items"
        )
    text = render_plan(plan_dump(plan, result.team, result.date), args.format)
    if target is None:
        return emit(text, "the plan")
    write_output(target, text, inputs, args.output)
    say(f"wrote {args.format} plan to {args.output}")
    return EXIT_OK


def _options(args: argparse.Namespace, options: type[Options]) -> Options:
    """assess's options from the arguments plan shares with score."""
    return options(
        previous=args.previous,
        stage=args.stage,
        motion=args.motion,
        readings=args.reading,
        targets=args.target,
        anonymous=args.anonymous,
        team=args.team,
        date=args.date,
        sheet=args.sheet,
        date_order=args.date_order,
        ignore_columns=args.ignore_column,
        top=args.top,
        site_url=args.site_url,
        overlay=args.overlay,
        notify=say,
    )
