"""The drawing parts the pictures share: sizes, text measured and wrapped, and the SVG
elements, each written the same way on every machine."""

from __future__ import annotations

import re
from html import escape

WIDTH = 400  # viewBox width, narrow like a phone: one unit is about 0.9 px there
MARGIN = 8
FONT = 14  # every text: 12.5 px in a 358 px phone column, 18 px at the CSS max-width
LINE = 17  # distance between wrapped lines
GAP = 34  # between rows of nodes, so the lines joining them stay visible
# Dash patterns tell interlock kinds apart without colour; a kind added to the schema takes
# the next pattern.
DASHES = ["", "9 5", "2 4", "12 4 2 4", "4 8"]


def num(value: float) -> str:
    """A coordinate, rounded so that the output is short and the same on every machine."""
    return f"{round(value, 1):g}"


def plain_words(text: str) -> str:
    """Names are Markdown; a picture shows the words without link or emphasis marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("**", "").replace("`", "").split())


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the rendered width, from DejaVu Sans (wider than most fonts)."""
    narrow, wide = "fijlrt.,;:'!|() ", "mwMW"
    return size * sum(
        0.36 if c in narrow else 0.92 if c in wide else 0.74 if c.isupper() else 0.63 for c in text
    )


def shorten(text: str, width: float) -> str:
    while text and text_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_label(text: str, width: float, max_lines: int = 3) -> list[str]:
    """Break a name into lines that fit width. A word too long for a line, or words beyond
    max_lines, end in an ellipsis: nothing is cut off silently."""
    lines: list[str] = []
    for word in plain_words(text).split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word if text_width(word) <= width else shorten(word, width))
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [shorten(lines[max_lines - 1], width)]
    return lines


def text_block(
    x: float,
    y: float,
    lines: list[str],
    cls: str = "revops-pic-label",
    anchor: str = "middle",
    centred: bool = False,
) -> str:
    """Lines of text, the first with its baseline at y, or else the block centred on y (0.35 em
    drops a baseline to the middle of the letters)."""
    if centred:
        y += 0.35 * FONT - (len(lines) - 1) * LINE / 2
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text class="{cls}" x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" '
        f'font-size="{FONT}">{spans}</text>'
    )


def box(cls: str, x: float, y: float, width: float, height: float, round_: float) -> str:
    return (
        f'<rect class="{cls}" x="{num(x)}" y="{num(y)}" width="{num(width)}" '
        f'height="{num(height)}" rx="{num(round_)}"/>'
    )


def badge(x: float, y: float, number: int) -> str:
    return f'<circle class="revops-pic-strong" cx="{num(x)}" cy="{num(y)}" r="15"/>' + text_block(
        x, y, [str(number)], cls="revops-pic-number", centred=True
    )


def line_path(name: str, d: str, dash: str = "", arrow: bool = True) -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    end = f' marker-end="url(#{name}-arrow)"' if arrow else ""
    return f'<path class="revops-pic-line" d="{d}"{dashes}{end}/>'


def svg_root(name: str, height: float, title: str, desc: str, body: list[str]) -> str:
    """The root element: it scales to its container and names itself for screen readers.
    Ids start with the picture's name, so four pictures can share a page."""
    marker = (
        f'<defs><marker id="{name}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        '<path class="revops-pic-arrowhead" d="M0 1L10 5L0 9z"/></marker></defs>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="revops-pic revops-pic-{name}" '
        f'viewBox="0 0 {WIDTH} {num(height)}" role="img" '
        f'aria-labelledby="{name}-title {name}-desc">'
        f'<title id="{name}-title">{escape(title)}</title>'
        f'<desc id="{name}-desc">{escape(desc)}</desc>\n'
        + "\n".join(([marker] if any("marker-end" in part for part in body) else []) + body)
        + "</svg>"
    )
