"""Markdown and self-contained HTML reports, rendered from the JSON report by Jinja."""

from __future__ import annotations

import math
import re
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from revops.content.addresses import assessment_question, metric
from revops.content.addresses import rule as rule_page
from revops.foundation.characters import REFUSED_CLASS, map_strings, one_line
from revops.foundation.markdown import markdown_cell
from revops.reports.plan_texts import (
    by_quarter,
    details_of,
    overload_text,
    plan_head,
    summary_of,
)
from revops.reports.texts import (
    calibration_text,
    claim_hints,
    claim_question,
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
    reading_name,
    reading_text,
    short_question,
    target_text,
    unevidenced_text,
    weights_moved_text,
)

SIZE, RADIUS, TOP = 400, 165, 5


def _point(index: int, count: int, score: float | None) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * (score or 0) / TOP
    return (
        round(SIZE / 2 + distance * math.cos(angle), 1),
        round(SIZE / 2 + distance * math.sin(angle), 1),
    )


def radar(report: dict) -> dict:
    """Coordinates for an SVG radar chart: one axis per rule, 0 at the centre, 5 at the rim."""
    rules = report["rules"]
    count = len(rules)
    previous = {c["id"]: c["previous"] for c in report.get("comparison", {}).get("rules", [])}
    axes = []
    for i, rule in enumerate(rules):
        x, y = _point(i, count, TOP)
        lx, ly = _point(i, count, TOP * 1.12)
        anchor = "middle" if abs(lx - SIZE / 2) < 10 else ("start" if lx > SIZE / 2 else "end")
        axes.append(
            {
                "x": x,
                "y": y,
                "lx": lx,
                "ly": ly,
                "anchor": anchor,
                "number": i + 1,
                "title": rule["title"],
            }
        )
    rings = [[_point(i, count, level) for i in range(count)] for level in range(1, TOP + 1)]
    return {
        "size": SIZE,
        "axes": axes,
        "rings": rings,
        "current": [_point(i, count, r["score"]) for i, r in enumerate(rules)],
        "previous": (
            [_point(i, count, previous.get(r["id"])) for i, r in enumerate(rules)]
            if previous
            else None
        ),
    }


SPARK_WIDTH, SPARK_HEIGHT = 120, 28


def sparkline(values: list[float | None]) -> list[list[tuple[float, float]]]:
    """Polyline pieces for a small line of scores 1 to 5, left (oldest) to right (now); a
    missing score breaks the line."""
    step = SPARK_WIDTH / max(len(values) - 1, 1)
    pieces: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            pieces.append([])
            continue
        y = SPARK_HEIGHT - 2 - (value - 1) / (TOP - 1) * (SPARK_HEIGHT - 4)
        pieces[-1].append((round(index * step, 1), round(y, 1)))
    return [piece for piece in pieces if piece]


# The report's fields that hold a link target rather than text.
LINK_KEYS = ("url", "guidance")
# Punctuation that would start emphasis, code, a link or image, a heading or an attribute list
# (Python-Markdown's attr_list), and the backslash itself; each is escaped by a backslash.
_PUNCTUATION = re.compile(r"[\\`*_{}\[\]#]")
# What makes a line a list item, a numbered item, a fence or an admonition when it starts the
# line (#, > and * are escaped everywhere already).
_BLOCK_START = re.compile(r"^(?:\d{1,9}[.)]|[-+!~=:|])")
# Text that markdown_text leaves as it is (most names and roles): words of characters it
# does not change, one space apart. Checked first, as a large team has many names.
_SPECIAL = rf"\s{REFUSED_CLASS}\\`*_{{}}\[\]#&<>"
_PLAIN = re.compile(rf"[^{_SPECIAL}]+(?: [^{_SPECIAL}]+)*")
# Characters that end or break a link target early, percent-encoded instead.
_LINK_SAFE = "/:?#@!$&*+,;=%~-._"


def markdown_text(text: str) -> str:
    """A value from a file as Markdown that reads as the same text and is nothing else: no
    HTML, link, image, emphasis or new block. Line breaks and runs of space become one space;
    control characters show as escapes."""
    if _PLAIN.fullmatch(text):
        return text
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _PUNCTUATION.sub(r"\\\g<0>", text)


def line_start(text: str) -> str:
    """Markdown text that begins a line (or a list item): a leading list or block marker
    becomes a character reference, so the line stays a paragraph."""
    if not (found := _BLOCK_START.match(text)):
        return text
    end = found.end()
    return f"{text[: end - 1]}&#{ord(text[end - 1])};{text[end:]}"


def link_target(url: str) -> str | None:
    """An absolute http(s) address, percent-encoded where Markdown would end the link early;
    None for anything else (javascript:, data:, a relative path), which is shown as text."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url.strip(), safe=_LINK_SAFE)


def markdown_link(text: str, url: str | None) -> str:
    """[text](url), or the text alone when the target is not an http(s) address."""
    return f"[{text}]({url})" if url else text


def markdown_values(report: dict) -> dict:
    """The report with every text escaped for Markdown and HTML, and every link target
    checked (None when it is not http or https)."""
    return map_strings(
        report, lambda key, text: link_target(text) if key in LINK_KEYS else markdown_text(text)
    )


# -- words for a leader, ids kept as link targets (Markdown) and tooltips (HTML) ------------


def site_base(report: dict) -> str | None:
    """The address of the site the report links to, read back from a recommendation's link
    to its rule's page; None without one."""
    for rec in report.get("recommendations") or []:
        url, page = rec.get("url") or "", rule_page(str(rec.get("rule"))).url
        if url.endswith(page):
            return url[: -len(page)]
    return None


