"""Inline SVG pictures drawn from the content model: the operating model, the roadmap, the
rule interlocks and the maturity ladder.

Standard library only and no MkDocs, so any site generator can place the markup. Colours live
in CSS classes (docs/assets/pictures.css), never in the markup, so each picture follows the
page's light or dark scheme. Each <desc> says in words everything the picture shows.
"""

from __future__ import annotations

import math
import re
from html import escape
from typing import TYPE_CHECKING, get_args

from .schema import Relation

if TYPE_CHECKING:
    from .content import Playbook

WIDTH = 400  # viewBox width: about one CSS pixel per unit on a 390 px phone
MARGIN = 8
FONT = 14  # label size in units: 13.6 px at 390 px wide, 18 px at the CSS max-width
SMALL = 13  # legends; still 12.7 px at 390 px wide
LINE = 17  # distance between wrapped lines
# Dash patterns tell interlock kinds apart without colour; a kind added to the schema
# takes the next pattern.
DASHES = ["", "9 5", "2 4", "12 4 2 4", "4 8"]


def _n(value: float) -> str:
    """A coordinate, rounded so that the output is short and the same on every machine."""
    return f"{round(value, 1):g}"


def _plain(text: str) -> str:
    """Names are Markdown; a picture shows the words without link or emphasis marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("**", "").replace("`", "").split())


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of rendered width, measured on DejaVu Sans (wider than most)."""
    em = 0.0
    for char in text:
        if char in "fijlrt.,;:'!|() ":
            em += 0.36
        elif char in "mwMW":
            em += 0.92
        else:
            em += 0.74 if char.isupper() else 0.63
    return em * size


def _ellipsis(text: str, width: float, size: float) -> str:
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_label(text: str, width: float, size: float = FONT, max_lines: int = 3) -> list[str]:
    """Break a name into lines that fit width. A word too long for a line, or words beyond
    max_lines, end in an ellipsis: nothing is cut off silently."""
    lines: list[str] = []
    for word in _plain(text).split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word if text_width(word, size) <= width
                         else _ellipsis(word, width, size))
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [_ellipsis(lines[max_lines - 1], width, size)]
    return lines


def _text(x: float, y: float, lines: list[str], cls: str = "revops-pic-label",
          anchor: str = "middle", size: float = FONT) -> str:
    """Lines of text; y is the first baseline."""
    spans = "".join(f'<tspan x="{_n(x)}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" '
            f'font-size="{size}">{spans}</text>')


def _centred_text(x: float, cy: float, lines: list[str], **kw) -> str:
    """Lines centred on cy; 0.35 em drops a baseline to the middle of the letters."""
    return _text(x, cy - (len(lines) - 1) * LINE / 2 + 0.35 * kw.get("size", FONT), lines, **kw)


def _box(cx: float, cy: float, width: float, lines: list[str], cls: str, round_: int) -> str:
    height = _box_height(lines)
    return (f'<rect class="{cls}" x="{_n(cx - width / 2)}" y="{_n(cy - height / 2)}" '
            f'width="{_n(width)}" height="{_n(height)}" rx="{round_}"/>'
            + _centred_text(cx, cy, lines))


def _box_height(lines: list[str]) -> float:
    return len(lines) * LINE + 12


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<path class="revops-pic-line" d="M{_n(x1)} {_n(y1)}L{_n(x2)} {_n(y2)}"/>'


def _arrow_marker(name: str) -> str:
    return (f'<defs><marker id="{name}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
            '<path class="revops-pic-arrowhead" d="M0 1L10 5L0 9z"/></marker></defs>')


