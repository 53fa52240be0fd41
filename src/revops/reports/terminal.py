"""The default report: a table a person reads in a terminal."""

from __future__ import annotations

import textwrap

from revops.content.addresses import rule_practices
from revops.foundation.characters import map_strings, one_line
from revops.foundation.counts import counted
from revops.reports.texts import (
    calibration_text,
    claim_hints,
    evidence_text,
    history_rows,
    inconsistent_claim_text,
    inconsistent_text,
    moved_text,
    overall_across_text,
    overall_partial_text,
    overall_reach,
    profile_text,
    progress_text,
    reading_text,
    target_text,
    unevidenced_text,
    weights_moved_text,
)

BAR_WIDTH = 20  # the bar's width where the table has room; never less than SHORTEST_BAR
SHORTEST_BAR = 10
WIDTH = 100  # no line is longer, but for a link address longer than that on its own
TITLE_WIDTH = 59  # the rule column's widest: longer titles wrap within the column
DATE_WIDTH = 10  # a history column: YYYY-MM-DD


def wrapped(text: str, indent: str = "", more: str | None = None) -> list[str]:
    """The text in lines of WIDTH columns at most, the first indented by `indent`, the rest
    by `more` (default: the same)."""
    return textwrap.wrap(
        text, width=WIDTH, initial_indent=indent, subsequent_indent=indent if more is None else more
    )


def _link_line(label: str, url: str, indent: str = "   ") -> list[str]:
    """ "Label <url>" on one line when it fits, else the address on a line of its own."""
    line = f"{indent}{label} <{url}>"
    if len(line) <= WIDTH:
        return [line]
    return [*wrapped(label, indent), f"{indent}  <{url}>"]


def _title_lines(title: str, width: int) -> list[str]:
    """A title in lines of `width` columns, each padded to it."""
    return [f"{line:<{width}}" for line in textwrap.wrap(title, width=width) or [""]]


def gap_text(gap: dict) -> str:
    """The two functions furthest apart on a rule: "sales 4.50 vs marketing 2.00"."""
    return (
        f"{gap['high']['role']} {gap['high']['score']:.2f} vs "
        f"{gap['low']['role']} {gap['low']['score']:.2f}"
    )


def bar(score: float | None, top: int = 5, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / top * width)
    return "█" * filled + "░" * (width - filled)


def _score(value: float | None) -> str:
    return f"{value:4.2f}" if value is not None else "  - "


def _delta(value: float | None) -> str:
    return f"{value:+.2f}" if value is not None else "  n/a"