def with_short_questions(report: dict) -> dict:
    """The report with each claim's question shortened as sentences list it (`shown`), so
    that Markdown escapes the shortened text rather than a cut escape."""
    recommendations = [
        {
            **rec,
            "unevidenced": {
                **rec["unevidenced"],
                "claims": [
                    {**claim, "shown": claim_question(claim)}
                    for claim in rec["unevidenced"]["claims"]
                ],
            },
        }
        if rec.get("unevidenced")
        else rec
        for rec in report.get("recommendations") or []
    ]
    return {**report, "recommendations": recommendations}


def markdown_unevidenced(unevidenced: dict, site: str | None) -> str:
    """The claims to check first, each question linked to its place on the assessment page
    (its id in the address)."""

    def question(claim: dict) -> str:
        link = site and link_target(site + assessment_question(claim["question_id"]).url)
        return markdown_link(claim["shown"], link or None)

    return unevidenced_text(unevidenced, question)


def markdown_hints(unevidenced: dict) -> list[str]:
    """What would back each claim shown, its question in words (the claim line links it) and
    set in italics, as the actions above it are, so nothing in it can start a list."""
    return claim_hints(unevidenced, lambda claim: f"*{claim['shown']}*")


def html_hints(unevidenced: dict) -> list[Markup]:
    """What would back each claim shown, every part escaped."""

    def question(claim: dict) -> str:
        return escape(short_question(claim.get("question") or claim["question_id"]))

    claims = [{**claim, "hint": escape(claim.get("hint") or "")} for claim in unevidenced["claims"]]
    return [Markup(hint) for hint in claim_hints({**unevidenced, "claims": claims}, question)]


def markdown_moved(change: dict, site: str | None) -> str:
    """A question that moved, linked to its place on the assessment page."""
    link = site and link_target(site + assessment_question(change["question_id"]).url)
    return moved_text({**change, "question": markdown_link(change["question"], link or None)})


def markdown_reading(reading: dict, site: str | None) -> str:
    """A reading, its metric's name linked to its entry in the metric catalogue."""

    def name(reading: dict) -> str:
        link = site and link_target(site + metric(reading["metric"]).url)
        return markdown_link(reading_name(reading), link or None)

    return reading_text(reading, name)


def html_unevidenced(unevidenced: dict, site: str | None = None) -> Markup:
    """The claims to check first, each question's whole text and id in its tooltip."""

    def question(claim: dict) -> str:
        whole = claim.get("question") or claim["question_id"]
        return Markup('<span title="{}">{}</span>').format(
            f"{whole} ({claim['question_id']})", short_question(whole)
        )

    claims = [
        {**claim, "respondent": escape(claim["respondent"])} for claim in unevidenced["claims"]
    ]
    return Markup(unevidenced_text({**unevidenced, "claims": claims}, question))


def html_moved(change: dict, site: str | None = None) -> str:
    """A question that moved; its id is in the list item's tooltip."""
    return moved_text(change)


def html_reading(reading: dict, site: str | None = None) -> Markup:
    """A reading, its metric's id in the name's tooltip."""

    def name(reading: dict) -> str:
        return Markup('<span title="{}">{}</span>').format(reading["metric"], reading_name(reading))

    return Markup(reading_text(reading, name))


def _environment(fmt: str) -> Environment:
    env = Environment(
        loader=PackageLoader("revops", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["score"] = lambda v: f"{v:.2f}" if v is not None else "–"
    env.filters["delta"] = lambda v: f"{v:+.2f}" if v is not None else "–"
    env.filters["points"] = lambda pts: " ".join(f"{x},{y}" for x, y in pts)
    env.filters["cell"] = markdown_cell
    markdown = fmt == "markdown"
    env.filters["unevidenced"] = markdown_unevidenced if markdown else html_unevidenced
    env.filters["claim_hints"] = markdown_hints if markdown else html_hints
    env.filters["calibration"] = calibration_text
    env.filters["claim"] = inconsistent_claim_text
    env.filters["target"] = target_text
    env.filters["weights_moved"] = weights_moved_text
    env.filters["progress"] = progress_text
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    env.filters["reading"] = markdown_reading if markdown else html_reading
    env.filters["moved"] = markdown_moved if markdown else html_moved
    env.filters["sparkline"] = sparkline
    env.filters["link"] = markdown_link
    env.filters["line_start"] = line_start
    env.filters["plan_head"] = plan_head
    env.filters["overload"] = overload_text
    env.filters["by_quarter"] = by_quarter
    env.filters["summary"] = summary_of
    env.filters["details"] = details_of
    return env


def render_document(report: dict, fmt: str, name: str | None = None) -> str:
    """The report as Markdown or HTML (or, by `name`, another template of the same format:
    the plan's HTML). Values are escaped before the template sees them (Markdown) or by
    Jinja (HTML); either way each is one line, with no control character."""
    name = name or {"markdown": "report.md.j2", "html": "report.html.j2"}[fmt]
    site = site_base(report)
    report = with_short_questions(report)
    report = (
        markdown_values(report)
        if fmt == "markdown"
        else map_strings(report, lambda _, text: one_line(text))
    )
    template = _environment(fmt).get_template(f"reports/{name}")
    changes = {c["id"]: c for c in report.get("comparison", {}).get("rules", [])}
    dates, rows = history_rows(report) if report.get("history") else ([], [])
    return template.render(
        report=report,
        changes=changes,
        evidence=evidence_text(report),
        profile=profile_text(report),
        partial=overall_partial_text(report) if overall_reach(report)["partial"] else None,
        across=overall_across_text(report),
        inconsistent=lambda rule: inconsistent_text(rule, report["parameters"]),
        site=site,
        history=(dates, rows),
        spark=(SPARK_WIDTH, SPARK_HEIGHT),
        chart=radar(report) if fmt == "html" else None,
    )