def _svg(name: str, height: float, title: str, desc: str, body: list[str]) -> str:
    """The root element: scales to its container, and names itself for screen readers."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="revops-pic revops-pic-{name}" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" role="img" '
            f'aria-labelledby="{name}-title {name}-desc">'
            f'<title id="{name}-title">{escape(title)}</title>'
            f'<desc id="{name}-desc">{escape(desc)}</desc>' + "\n".join(body) + "</svg>")


# --- operating model ---------------------------------------------------------------------

def _owner(discipline, functions):
    """The function a discipline works within. The YAML has no field for this, so the ids
    tell: 'customer-success-operations' belongs to 'customer-success' (longest id wins)."""
    matches = [f for f in functions if discipline.id.startswith(f.id + "-")]
    return max(matches, key=lambda f: len(f.id), default=None)


def _spokes(functions, disciplines) -> list[tuple]:
    """(function, discipline) pairs, one column each, the discipline nearer the hub."""
    owners = {d.id: _owner(d, functions) for d in disciplines}
    spokes = []
    for function in functions:
        own = [d for d in disciplines if owners[d.id] is function]
        spokes.append((function, own[0] if own else None))
        spokes += [(None, d) for d in own[1:]]
    return spokes + [(None, d) for d in disciplines if owners[d.id] is None]


def operating_model_svg(playbook: Playbook) -> str:
    """RevOps as a hub, the operations disciplines around it and the revenue functions
    beyond them: half the spokes above the hub, half below, so it stays narrow on phones."""
    network = playbook.operating_model.network
    spokes = _spokes(network.functions, network.disciplines)
    half = math.ceil(len(spokes) / 2)
    rows: list = []  # top to bottom: functions, disciplines, the hub, disciplines, functions
    for side, band in (("upper", spokes[:half]), ("lower", spokes[half:])):
        if not band:
            continue
        columns = len(band)
        width = min(124, WIDTH / columns - 10)
        outer = [(WIDTH * (i + 0.5) / columns, f, "function", width)
                 for i, (f, _) in enumerate(band) if f]
        inner = [(WIDTH * (i + 0.5) / columns, d, "discipline", width)
                 for i, (_, d) in enumerate(band) if d]
        rows += [outer, inner, "hub"] if side == "upper" else [inner, outer]
    if "hub" not in rows:
        rows.append("hub")
    centres: dict[tuple, tuple] = {}
    body, y = [], float(MARGIN)
    for row in rows:
        if not row:
            continue
        if row == "hub":
            centres["hub"] = (WIDTH / 2, y + 22)
            y += 44 + 34
            continue
        wrapped = [(x, item, kind, w, wrap_label(item.name, w - 12)) for x, item, kind, w in row]
        row_height = max((_box_height(lines) for *_, lines in wrapped), default=0)
        for x, item, kind, w, lines in wrapped:
            centres[kind, item.id] = (x, y + row_height / 2)
            cls = "revops-pic-node" + (" revops-pic-node-inner" if kind == "discipline" else "")
            body.append(_box(x, y + row_height / 2, w, lines, cls, 14 if kind == "discipline"
                             else 4))
        y += row_height + 34
    hub = centres["hub"]
    lines = []
    for function, discipline in spokes:
        if discipline:
            lines.append(_line(*hub, *centres["discipline", discipline.id]))
            owner = _owner(discipline, network.functions)
            if owner:
                lines.append(_line(*centres["discipline", discipline.id],
                                   *centres["function", owner.id]))
        elif function and not any(_owner(d, network.functions) is function
                                  for d in network.disciplines):
            lines.append(_line(*hub, *centres["function", function.id]))
    hub_box = (f'<rect class="revops-pic-strong" x="{_n(hub[0] - 60)}" y="{_n(hub[1] - 22)}" '
               'width="120" height="44" rx="22"/>'
               + _centred_text(hub[0], hub[1], ["RevOps"], cls="revops-pic-number"))
    legend_y = y - 34 + 12
    legend = [
        '<rect class="revops-pic-node" x="8" y="' + _n(legend_y) + '" width="28" height="18" '
        'rx="4"/>', _text(44, legend_y + 14, ["Revenue function"], anchor="start", size=SMALL),
        '<rect class="revops-pic-node revops-pic-node-inner" x="196" y="' + _n(legend_y)
        + '" width="28" height="18" rx="9"/>',
        _text(232, legend_y + 14, ["Operations discipline"], anchor="start", size=SMALL)]
    return _svg("operating-model", legend_y + 18 + MARGIN,
                "The operating model: RevOps as the network between the revenue functions",
                _operating_model_desc(network, spokes), lines + body + [hub_box] + legend)


def _operating_model_desc(network, spokes) -> str:
    sentences = [f"RevOps is the hub of a network that joins {len(network.functions)} revenue "
                 f"functions through {len(network.disciplines)} operations disciplines."]
    for function, discipline in spokes:
        owner = discipline and _owner(discipline, network.functions)
        if discipline and owner:
            sentences.append(f"{_plain(discipline.name)} joins RevOps to "
                             f"{_plain(owner.name)}.")
        elif discipline:
            sentences.append(f"{_plain(discipline.name)} joins RevOps.")
        elif not any(_owner(d, network.functions) is function for d in network.disciplines):
            sentences.append(f"{_plain(function.name)} joins RevOps directly.")
    return " ".join(sentences)


# --- roadmap -----------------------------------------------------------------------------

def roadmap_svg(playbook: Playbook) -> str:
    """The steps as numbered cards, two to a row, read left to right; an arrow leads from
    each card to the next, turning down and back at the end of a row."""
    steps = playbook.roadmap.steps
    card, gap = 164, 52  # card width; space between rows for the turning arrow
    columns = [MARGIN, WIDTH - MARGIN - card]
    titles = [wrap_label(step.title, card - 16) for step in steps]
    cards, y = [], 16.0  # room above the first row for the number badges
    for start in range(0, len(steps), 2):
        row = range(start, min(start + 2, len(steps)))
        height = 14 + max(len(titles[i]) for i in row) * LINE + 12
        cards += [(columns[i - start], y, height) for i in row]
        y += height + gap
    body = [_arrow_marker("roadmap")]
    for i, ((x, top, height), (nx, ntop, nheight)) in enumerate(zip(cards, cards[1:])):
        if ntop == top:  # same row: straight across
            body.append(_arrow_path(f"M{_n(x + card)} {_n(top + height / 2)}H{_n(nx - 2)}"))
        else:  # end of a row: down, back to the left, down into the next card
            turn = top + height + 18
            body.append(_arrow_path(f"M{_n(x + card / 2)} {_n(top + height)}V{_n(turn)}"
                                    f"H{_n(nx + card / 2)}V{_n(ntop - 2)}"))
    for number, ((x, top, height), lines) in enumerate(zip(cards, titles), start=1):
        body += [f'<rect class="revops-pic-node" x="{_n(x)}" y="{_n(top)}" width="{card}" '
                 f'height="{_n(height)}" rx="6"/>',
                 _centred_text(x + card / 2, top + 14 + (height - 14) / 2, lines),
                 f'<circle class="revops-pic-strong" cx="{_n(x + 22)}" cy="{_n(top)}" r="14"/>',
                 _centred_text(x + 22, top, [str(number)], cls="revops-pic-number")]
    return _svg("roadmap", y - gap + MARGIN, f"The roadmap: {len(steps)} steps in order",
                _roadmap_desc(steps), body)


def _arrow_path(d: str, cls: str = "revops-pic-line", dash: str = "",
                name: str = "roadmap") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<path class="{cls}" d="{d}"{dashes} marker-end="url(#{name}-arrow)"/>'


def _roadmap_desc(steps) -> str:
    sentences = [f"The roadmap has {len(steps)} steps, taken in order."]
    for number, step in enumerate(steps, start=1):
        if number < len(steps):
            sentences.append(f"Step {number}, {_plain(step.title)}, leads to step {number + 1}, "
                             f"{_plain(steps[number].title)}.")
        else:
            sentences.append(f"Step {number}, {_plain(step.title)}, is the last step.")
    return " ".join(sentences)


# --- interlocks ----------------------------------------------------------------------------

def _short_name(rule) -> str:
    """Full rule titles are too long for a ring on a phone; the id reads as a short name
    ('data-and-insights' -> 'Data and insights'). The <desc> gives the full titles."""
    return rule.id.replace("-", " ").capitalize()


def interlocks_svg(playbook: Playbook) -> str:
    """The rules as numbered nodes on a tall ring, clockwise from the top, with an arrow for
    each interlock from a rule to the rule it acts on; the kind sets the dash pattern."""
    rules, radius = playbook.rules, 15
    rx, ry = 92, 40 + 12 * len(rules)  # a tall ring leaves room for labels at the sides
    angles = [-math.pi / 2 + 2 * math.pi * i / len(rules) for i in range(len(rules))]
    labels = [_ring_label(rule, math.cos(a), rx, radius) for rule, a in zip(rules, angles)]
    above = len(labels[0][0]) * LINE + 4  # the first rule's label sits above the ring
    cx, cy = WIDTH / 2, MARGIN + above + radius + ry
    points = {rule.id: (cx + rx * math.cos(a), cy + ry * math.sin(a))
              for rule, a in zip(rules, angles)}
    kinds = get_args(Relation)
    body = [_arrow_marker("interlocks")]
    for rule in rules:
        for link in rule.interlocks:
            dash = DASHES[kinds.index(link.how) % len(DASHES)]
            body.append(_arrow_path(_bent(points[rule.id], points[link.rule], radius),
                                    dash=dash, name="interlocks"))
    bottom = cy + ry
    for number, (rule, a, (lines, anchor)) in enumerate(zip(rules, angles, labels), start=1):
        x, y = points[rule.id]
        body += [f'<circle class="revops-pic-strong" cx="{_n(x)}" cy="{_n(y)}" r="{radius}"/>',
                 _centred_text(x, y, [str(number)], cls="revops-pic-number")]
        if anchor == "middle":  # top or bottom of the ring: the label above or below
            down = math.sin(a) > 0
            first = (y + radius + 16) if down else (y - radius - 6 - (len(lines) - 1) * LINE)
            bottom = max(bottom, first + (len(lines) - 1) * LINE + 4)
            body.append(_text(x, first, lines))
        else:
            side = radius + 5 if anchor == "start" else -radius - 5
            body.append(_centred_text(x + side, y, lines, anchor=anchor))
    used = [kind for kind in kinds if any(link.how == kind for r in rules for link in r.interlocks)]
    legend, height = _interlocks_legend(used, bottom + 18)
    return _svg("interlocks", height, f"How the {len(rules)} rules interlock",
                _interlocks_desc(rules), body + legend)


def _ring_label(rule, cos: float, rx: float, radius: float) -> tuple[list[str], str]:
    """A node's short name, wrapped to the room between the node and the edge of the picture."""
    if abs(cos) < 0.3:
        return wrap_label(_short_name(rule), 150, max_lines=2), "middle"
    room = WIDTH / 2 - rx * abs(cos) - radius - 5 - MARGIN
    return wrap_label(_short_name(rule), room, max_lines=3), "start" if cos > 0 else "end"


