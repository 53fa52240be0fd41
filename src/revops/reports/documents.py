"""Markdown and self-contained HTML reports, rendered from the JSON report by Jinja."""

from __future__ import annotations

import math

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..characters import map_strings, one_line
from ..pages import markdown_cell
from .texts import (
    calibration_text,
    evidence_text,
    history_rows,
    moved_text,
    profile_text,
    reading_text,
    unevidenced_text,
)

SIZE, RADIUS, TOP = 400, 165, 5


def _point(index: int, count: int, score: float | None) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * (score or 0) / TOP
    return (round(SIZE / 2 + distance * math.cos(angle), 1),
            round(SIZE / 2 + distance * math.sin(angle), 1))


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
        axes.append({"x": x, "y": y, "lx": lx, "ly": ly, "anchor": anchor, "number": i + 1,
                     "title": rule["title"]})
    rings = [[_point(i, count, level) for i in range(count)] for level in range(1, TOP + 1)]
    return {
        "size": SIZE, "axes": axes, "rings": rings,
        "current": [_point(i, count, r["score"]) for i, r in enumerate(rules)],
        "previous": ([_point(i, count, previous.get(r["id"])) for i, r in enumerate(rules)]
                     if previous else None),
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


def _environment(fmt: str) -> Environment:
    env = Environment(loader=PackageLoader("revops", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html", "html.j2"),
                                                   default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["score"] = lambda v: f"{v:.2f}" if v is not None else "–"
    env.filters["delta"] = lambda v: f"{v:+.2f}" if v is not None else "–"
    env.filters["points"] = lambda pts: " ".join(f"{x},{y}" for x, y in pts)
    env.filters["cell"] = markdown_cell
    env.filters["unevidenced"] = unevidenced_text
    env.filters["calibration"] = calibration_text
    env.filters["reading"] = reading_text
    env.filters["moved"] = moved_text
    env.filters["sparkline"] = sparkline
    return env


def render_document(report: dict, fmt: str) -> str:
    """The report as Markdown or HTML, each value on one line with no control character."""
    name = {"markdown": "report.md.j2", "html": "report.html.j2"}[fmt]
    report = map_strings(report, lambda _, text: one_line(text))
    template = _environment(fmt).get_template(f"reports/{name}")
    changes = {c["id"]: c for c in report.get("comparison", {}).get("rules", [])}
    dates, rows = history_rows(report) if report.get("history") else ([], [])
    return template.render(report=report, changes=changes, evidence=evidence_text(report),
                           profile=profile_text(report), history=(dates, rows),
                           spark=(SPARK_WIDTH, SPARK_HEIGHT),
                           chart=radar(report) if fmt == "html" else None)
