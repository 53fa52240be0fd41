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
