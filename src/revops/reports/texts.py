"""Sentences every report format shares, written once: in texts.json, which the assessment
page reads too (the site build ships it beside the page's scripts)."""

from __future__ import annotations

import json
from pathlib import Path

TEXTS: dict = json.loads(Path(__file__).with_name("texts.json").read_text(encoding="utf-8"))


def say(key: str, values: dict, count: int | None = None) -> str:
    """The text under key with the values filled in; `count` chooses the `one` or `other`
    form of a text that has both."""
    text = TEXTS[key]
    if isinstance(text, dict):
        text = text["one" if count == 1 else "other"]
    return text.format_map(values)


def evidence_text(report: dict) -> str | None:
    """How many of all claims name evidence: "12 of 40 answers at level 3 or above"."""
    counts = [rule["evidence"] for rule in report["rules"] if rule.get("evidence")]
    claims = sum(count["claims"] for count in counts)
    evidenced = sum(count["evidenced"] for count in counts)
    if not claims:
        return None
    level = report["parameters"].get("evidence_from_level", 3)
    text = say("evidence", {"evidenced": evidenced, "claims": claims, "level": level}, claims)
    if (cap := report["parameters"].get("unevidenced_cap")) is not None:
        text += say("evidence_cap", {"cap": cap})
    return text


def unevidenced_text(unevidenced: dict) -> str:
    """A recommendation's claims without evidence: "2 without evidence: q-id (Ann, 4), …"."""
    shown = [say("unevidenced_claim", claim) for claim in unevidenced["claims"][:3]]
    count = unevidenced["count"]
    more = say("unevidenced_more", {"more": count - len(shown)}) if count > len(shown) else ""
    claims = TEXTS["separator"].join(shown) + more
    return say("unevidenced", {"count": count, "claims": claims}, count)


def profile_text(report: dict) -> str | None:
    """The profile the advice is ordered for: "stage scale-up, motion sales-led"."""
    profile = report.get("profile") or {}
    parts = [say(f"profile_{key}", profile) for key in ("stage", "motion") if profile.get(key)]
    return TEXTS["separator"].join(parts) or None


def calibration_text(rule: dict) -> str:
    """A rule rated above what its metric readings suggest: "rated 4, readings suggest 2"."""
    return say("calibration", rule)


def reading_text(reading: dict) -> str:
    """One metric reading: "forecast-accuracy 0.62 suggests level 1"."""
    return say("reading", reading)


def history_rows(report: dict) -> tuple[list[str], list[tuple[str, list]]]:
    """The dates of the earlier assessments and now, and a row of scores per line: the
    overall score, then each rule."""
    history = report.get("history") or []
    dates = [entry["date"] or TEXTS["history_earlier"] for entry in history]
    dates.append(report["date"] or TEXTS["history_now"])
    overall = [entry["overall"] for entry in history] + [report["overall"]["score"]]
    rows = [(TEXTS["history_overall"], overall)]
    rows += [
        (rule["title"], [entry["rules"].get(rule["id"]) for entry in history] + [rule["score"]])
        for rule in report["rules"]
    ]
    return dates, rows


def moved_text(change: dict) -> str:
    """One question that moved: "q-id 3.00 -> 4.60 (+1.60): text"."""
    return say("moved", change)
