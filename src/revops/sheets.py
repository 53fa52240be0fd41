"""Blank answer sheets: every question present and unanswered. The YAML sheet scores as it
stands; the CSV sheet needs a name or role in its empty row first.

Written from the question bank, so they work from the bank a package carries as well as from
a project's own content."""

from __future__ import annotations

import datetime as dt
import json
import textwrap


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=92, initial_indent=f"{indent}# ",
                         subsequent_indent=f"{indent}#   ")


def _questions(bank: dict) -> list[dict]:
    return [q for rule in bank["rules"] for q in rule["questions"]]


def yaml_sheet(bank: dict) -> str:
    levels = ", ".join(f"{lv['level']} {lv['name']}" for lv in bank["levels"])
    lines = [
        "# RevOps maturity assessment: answer sheet.",
        f"# Answer each question with a level ({levels}),",
        "# n/a when it does not apply to your team, unknown when you don't know,",
        "# or leave it empty. Then run: revops score THIS_FILE",
        f"team: {json.dumps('Your team')}",
        f"date: {dt.date.today().isoformat()}",
        "respondent:",
        "  name: null",
        "  role: null   # the function: sales, marketing, customer success, finance, RevOps...",
        "answers:",
    ]
    for rule in bank["rules"]:
        lines += ["", f"  # == {rule['title']} =="]
        for question in rule["questions"]:
            lines += _comment(question["text"], "  ")
            if question.get("help"):
                lines += _comment(f"({question['help']})", "  ")
            for level in bank["levels"]:
                option = question["options"][str(level["level"])]
                lines += _comment(f"{level['level']}: {option}", "  ")
            lines.append(f"  {question['id']}: null")
    return "\n".join(lines) + "\n"


def csv_sheet(bank: dict) -> str:
    """Header plus one empty row. Lines starting with # list the questions and are skipped."""
    questions = _questions(bank)
    ids = [q["id"] for q in questions]
    lines = ["# RevOps maturity assessment: one row per respondent. Answers: 1-5, n/a, "
             "unknown, or empty. Team and date (YYYY-MM-DD) may be left empty and given to "
             "`revops score` as --team and --date instead."]
    lines += [f"# {q['id']}: {' '.join(q['text'].split())}" for q in questions]
    lines.append(",".join(["respondent", "role", "team", "date", *ids]))
    lines.append("," * (len(ids) + 3))
    return "\r\n".join(lines) + "\r\n"


# The questions a survey asks before the assessment; survey.py reads their answers back.
FORM_NAME = "What is your name?"
FORM_ROLE = "Which function do you work in?"
FORM_TEAM = "Which team or company does this assessment cover?"
FORM_NOT_APPLICABLE = "Not applicable to our business"
FORM_UNKNOWN = "Don't know"


def survey_form(bank: dict, markdown: bool = False) -> str:
    """The questionnaire to paste into a survey tool, in order and in the words whose export
    `revops score` reads back without edits."""
    one_line = " ".join
    lines = ["# RevOps maturity assessment" if markdown else "RevOps maturity assessment", "",
             *textwrap.wrap(
                 "Create one question per numbered item, in this order, with the wording as "
                 "written (the number may stay or go). Make each assessment question multiple "
                 "choice with one answer and its options in the order given, and do not make "
                 "them required. Keep the wording: `revops score` reads the tool's export by "
                 "it. If the tool records email addresses or names, the name question may be "
                 "left out.", width=92), ""]
    intro = [(FORM_NAME, "Short answer, optional."),
             (FORM_ROLE, "Short answer: sales, marketing, customer success, finance, RevOps, "
                         "product..."),
             (FORM_TEAM, "Short answer.")]
    number = 0
    heading = "### " if markdown else ""
    bullet = "- " if markdown else "   - "
    lines += ["## About you", ""] if markdown else []
    for text, note in intro:
        number += 1
        lines += [f"{heading}{number}. {text}", "", f"{'' if markdown else '   '}{note}", ""]
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
            lines += [f"{bullet}{one_line(option.split())}"
                      for option in [*options, FORM_NOT_APPLICABLE, FORM_UNKNOWN]]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