def _bent(start: tuple, end: tuple, radius: float) -> str:
    """A slightly curved arrow between two nodes, bowed to its right so that the arrows of a
    pair of rules that act on each other do not lie on top of one another."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    mx, my = (x1 + x2) / 2 - dy * 0.12, (y1 + y2) / 2 + dx * 0.12
    sx, sy = _towards(x1, y1, mx, my, radius + 1)
    ex, ey = _towards(x2, y2, mx, my, radius + 2)
    return f"M{_n(sx)} {_n(sy)}Q{_n(mx)} {_n(my)} {_n(ex)} {_n(ey)}"


def _towards(x: float, y: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    length = math.hypot(tx - x, ty - y) or 1
    return x + (tx - x) * distance / length, y + (ty - y) * distance / length


def _interlocks_legend(kinds: list[str], top: float) -> tuple[list[str], float]:
    note = wrap_label("Each arrow runs from a rule to the rule it acts on:", WIDTH - 2 * MARGIN,
                      size=SMALL)
    body = [_text(MARGIN, top, note, anchor="start", size=SMALL)]
    top += len(note) * LINE + 6
    kinds_ = get_args(Relation)
    for i, kind in enumerate(kinds):
        x, y = MARGIN + (i % 2) * WIDTH / 2, top + (i // 2) * 24
        dash = DASHES[kinds_.index(kind) % len(DASHES)]
        body += [_arrow_path(f"M{_n(x)} {_n(y)}H{_n(x + 48)}", dash=dash, name="interlocks"),
                 _text(x + 58, y + 5, [kind], anchor="start", size=SMALL)]
    return body, top + math.ceil(len(kinds) / 2) * 24 - 10 + MARGIN


def _interlocks_desc(rules) -> str:
    numbers = {rule.id: n for n, rule in enumerate(rules, start=1)}
    sentences = [f"The {len(rules)} rules sit on a ring, numbered 1 to {len(rules)} clockwise "
                 "from the top, with an arrow from each rule to each rule it acts on."]
    for rule in rules:
        links = "; ".join(f"{link.how} rule {numbers[link.rule]}, "
                          f"{_plain(rules[numbers[link.rule] - 1].title)}"
                          for link in rule.interlocks)
        sentences.append(f"Rule {numbers[rule.id]}, {_plain(rule.title)}, shown as "
                         f"{_short_name(rule)}: {links}.")
    return " ".join(sentences)


# --- maturity ladder -----------------------------------------------------------------------

def ladder_svg(playbook: Playbook) -> str:
    """The levels as a staircase rising to the right: the number on each step, the name
    above its tread (right-aligned to the step when wider than it)."""
    levels = sorted(playbook.levels, key=lambda level: level.level)
    step = (WIDTH - 2 * MARGIN) / len(levels)
    labels = []
    for i, level in enumerate(levels):
        if text_width(_plain(level.name)) <= step - 6:
            labels.append(([_plain(level.name)], "middle"))
        else:  # room to the left is free: the steps there are lower
            labels.append((wrap_label(level.name, min(step * (i + 1) - 6, 160)), "end"))
    rise = max(34, max(len(lines) for lines, _ in labels) * LINE + 12)
    ground = MARGIN + len(labels[-1][0]) * LINE + 6 + rise * len(levels)
    body = []
    for i, (level, (lines, anchor)) in enumerate(zip(levels, labels)):
        x, top = MARGIN + i * step, ground - (i + 1) * rise
        body += [f'<rect class="revops-pic-strong revops-pic-stair" x="{_n(x)}" y="{_n(top)}" '
                 f'width="{_n(step)}" height="{_n(ground - top)}"/>',
                 _text(x + step / 2, top + 22, [str(level.level)], cls="revops-pic-number"),
                 _text(x + step / 2 if anchor == "middle" else x + step - 4,
                       top - 8 - (len(lines) - 1) * LINE, lines, anchor=anchor)]
    return _svg("ladder", ground + MARGIN, f"The {len(levels)} maturity levels",
                _ladder_desc(levels), body)


def _ladder_desc(levels) -> str:
    steps = "; ".join(f"level {level.level}, {_plain(level.name)}" for level in levels)
    return (f"A staircase of {len(levels)} maturity levels rising from the lowest at the "
            f"left to the highest at the right: {steps}.")
