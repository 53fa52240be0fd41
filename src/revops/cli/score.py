"""`revops score`: a thin client of revops.assess (through assess_dump, the same pipeline
without pydantic, so the command starts fast) that writes the report where it is asked."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import Any

from revops.cli.errors import EXIT_OK, UsageError, emit, say


def run_score(args: argparse.Namespace) -> int:
    """score, with the cycle collector paused: a run makes few reference cycles, and the
    collector's passes over a large team's rows took a fifth of its time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _score(args)
    finally:
        if collecting:
            gc.enable()


def _score(args: argparse.Namespace) -> int:
    from revops.api import assess_dump
    from revops.reports import render

    if args.top < 0:
        raise UsageError("--top must be 0 or more")
    check_previous(args)
    output = output_of(args)
    report = assess_dump(args.root, args.files, **assess_options(args))
    return deliver(render(report, args.format), output, args, "report")


def check_previous(args: argparse.Namespace) -> None:
    """--previous given more often than a history takes: refused before any file is read."""
    from revops.options import MAX_PREVIOUS

    if len(args.previous) > MAX_PREVIOUS:
        raise UsageError(
            f"--previous is given {len(args.previous)} times; a history takes at "
            f"most {MAX_PREVIOUS} earlier assessments, so leave out the oldest"
        )


# Where score or plan writes: standard output (no target) or a checked file, and the files
# the run reads, which the target may not overwrite.
Output = tuple[Path | None, list[Path]]


def output_of(args: argparse.Namespace) -> Output:
    """The --output target, refused before any work when it would overwrite an input."""
    if args.output is None:
        return None, []
    inputs = inputs_of(args)
    return checked_output(args.output, inputs), inputs


def deliver(text: str, output: Output, args: argparse.Namespace, what: str) -> int:
    """The text on standard output, or written whole to --output and said so."""
    target, inputs = output
    if target is None:
        return emit(text, f"the {what}")
    write_output(target, text, inputs, args.output)
    say(f"wrote {args.format} {what} to {args.output}")
    return EXIT_OK


def assess_options(args: argparse.Namespace) -> dict[str, Any]:
    """assess's options from the arguments score and plan share."""
    return dict(
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


def checked_output(output: str, inputs: list[Path]) -> Path:
    """The --output target, refused before any work when it would overwrite an input."""
    from revops.foundation.output import UnsafeTarget, check_target

    try:
        return check_target(output, inputs)
    except UnsafeTarget as error:
        raise UsageError(str(error)) from None


def write_output(target: Path, text: str, inputs: list[Path], output: str) -> None:
    """The text written to the target whole or not at all."""
    from revops.foundation.output import UnsafeTarget, write_atomically

    try:
        write_atomically(target, text, inputs)
    except UnsafeTarget as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None


def inputs_of(args: argparse.Namespace) -> list[Path]:
    """Every file score reads: the answers, earlier assessments, overlay and content."""
    from revops.bank.cache import content_files, has_content

    folder = Path(".") if args.root is None else args.root
    content = content_files(folder) if has_content(folder) else []
    overlay = [] if args.overlay is None else [args.overlay]
    return [*args.files, *args.previous, *overlay, *content]
