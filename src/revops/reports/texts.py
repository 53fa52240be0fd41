"""Sentences every report format shares, written once."""

from __future__ import annotations


def evidence_text(report: dict) -> str | None:
    """How many of all claims name evidence: "12 of 40 answers at level 3 or above"."""
    counts = [rule["evidence"] for rule in report["rules"] if rule.get("evidence")]
    claims = sum(count["claims"] for count in counts)
    evidenced = sum(count["evidenced"] for count in counts)
    if not claims:
        return None
    level = report["parameters"].get("evidence_from_level", 3)
    text = (
        f"{evidenced} of {claims} answer{'' if claims == 1 else 's'} at level {level} or "
        "above name their evidence"
    )
    if (cap := report["parameters"].get("unevidenced_cap")) is not None:
        text += f"; those without count as level {cap} at most"
    return text


def unevidenced_text(unevidenced: dict) -> str:
    """A recommendation's claims without evidence: "2 without evidence: q-id (Ann, 4), …"."""
    shown = [
        f"{c['question_id']} ({c['respondent']}, {c['level']})" for c in unevidenced["claims"][:3]
    ]
    more = unevidenced["count"] - len(shown)
    one = unevidenced["count"] == 1
    return (
        f"{unevidenced['count']} answer{'' if one else 's'} at the evidence level "
        f"name{'s' if one else ''} no evidence: {', '.join(shown)}"
        + (f" and {more} more" if more else "")
    )


def profile_text(report: dict) -> str | None:
    """The profile the advice is ordered for: "stage scale-up, motion sales-led"."""
    profile = report.get("profile") or {}
    parts = [f"stage {profile['stage']}"] if profile.get("stage") else []
    parts += [f"motion {profile['motion']}"] if profile.get("motion") else []
    return ", ".join(parts) or None


def calibration_text(rule: dict) -> str:
    """A rule rated above what its metric readings suggest: "rated 4, readings suggest 2"."""
    return f"rated {rule['level']}, readings suggest {rule['readings_level']}"


def reading_text(reading: dict) -> str:
    """One metric reading: "forecast-accuracy 0.62 suggests level 1"."""
    return f"{reading['metric']} {reading['value']:g} suggests level {reading['suggests']}"


def history_rows(report: dict) -> tuple[list[str], list[tuple[str, list]]]:
    """The dates of the earlier assessments and now, and a row of scores per line: the
    overall score, then each rule."""
    history = report.get("history") or []
    dates = [entry["date"] or "earlier" for entry in history] + [report["date"] or "now"]
    rows = [("Overall", [entry["overall"] for entry in history] + [report["overall"]["score"]])]
    rows += [
        (rule["title"], [entry["rules"].get(rule["id"]) for entry in history] + [rule["score"]])
        for rule in report["rules"]
    ]
    return dates, rows


def moved_text(change: dict) -> str:
    """One question that moved: "q-id 3.00 -> 4.60 (+1.60): text"."""
    return (
        f"{change['question']} {change['previous']:.2f} -> {change['current']:.2f} "
        f"({change['delta']:+.2f})"
    )
