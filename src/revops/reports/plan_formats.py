"""The improvement plan (advice/plan.py) as `revops plan` writes it: JSON, terminal text, a
Markdown checklist, and CSV for a tracker's import."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from typing import Any

from revops.foundation.characters import map_strings, one_line
from revops.foundation.csvout import csv_text
from revops.reports.documents import markdown_text, render_document
from revops.reports.plan_texts import (
    by_quarter,
    details_of,
    overload_lines,
    plan_head,
    plan_title,
    quarter_title,
    summary_of,
)
from revops.reports.texts import TEXTS

WIDTH = 100
# One header for the trackers' CSV importers (README, "Improvement plan", says what each
# reads): Jira and Asana map Summary/Name, Description and Due Date; Jira reads each Labels
# column as one label; no tool takes a function's name as an assignee, so it is Owner.
CSV_HEADER = (
    "Summary",
    "Description",
    "Due Date",
    "Labels",
    "Labels",
    "Labels",
    "Owner",
    "Quarter",
    "Question",
)


def render_plan(report: dict[str, Any], fmt: str) -> str:
    """The report's plan in one of PLAN_FORMATS: json writes the plan with the team and
    date it was made for."""
    plan = report.get("plan") or {"start": None, "quarters": 0, "load": 0, "items": []}
    dump = {"team": report["team"], "assessed": report["date"], **plan}
    dump.setdefault("overloads", [])
    if fmt == "json":
        return json.dumps(dump, indent=1, ensure_ascii=False) + "\n"
    if fmt == "html":
        return render_document(report, "html", "plan.html.j2")
    dump = map_strings(dump, lambda _, text: one_line(text))
    return {"terminal": _terminal, "markdown": _markdown, "csv": _csv}[fmt](dump)


def _terminal(dump: dict[str, Any]) -> str:
    lines = textwrap.wrap(f"{plan_title(dump)}: {plan_head(dump)}", WIDTH)
    lines += [text for line in overload_lines(dump) for text in textwrap.wrap(line, WIDTH)]
    for quarter, items in by_quarter(dump):
        lines += ["", quarter_title(quarter, items)]
        for item in items:
            flag = f"  ({TEXTS['plan_overloaded']})" if item["overloaded"] else ""
            lines += textwrap.wrap(f"- {summary_of(item)}{flag}", WIDTH, subsequent_indent="  ")
            for label, text in details_of(item):
                lines += textwrap.wrap(
                    f"{label}: {text}", WIDTH, initial_indent="    ", subsequent_indent="      "
                )
    if not dump["items"]:
        lines += ["", TEXTS["plan_nothing"]]
    return "\n".join(lines) + "\n"


def _markdown(dump: dict[str, Any]) -> str:
    dump = map_strings(dump, lambda _, text: markdown_text(text))
    lines = [f"# {plan_title(dump)}", "", plan_head(dump) + "."]
    if overloads := overload_lines(dump):
        # a list: quoted lines without one would run into a single paragraph
        lines += ["", *(f"> - **{line}**" for line in overloads)]
    for quarter, items in by_quarter(dump):
        lines += ["", f"## {quarter_title(quarter, items)}", ""]
        for item in items:
            flag = f" *({TEXTS['plan_overloaded']})*" if item["overloaded"] else ""
            lines.append(f"- [ ] **{summary_of(item)}**{flag}")
            lines += [f"    - {label}: {text}" for label, text in details_of(item)]
    if not dump["items"]:
        lines += ["", TEXTS["plan_nothing"]]  # a paragraph of its own, not the head's
    return "\n".join(lines) + "\n"


def _csv(dump: dict[str, Any]) -> str:
    """One row an item; the due date as MM/DD/YYYY, the only format the importers' documents
    name (Asana), which Jira reads once told; labels without spaces, as Jira needs."""
    rows: list[list[object]] = [list(CSV_HEADER)]
    for item in dump["items"]:
        due = dt.date.fromisoformat(item["due"])
        rows.append(
            [
                summary_of(item),
                "\n".join(f"{label}: {text}" for label, text in details_of(item)),
                f"{due.month:02}/{due.day:02}/{due.year}",
                "revops-plan" if not item["overloaded"] else "revops-overloaded",
                item["rule_id"],
                f"level-{item['level']}",
                item["owner"],
                f"Q{item['quarter']}",
                item["question_id"],
            ]
        )
    return csv_text(rows)
