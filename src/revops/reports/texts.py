"""Sentences every report format shares, written once: in texts.json, which the assessment
page reads too (the site build ships it beside the page's scripts)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
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


def overall_reach(report: dict) -> dict:
    """How many rules the overall score averages and how many it needs for a level: as many
    rules as a rule needs of its questions (min_answered_fraction), so that a mean of two
    rules is never read as the team's level. `partial` is true below that."""
    total = len(report["rules"])
    scored = sum(1 for rule in report["rules"] if rule["score"] is not None)
    fraction = report["parameters"].get("min_answered_fraction", 0.5)
    needed = math.ceil(fraction * total)
    return {
        "score": report["overall"]["score"],
        "scored": scored,
        "total": total,
        "needed": needed,
        "partial": report["overall"]["score"] is not None and scored < needed,
    }


def overall_partial_text(report: dict) -> tuple[str, str]:
    """The headline below the stated coverage: the mean and what it averages, then why it has
    no level."""
    reach = overall_reach(report)
    return say("overall_partial", reach), say("overall_partial_why", reach)


def overall_across_text(report: dict) -> str | None:
    """The rules the overall score covers ("across 8 of 10 rules") when one has none."""
    reach = overall_reach(report)
    return say("overall_across", reach) if reach["scored"] < reach["total"] else None


def inconsistent_text(rule: dict, parameters: dict) -> str | None:
    """How many of a rule's answers skip their foundation, or None when none does."""
    found = rule.get("inconsistent") or {}
    if not found.get("count"):
        return None
    values = {
        "count": found["count"],
        "level": parameters.get("inconsistent_from_level", 4),
        "at_most": parameters.get("foundation_at_most", 2),
    }
    return say("inconsistent", values, found["count"])


def inconsistent_claim_text(claim: dict) -> str:
    """One inconsistent claim and why: 'Q? (Ann, 5), though they answered the foundation
    "F?" at 1'."""
    because = claim["because"]
    values = {**claim, "foundation": because["question"], "foundation_level": because["level"]}
    return say("inconsistent_claim", values)


def target_text(rule: dict) -> str | None:
    """A rule's target and where the score stands: "target 4 (the stage's default): 3.24
    now, 0.76 to go", or None when the rule has no target."""
    target = rule.get("target")
    if not target:
        return None
    # a report read back may name a source this revops does not know: shown as it is
    source = TEXTS.get(f"target_source_{target['source']}", target["source"])
    values = {**target, "score": rule["score"], "source": source}
    key = (
        "target_unscored"
        if rule["score"] is None
        else "target_met"
        if target["met"]
        else "target_open"
    )
    return say(key, values)


def progress_text(progress: dict) -> str | None:
    """How much of the gap at an earlier assessment is closed: "closed 1.04 of 1.80 since
    2026-03-31" or "0.20 further from it than on 2026-03-31", or None when either
    assessment has no score or there was no gap then."""
    if progress["closed"] is None or not progress["gap"]:
        return None
    if progress["closed"] < 0:
        return say("target_progress_grew", {**progress, "grew": -progress["closed"]})
    return say("target_progress", progress)


ELLIPSIS = "…"


def short_question(text: str) -> str:
    """A question's text short enough to list several in a sentence, at most question_length
    (64) characters: the whole text when it fits; else the words before the last space that
    leaves room for an ellipsis, without a comma, semicolon, colon or dash at their end, and
    the ellipsis (a single word too long is cut inside). Runs of space count as one."""
    limit = TEXTS["question_length"]
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit)
    head = text[:space] if space > 0 else text[: limit - 1]
    return head.rstrip(",;:-–— ") + ELLIPSIS


def claim_question(claim: dict) -> str:
    """A claim's question as a sentence lists it: its text shortened, or its id in a report
    written before reports held the text."""
    return short_question(claim.get("question") or claim["question_id"])


def unevidenced_text(unevidenced: dict, question: Callable[[dict], str] = claim_question) -> str:
    """A recommendation's claims without evidence, the first three shown, each question once
    with the answers given to it: "3 answers at the evidence level name no evidence: Who
    owns the data? (Ann, 4; Bo, 5), …"; `question` writes a claim's question."""
    groups: list[list[dict]] = []  # the claims come in question order
    for claim in unevidenced["claims"][:3]:
        if groups and groups[-1][0]["question_id"] == claim["question_id"]:
            groups[-1].append(claim)
        else:
            groups.append([claim])
    shown = [
        say(
            "unevidenced_claim",
            {
                "question": question(group[0]),
                "answers": TEXTS["answer_separator"].join(
                    say("unevidenced_answer", claim) for claim in group
                ),
            },
        )
        for group in groups
    ]
    count = unevidenced["count"]
    listed = sum(map(len, groups))
    more = say("unevidenced_more", {"more": count - listed}) if count > listed else ""
    claims = TEXTS["separator"].join(shown) + more
    return say("unevidenced", {"count": count, "claims": claims}, count)


def claim_hints(unevidenced: dict, question: Callable[[dict], str] = claim_question) -> list[str]:
    """What would back each claim the sentence above them shows (the first three), once per
    question and level: "Who owns the data? At level 4, look for: The owner's name on ..."."""
    hints: list[str] = []
    seen: set[tuple[str, int]] = set()
    for claim in unevidenced["claims"][:3]:
        key = (claim["question_id"], claim["level"])
        if claim.get("hint") and key not in seen:
            seen.add(key)
            hints.append(say("unevidenced_hint", {**claim, "question": question(claim)}))
    return hints


def profile_text(report: dict) -> str | None:
    """The profile the advice is ordered for: "stage scale-up, motion sales-led"."""
    profile = report.get("profile") or {}
    parts = [say(f"profile_{key}", profile) for key in ("stage", "motion") if profile.get(key)]
    return TEXTS["separator"].join(parts) or None


def calibration_text(rule: dict) -> str:
    """A rule rated above what its metric readings suggest: "rated 4, readings suggest 2"."""
    return say("calibration", rule)


def reading_name(reading: dict) -> str:
    """A reading's metric by its name, or its id in a report written before reports held it."""
    name: str = reading.get("name") or reading["metric"]
    return name


def reading_text(reading: dict, name: Callable[[dict], str] = reading_name) -> str:
    """One metric reading: "Forecast accuracy 0.62 suggests level 1"; `name` writes the
    metric's name."""
    return say("reading", {**reading, "name": name(reading)})


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
    """One question that moved: "How are targets set? 3.00 -> 4.60 (+1.60)"."""
    return say("moved", change)


def weights_moved_text(rule: dict) -> str | None:
    """When the question weights changed a rule's rounded score: "weights moved this score
    from 3.00 to 3.25"; None when the plain mean rounds to the same score, when the rule has
    no score, or in a report written before reports held the plain mean."""
    unweighted = rule.get("unweighted")
    if rule["score"] is None or unweighted is None or unweighted == rule["score"]:
        return None
    return say("weights_moved", {"unweighted": unweighted, "score": rule["score"]})