def _history(report: dict) -> list[str]:
    """Each line's series over the earlier assessments and now, and what moved most."""
    if not report.get("history"):
        return []
    dates, rows = history_rows(report)
    width = min(max(len(title) for title, _ in rows), TITLE_WIDTH)
    shown = max(1, (WIDTH - width) // (DATE_WIDTH + 2))  # the latest columns that fit
    left_out = len(dates) - shown
    lines = [""]
    lines.append(
        f"{'History':<{width}}  " + "  ".join(f"{d:>{DATE_WIDTH}}" for d in dates[-shown:])
    )
    for title, values in rows:
        first, *rest = _title_lines(title, width)
        lines.append(
            f"{first}  " + "  ".join(f"{_score(v):>{DATE_WIDTH}}" for v in values[-shown:])
        )
        lines += [line.rstrip() for line in rest]
    if left_out > 0:
        lines += wrapped(
            f"The earliest {counted(left_out, 'assessment')} left out here to fit; the Markdown "
            "and HTML reports show every one."
        )
    if report.get("moved"):
        lines += ["", *wrapped(f"What moved most since {dates[-2]}")]
        lines += [
            line
            for change in report["moved"]
            for line in wrapped(f"- {moved_text(change)}", "", "  ")
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
    lines += _targets(report)
    lines += _inconsistent(report)
    if report["recommendations"]:
        lines += [
            "",
            *wrapped(
                "What to do next" + (f", for {text}" if (text := profile_text(report)) else "")
            ),
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
    return [*wrapped(head), *wrapped(answered), "", *wrapped(_overall(report))]


def _overall(report: dict) -> str:
    """The overall score, with a level only once enough rules have a score."""
    overall = report["overall"]
    since = ""
    if "comparison" in report:
        since = f"  ({_delta(report['comparison']['overall']['delta'])} since last time)"
    if overall["score"] is None:
        return "Overall  no score: every rule has too few answers" + since
    if overall_reach(report)["partial"]:
        mean, why = overall_partial_text(report)
        return f"Overall  {mean}{since}; {why}"
    across = overall_across_text(report)
    return (
        f"Overall  {_score(overall['score'])}  level {overall['level']} {overall['level_name']}"
        + (f", {across}" if across else "")
        + since
    )


def _rule_table(report: dict) -> list[str]:
    """One row a rule: score, level, a bar, the change since last time and what stands out."""
    changes = {c["id"]: c for c in report.get("comparison", {}).get("rules", [])}
    width = min(max(len(r["title"]) for r in report["rules"]), TITLE_WIDTH)
    # title, score, level and (when there is one) the change, then the bar in what is left
    room = WIDTH - width - len("  0.00   ") - 13 - 2 - (len("  +0.00") if changes else 0)
    bar_width = max(SHORTEST_BAR, min(BAR_WIDTH, room))
    header = f"{'Rule':<{width}}  Score  Level          {'':{bar_width}}"
    if changes:
        header += " Change"  # right-aligned over "  +0.00"
    lines = ["", header.rstrip()]
    for rule in report["rules"]:
        level = f"{rule['level']} {rule['level_name']}" if rule["level"] else "insufficient"
        first, *rest = _title_lines(rule["title"], width)
        row = (
            f"{first}  {_score(rule['score'])}   {level:<13}  {bar(rule['score'], width=bar_width)}"
        )
        if changes:
            row += f"  {_delta(changes[rule['id']]['delta'])}"
        lines.append(row)
        lines += [line.rstrip() for line in rest]
        if notes := _notes(rule):
            lines += wrapped("; ".join(notes), "    ")
    return lines


def _notes(rule: dict) -> list[str]:
    """What stands out about a rule: too few answers, disagreement, a rating its readings
    doubt, and weights that moved its score."""
    notes = []
    if rule["status"] == "insufficient":
        notes.append(
            f"only {rule['answered']} of {counted(rule['questions'], 'question')} with a level"
        )
    if rule["spread"]:
        spread = rule["spread"]
        flag = "MISALIGNED " if rule["misaligned"] else ""
        notes.append(f"{flag}answers range {spread['min']:.2f}-{spread['max']:.2f}")
    if (gap := rule.get("role_gap")) and gap["flagged"]:
        notes.append(f"FUNCTIONS APART {gap_text(gap)}")
    if rule.get("miscalibrated"):
        notes.append(calibration_text(rule).upper())
    if rule.get("inconsistent", {}).get("count"):
        notes.append(f"INCONSISTENT CLAIMS {rule['inconsistent']['count']}")
    if moved := weights_moved_text(rule):
        notes.append(moved)
    return notes


def _targets(report: dict) -> list[str]:
    """Each rule's target, where the score stands, and the gap closed since each earlier
    assessment."""
    rules = [rule for rule in report["rules"] if rule.get("target")]
    if not rules:
        return []
    lines = ["", "Targets"]
    for rule in rules:
        since = [text for p in rule["target"]["progress"] if (text := progress_text(p))]
        line = f"- {rule['title']}: {target_text(rule)}" + "".join(f"; {t}" for t in since)
        lines += wrapped(line, "", "  ")
    return lines


def _inconsistent(report: dict) -> list[str]:
    """Each rule's claims that stand on a foundation the same person answered low."""
    rules = [rule for rule in report["rules"] if inconsistent_text(rule, report["parameters"])]
    if not rules:
        return []
    lines = ["", "Inconsistent claims: check these answers with the people who gave them"]
    for rule in rules:
        lines += wrapped(
            f"{rule['title']}: {inconsistent_text(rule, report['parameters'])}", "", "  "
        )
        for claim in rule["inconsistent"]["claims"]:
            lines += wrapped(f"- {inconsistent_claim_text(claim)}", "  ", "    ")
    return lines


def _readings(report: dict) -> list[str]:
    readings = [
        (rule, reading) for rule in report["rules"] for reading in rule.get("readings") or []
    ]
    if not readings:
        return []
    lines = ["", "Metric readings"]
    for rule, reading in readings:
        rated = f" (rated {rule['level']})" if rule["level"] else ""
        lines += wrapped(f"- {reading_text(reading)} for {rule['title']}{rated}", "", "  ")
    return lines


def _recommendation(number: int, rec: dict) -> list[str]:
    """One recommendation: where the rule stands, what to aim for, and where to read on."""
    lines = wrapped(
        f"{number}. {rec['title']}: {rec['score']:.2f}, level {rec['level']} -> "
        f"{rec['next_level']} {rec['next_level_name']}" + ("  (later)" if rec.get("later") else ""),
        "",
        "   ",
    )
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
        for hint in claim_hints(rec["unevidenced"]):
            lines += textwrap.wrap(
                f"- {hint}", width=96, initial_indent="   ", subsequent_indent="     "
            )
    for step in rec["steps"]:
        lines += _link_line(f"Roadmap: {step['title']}", step["url"])
    if rec.get("guidance"):
        lines += _link_line("Guidance for your company:", rec["guidance"])
    lines += _link_line("Practices:", f"{rec['url']}#{rule_practices(rec['rule']).anchor}")
    return lines


def _content(report: dict) -> list[str]:
    """What the answers were scored against, and the company's overlay if any."""
    content = report.get("content")
    if not content:
        return []
    lines = ["", *wrapped(f"Scored against {content['source']} (question bank {content['bank']}).")]
    if overlay := content.get("overlay"):
        lines += textwrap.wrap(
            f"Company overlay {overlay['file']} applied: {overlay['summary']}.", width=96
        )
    return lines
