"""`revops validate`, `template`, `form` and `new`: the commands about the content itself."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from revops.cli.errors import UsageError, emit, say

EXAMPLES = "assessment/examples"


def _bank(args: argparse.Namespace) -> tuple[dict[str, Any], str, Any]:
    """(bank, where it came from, the overlay applied or None); InvalidInput if either is
    invalid."""
    from revops.bank.cache import find_bank

    bank, source, _ = find_bank(args.root)
    if args.overlay is None:
        return bank, source, None
    from revops.content.overlay import load_overlay

    applied = load_overlay(args.overlay, bank)
    return applied.bank, source, applied


def run_validate(args: argparse.Namespace) -> int:
    from revops.answers.documents import load_answer_files
    from revops.bank.cache import has_content
    from revops.content.playbook import load_playbook

    if args.overlay is not None and not has_content(args.root) and args.root == Path("."):
        return _validate_overlay_alone(args)  # an installed revops, outside any project
    playbook = load_playbook(args.root)
    examples = args.root / EXAMPLES
    files = (
        sorted(f for f in examples.iterdir() if f.is_file() and not f.name.startswith("."))
        if examples.is_dir()
        else []
    )
    load_answer_files(files, playbook)
    overlay = _overlay_on(playbook, args.overlay)
    for warning in playbook.warnings:
        say(f"warning: {warning}")
    answers = f"; {len(files)} example answer file{'s' if len(files) != 1 else ''} read"
    return emit(f"OK: {playbook.summary()}{answers if files else ''}{overlay}\n", "the summary")


def _overlay_on(playbook: Any, path: Path | None) -> str:
    """'' or a note on the overlay at path, checked against the playbook's questions."""
    if path is None:
        return ""
    from revops.bank.build import bank
    from revops.content.overlay import load_overlay
    from revops.content.planning_overlay import planning_with_overlay

    applied = load_overlay(path, bank(playbook))
    planning_with_overlay(playbook.reference.planning, path)  # its planning inputs hold too
    changed = len(applied.overlay.planning)
    parts = [applied.summary()] if applied.summary() != "no changes" or not changed else []
    parts += [f"{changed} planning input{'s' if changed != 1 else ''} set"] if changed else []
    return f"; overlay {path.name}: {', '.join(parts)}"


def _validate_overlay_alone(args: argparse.Namespace) -> int:
    args.root = None  # the packaged bank
    bank, source, applied = _bank(args)
    return emit(
        f"OK: overlay {args.overlay.name} fits {source}: {applied.summary()}\n", "the summary"
    )


def run_template(args: argparse.Namespace) -> int:
    from revops.bank.sheets import csv_sheet, yaml_sheet

    bank, _, _ = _bank(args)
    return emit(yaml_sheet(bank) if args.format == "yaml" else csv_sheet(bank), "the answer sheet")


def run_form(args: argparse.Namespace) -> int:
    from revops.bank.sheets import survey_form

    bank, _, _ = _bank(args)
    return emit(
        survey_form(bank, markdown=args.format == "markdown", tool=args.tool), "the questionnaire"
    )


def run_new(args: argparse.Namespace) -> int:
    from revops.content.playbook import load_playbook
    from revops.content.scaffold import ScaffoldError, new_forum, new_metric, new_question, new_rule
    from revops.foundation.output import UnsafeTarget

    written: list[object]
    try:
        playbook = load_playbook(args.root)
        if args.kind == "rule":
            written = list(new_rule(playbook, args.id))
        elif args.kind == "metric":
            written = [new_metric(playbook, args.id, args.owner)]
        elif args.kind == "forum":
            written = [new_forum(playbook, args.id)]
        else:
            path, question_id = new_question(playbook, args.id)
            written = [f"{path} (question {question_id})"]
    except (ScaffoldError, UnsafeTarget) as error:  # UnsafeTarget: a file not to replace
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(
            f"{error.filename or 'a file'}: {error.strerror}; nothing more written"
        ) from None
    return emit(
        "".join(f"wrote {path}\n" for path in written)
        + "Replace every TODO, then run `revops validate`.\n",
        "the summary",
    )
