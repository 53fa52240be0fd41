"""The default report: a table a person reads in a terminal."""

from __future__ import annotations

import textwrap

from revops.content.addresses import rule_practices
from revops.foundation.characters import map_strings, one_line
from revops.reports.texts import (
    calibration_text,
    evidence_text,
    history_rows,
    moved_text,
    profile_text,
    reading_text,
    unevidenced_text,
)

BAR_WIDTH = 20


def gap_text(gap: dict) -> str:
    """The two functions furthest apart on a rule: "sales 4.50 vs marketing 2.00"."""
    return (
        f"{gap['high']['role']} {gap['high']['score']:.2f} vs "
        f"{gap['low']['role']} {gap['low']['score']:.2f}"
    )


def bar(score: float | None, top: int = 5) -> str:
    if score is None:
        return "·" * BAR_WIDTH
    filled = round(score / top * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _score(value: float | None) -> str:
    return f"{value:4.2f}" if value is not None else "  - "


def _delta(value: float | None) -> str:
    return f"{value:+.2f}" if value is not None else "  n/a"


def _history(report: dict) -> list[str]:
    """Each line's series over the earlier assessments and now, and what moved most."""
    if not report.get("history"):
        return []
    dates, rows = history_rows(report)
    width = max(len(title) for title, _ in rows)
    lines = ["", f"{'History':<{width}}  " + "  ".join(f"{d:>10}" for d in dates)]
    lines += [
        f"{title:<{width}}  " + "  ".join(f"{_score(v):>10}" for v in values)
        for title, values in rows
    ]
    if report.get("moved"):
        lines += ["", f"What moved most since {dates[-2]}"]
        lines += [
            line
            for change in report["moved"]
            for line in textwrap.wrap(f"- {moved_text(change)}", width=96, subsequent_indent="  ")
        ]
    return lines


def render_terminal(report: dict) -> str:
    # No value sends a control character (ESC or U+009B would start a terminal command) or
    # starts a line of its own.
    report = map_strings(report, lambda _, text: one_line(text))
    lines = _head(report)
    lines += _rule_table(report)
    lines += _history(report)
    lines += _readings(report)
    if report["recommendations"]:
        lines += [
            "",
            "What to do next" + (f", for {text}" if (text := profile_text(report)) else ""),
        ]
    for number, rec in enumerate(report["recommendations"], 1):
        lines += _recommendation(number, rec)
    lines += _content(report)
    return "\n".join(lines) + "\n"


def _head(report: dict) -> list[str]:
    """Who was assessed, how many answered, and the overall score."""
    overall = report["overall"]
    people = len(report["respondents"])
    head = f"RevOps maturity report: {report['team'] or 'unnamed team'}"
    if report["date"]:
        head += f", {report['date']}"
    answered = (
        f"{people} respondent{'s' if people != 1 else ''}; "
        f"{overall['coverage']:.0%} of questions have a level"
    )
    if evidence := evidence_text(report):
        answered += f"; {evidence}"
    if overall["score"] is not None:
        score = (
            f"Overall  {_score(overall['score'])}  level {overall['level']} {overall['level_name']}"
        )
    else:
        score = "Overall  no score: every rule has too few answers"
    if "comparison" in report:
        score += f"  ({_delta(report['comparison']['overall']['delta'])} since last time)"
    return [head, answered, "", score]


def _rule_table(report: dict) -> list[str]:
    """One row a rule: score, level, a bar, the change since last time and what stands out."""
    changes = {c["id"]: c for c in report.get("comparison", {}).get("rules", [])}
    width = max(len(r["title"]) for r in report["rules"])
    header = f"{'Rule':<{width}}  Score  Level          {'':{BAR_WIDTH}}"
    if changes:
        header += "  Change"
    lines = ["", header]
    for rule in report["rules"]:
        level = f"{rule['level']} {rule['level_name']}" if rule["level"] else "insufficient"
        row = (
            f"{rule['title']:<{width}}  {_score(rule['score'])}   {level:<13}  {bar(rule['score'])}"
        )
        if changes:
            row += f"  {_delta(changes[rule['id']]['delta'])}"
        if notes := _notes(rule):
            row += "  " + "; ".join(notes)
        lines.append(row)
    return lines


def _notes(rule: dict) -> list[str]:
    """What stands out about a rule: too few answers, disagreement, a rating its readings doubt."""
    notes = []
    if rule["status"] == "insufficient":
        notes.append(f"only {rule['answered']} of {rule['questions']} questions with a level")
    if rule["spread"]:
        spread = rule["spread"]
        flag = "MISALIGNED " if rule["misaligned"] else ""
        notes.append(f"{flag}answers range {spread['min']:.2f}-{spread['max']:.2f}")
    if (gap := rule.get("role_gap")) and gap["flagged"]:
        notes.append(f"FUNCTIONS APART {gap_text(gap)}")
    if rule.get("miscalibrated"):
        notes.append(calibration_text(rule).upper())
    return notes


def _readings(report: dict) -> list[str]:
    readings = [
        (rule, reading) for rule in report["rules"] for reading in rule.get("readings") or []
    ]
    if not readings:
        return []
    return ["", "Metric readings"] + [
        f"- {reading_text(reading)} for {rule['title']}"
        + (f" (rated {rule['level']})" if rule["level"] else "")
        for rule, reading in readings
    ]


def _recommendation(number: int, rec: dict) -> list[str]:
    """One recommendation: where the rule stands, what to aim for, and where to read on."""
    lines = [
        f"{number}. {rec['title']}: {rec['score']:.2f}, level {rec['level']} -> "
        f"{rec['next_level']} {rec['next_level_name']}" + ("  (later)" if rec.get("later") else "")
    ]
    wrap = textwrap.TextWrapper(width=96, initial_indent="   ", subsequent_indent="   ")
    if rec.get("reason"):
        lines += wrap.wrap(rec["reason"])
    if rec["misaligned"]:
        lines.append("   Your respondents disagree here: compare views before acting.")
    lines += wrap.wrap(f"Aim for: {rec['next_level_description']}")
    for action in rec["actions"]:
        lines += textwrap.wrap(
            f"- {action['question']} Next: {action['next_option']}",
            width=96,
            initial_indent="   ",
            subsequent_indent="     ",
        )
    if rec.get("unevidenced", {}).get("count"):
        lines += wrap.wrap("Check first: " + unevidenced_text(rec["unevidenced"]))
    lines += [f"   Roadmap: {step['title']} <{step['url']}>" for step in rec["steps"]]
    if rec.get("guidance"):
        lines.append(f"   Guidance for your company: <{rec['guidance']}>")
    lines.append(f"   Practices: <{rec['url']}#{rule_practices(rec['rule']).anchor}>")
    return lines


def _content(report: dict) -> list[str]:
    """What the answers were scored against, and the company's overlay if any."""
    content = report.get("content")
    if not content:
        return []
    lines = ["", f"Scored against {content['source']} (question bank {content['bank']})."]
    if overlay := content.get("overlay"):
        lines += textwrap.wrap(
            f"Company overlay {overlay['file']} applied: {overlay['summary']}.", width=96
        )
    return lines
