"""Blank answer sheets: every question present and unanswered. The YAML sheet scores as it
stands; the CSV sheet needs a name or role in its empty row first.

Written from the question bank, so they work from the bank a package carries as well as from
a project's own content."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from typing import Any

from revops.bank.profile import known_profiles
from revops.foundation.csvout import csv_comment, csv_text


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=92,
        break_on_hyphens=False,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   ",
    )


def _questions(bank: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for rule in bank["rules"] for q in rule["questions"]]


def yaml_sheet(bank: dict[str, Any]) -> str:
    levels = ", ".join(f"{lv['level']} {lv['name']}" for lv in bank["levels"])
    from_level = bank["parameters"].get("evidence_from_level", 3)
    stages = known_profiles(bank)
    lines = [
        "# RevOps maturity assessment: answer sheet.",
        f"# Answer each question with a level ({levels}),",
        "# n/a when it does not apply to your team, unknown when you don't know,",
        "# or leave it empty. Then run: revops score THIS_FILE",
        "# An answer of level {from_level} or above may name what backs it, in place of the bare",
        "# level: {{level: 4, evidence: https://..., owner: Dana, checked: 2026-05-01}}",
        f"team: {json.dumps('Your team')}",
        f"date: {dt.date.today().isoformat()}",
        "respondent:",
        "  name: null",
        "  role: null   # the function: sales, marketing, customer success, finance, RevOps...",
        "profile:       # orders the advice; ids from the playbook's guidance by stage and motion",
        f"  stage: null   # {', '.join(stages['stage']) or 'no stages in this playbook'}",
        f"  motion: null  # {', '.join(stages['motion']) or 'no motions in this playbook'}",
        "targets:       # optional: the level to aim for per rule, 1 to 5; null takes the stage's",
        *[f"  {rule['id']}: null" for rule in bank["rules"]],
        "metrics:       # optional readings that check the ratings, e.g. 0.82 for 82%:",
        *[f"  {metric_id}: null" for metric_id in bank.get("readings") or {}],
        "answers:",
    ]
    lines[4:6] = [line.format(from_level=from_level) for line in lines[4:6]]
    for rule in bank["rules"]:
        lines += ["", f"  # == {rule['title']} =="]
        for question in rule["questions"]:
            lines += _comment(question["text"], "  ")
            if question.get("help"):
                lines += _comment(f"({question['help']})", "  ")
            evidence = question.get("evidence") or {}
            for level in bank["levels"]:
                option = question["options"][str(level["level"])]
                lines += _comment(f"{level['level']}: {option}", "  ")
                if hint := evidence.get(str(level["level"])):
                    lines += _comment(f"   (what shows it: {hint})", "  ")
            lines.append(f"  {question['id']}: null")
    return "\n".join(lines) + "\n"


def csv_sheet(bank: dict[str, Any]) -> str:
    """Header plus one empty row. Lines starting with # list the questions and are skipped;
    each holds its text as one quoted cell, neutralised, as an overlay may write any text."""
    questions = _questions(bank)
    ids = [q["id"] for q in questions]
    comments = [
        csv_comment(
            "# RevOps maturity assessment:",
            (
                "One row per respondent. Answers: 1-5, n/a, unknown, or empty. Team and date "
                "(YYYY-MM-DD) may be left empty and given to `revops score` as --team and --date "
                "instead. To record what backs an answer, add a column named "
                "<question id>:evidence beside it."
            ),
        )
    ]
    comments += [csv_comment(f"# {q['id']}:", " ".join(q["text"].split())) for q in questions]
    header = ["respondent", "role", "team", "date", *ids]
    return "".join(comments) + csv_text([header, [""] * len(header)])


# The questions a survey asks before the assessment; survey.py reads their answers back.
FORM_NAME = "What is your name?"
FORM_ROLE = "Which function do you work in?"
FORM_TEAM = "Which business or team do your answers describe?"
FORM_NOT_APPLICABLE = "Not applicable to our business"
FORM_UNKNOWN = "Don't know"


FORM_ADVICE = (
    "Create one question per numbered item, in this order. Paste only the numbered line "
    "as the question's title (the number may stay or go). Under the first three items the "
    "indented line is a note for you; under the others, a line before the options is the "
    "question's description. Make the first three short-answer questions. "
    "Make every other question single choice (Google Forms: Multiple choice; Microsoft "
    "Forms: Choice with multiple answers off), not a checkbox, scale, rating or grid, with "
    "its options in the order given. Add no 'Other' option, leave option shuffling off, "
    "and do not make the questions required. Sections and page breaks do no harm. Keep "
    "the wording: `revops score` reads the tool's export by it (the CSV, or Microsoft "
    "Forms' Excel workbook as it is). If the tool records names or email addresses, the "
    "name question may go."
)
FORM_DESCRIPTION = (
    "A description for the form itself: Choose the option that describes what happens "
    "today, not what is planned. The options run from the least to the most developed "
    'practice. Choose "Don\'t know" rather than guess.'
)
# The questions about the respondent, each with a note for whoever builds the form
FORM_INTRO = [
    (FORM_NAME, "Short answer, optional."),
    (
        FORM_ROLE,
        "Short answer, for example sales, marketing, customer success, "
        "finance, RevOps or product; or a dropdown of your functions.",
    ),
    (
        FORM_TEAM,
        "Short answer, or a dropdown of the businesses or teams you "
        "assess; one answer per team keeps the report together.",
    ),
]


def survey_form(bank: dict[str, Any], markdown: bool = False, tool: str | None = None) -> str:
    """The questionnaire to paste into a survey tool, in order and in the words whose export
    `revops score` reads back without edits; with `tool` (a key of form_tools.TOOLS), how to
    set it up in that tool and export its answers."""
    lines = [
        "# RevOps maturity assessment" if markdown else "RevOps maturity assessment",
        "",
        *textwrap.wrap(FORM_ADVICE, width=92),
        "",
        *textwrap.wrap(FORM_DESCRIPTION, width=92),
        "",
    ]
    if tool is not None:
        from revops.bank.form_tools import tool_lines

        lines += tool_lines(tool, markdown)
    heading = "### " if markdown else ""
    lines += ["## About you", ""] if markdown else []
    for number, (text, note) in enumerate(FORM_INTRO, 1):
        lines += [f"{heading}{number}. {text}", "", f"{'' if markdown else '   '}{note}", ""]
    lines += _form_questions(bank, markdown, len(FORM_INTRO))
    return "\n".join(lines).rstrip("\n") + "\n"


def _form_questions(bank: dict[str, Any], markdown: bool, number: int) -> list[str]:
    """Each rule's questions, numbered on from `number`, with their options in level order."""
    one_line = " ".join
    heading = "### " if markdown else ""
    bullet = "- " if markdown else "   - "
    lines: list[str] = []
    for rule in bank["rules"]:
        if markdown:
            lines += [f"## {rule['title']}", ""]
        for question in rule["questions"]:
            number += 1
            lines.append(f"{heading}{number}. {one_line(question['text'].split())}")
            lines.append("")
            if question.get("help"):
                lines += [f"{'' if markdown else '   '}{one_line(question['help'].split())}", ""]
            options = [question["options"][str(level["level"])] for level in bank["levels"]]
            lines += [
                f"{bullet}{one_line(option.split())}"
                for option in [*options, FORM_NOT_APPLICABLE, FORM_UNKNOWN]
            ]
            lines.append("")
    return lines
