"""The improvement plan (advice/plan.py) as `revops plan` writes it: JSON, terminal text, a
Markdown checklist, and CSV for a tracker's import."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from typing import Any

from revops.foundation.characters import map_strings, one_line
from revops.foundation.csvout import csv_text
from revops.reports.documents import markdown_text

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
    dump = map_strings(dump, lambda _, text: one_line(text))
    return {"terminal": _terminal, "markdown": _markdown, "csv": _csv}[fmt](dump)


def summary_of(item: dict[str, Any]) -> str:
    """An item's title: "Alignment is the North Star to 4: How are targets set?"."""
    return f"{item['rule']} to {item['level']}: {item['question']}"


def _details(item: dict[str, Any]) -> list[tuple[str, str]]:
    """What an item says beyond its title, as (label, text), leaving out what is unknown."""
    found = [
        ("Put in place", item["action"]),
        ("Owner", item["owner"]),
        ("Reviewed at", item["forum"]),
        ("Shows it working", item["metric"]),
        ("Evidence it is done", item["evidence"]),
    ]
    return [(label, text) for label, text in found if text]


def _head(dump: dict[str, Any]) -> str:
    count = len(dump["items"])
    return (
        f"Improvement plan for {dump['team'] or 'unnamed team'}: {count} item"
        f"{'s' if count != 1 else ''} over {dump['quarters']} quarters from {dump['start']}, "
        f"at most {dump['load']} per function a quarter"
    )


def _overload_lines(dump: dict[str, Any]) -> list[str]:
    return [
        f"OVERLOADED: {o['owner']} has {o['items']} items in quarter {o['quarter']}, "
        f"{o['items'] - o['load']} over the load of {o['load']}"
        for o in dump["overloads"]
    ]


def _terminal(dump: dict[str, Any]) -> str:
    lines = textwrap.wrap(_head(dump), WIDTH)
    lines += [text for line in _overload_lines(dump) for text in textwrap.wrap(line, WIDTH)]
    for quarter in range(1, dump["quarters"] + 1):
        items = [item for item in dump["items"] if item["quarter"] == quarter]
        if not items:
            continue
        lines += ["", f"Quarter {quarter}, due {items[0]['due']}"]
        for item in items:
            flag = "  (overloaded)" if item["overloaded"] else ""
            lines += textwrap.wrap(f"- {summary_of(item)}{flag}", WIDTH, subsequent_indent="  ")
            for label, text in _details(item):
                lines += textwrap.wrap(
                    f"{label}: {text}", WIDTH, initial_indent="    ", subsequent_indent="      "
                )
    if not dump["items"]:
        lines += ["", "Every rule with a target has reached it: nothing to plan."]
    return "\n".join(lines) + "\n"


def _markdown(dump: dict[str, Any]) -> str:
    dump = map_strings(dump, lambda _, text: markdown_text(text))
    lines = [f"# {_head(dump)}", ""]
    lines += [f"> **{line}**" for line in _overload_lines(dump)]
    for quarter in range(1, dump["quarters"] + 1):
        items = [item for item in dump["items"] if item["quarter"] == quarter]
        if not items:
            continue
        lines += ["", f"## Quarter {quarter}, due {items[0]['due']}", ""]
        for item in items:
            flag = " *(overloaded)*" if item["overloaded"] else ""
            lines.append(f"- [ ] **{summary_of(item)}**{flag}")
            lines += [f"    - {label}: {text}" for label, text in _details(item)]
    if not dump["items"]:
        lines += ["Every rule with a target has reached it: nothing to plan."]
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
                "\n".join(f"{label}: {text}" for label, text in _details(item)),
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
