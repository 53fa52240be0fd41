"""Inline SVG pictures of the operating model, roadmap, rule interlocks and maturity ladder,
drawn from the content model. Standard library only and no MkDocs, so any site generator can
place them. Colours come from CSS classes (docs/assets/pictures.css), never the markup, so a
picture follows the page's light or dark scheme; each <desc> says all its picture shows."""

from __future__ import annotations

import math
from itertools import pairwise
from typing import TYPE_CHECKING, get_args

from revops.content.schema import Relation
from revops.site.svg import (
    DASHES,
    GAP,
    LINE,
    MARGIN,
    WIDTH,
    badge,
    box,
    line_path,
    num,
    plain_words,
    svg_root,
    text_block,
    text_width,
    wrap_label,
)

if TYPE_CHECKING:
    from revops.content.playbook import Playbook

# --- operating model ---------------------------------------------------------------------


def _owner(discipline, functions):
    """The function a discipline works in. The YAML has no field for this, so the ids tell:
    'customer-success-operations' belongs to 'customer-success' (the longest id wins)."""
    matches = [f for f in functions if discipline.id.startswith(f.id + "-")]
    return max(matches, key=lambda f: len(f.id), default=None)


def _spokes(functions, disciplines, owners: dict) -> list[tuple]:
    """(function, discipline) pairs, one column each; either may be None."""
    spokes = []
    for function in functions:
        own = [d for d in disciplines if owners[d.id] is function]
        spokes += [(function, own[0] if own else None)] + [(None, d) for d in own[1:]]
    return spokes + [(None, d) for d in disciplines if owners[d.id] is None]


# A node's key: "hub", or (kind, id) for a function or discipline.
NodeKey = str | tuple[str, str]


def _fan(spokes: list[tuple]) -> tuple[dict[NodeKey, tuple[float, float]], list[str], float]:
    """Half the spokes above the hub and half below, functions outermost, so the picture
    stays narrow. Returns the centre of every node, its markup and the bottom edge."""
    half = math.ceil(len(spokes) / 2)
    rows: list = []
    for upper, band in ((True, spokes[:half]), (False, spokes[half:])):
        width = min(124, WIDTH / max(len(band), 1) - 10)
        at = [(WIDTH * (i + 0.5) / len(band), pair) for i, pair in enumerate(band)]
        outer = [(x, "function", f, width) for x, (f, _) in at if f]
        inner = [(x, "discipline", d, width) for x, (_, d) in at if d]
        rows += [outer, inner, "hub"] if upper else [inner, outer]
    centres: dict[NodeKey, tuple[float, float]] = {}
    body: list[str] = []
    y = float(MARGIN)
    for row in filter(None, rows):
        if row == "hub":
            centres["hub"] = (WIDTH / 2, y + 22)
            body += [
                box("revops-pic-strong", WIDTH / 2 - 60, y, 120, 44, 22),
                text_block(WIDTH / 2, y + 22, ["RevOps"], cls="revops-pic-number", centred=True),
            ]
            y += 44 + GAP
            continue
        labels = [wrap_label(item.name, width - 12) for _, _, item, width in row]
        height = max(len(lines) for lines in labels) * LINE + 12
        for (x, kind, item, width), lines in zip(row, labels, strict=True):
            centres[kind, item.id] = (x, y + height / 2)
            inner = kind == "discipline"
            box_height = len(lines) * LINE + 12
            body += [
                box(
                    "revops-pic-node" + " revops-pic-node-inner" * inner,
                    x - width / 2,
                    y + (height - box_height) / 2,
                    width,
                    box_height,
                    14 if inner else 4,
                ),
                text_block(x, y + height / 2, lines, centred=True),
            ]
        y += height + GAP
    return centres, body, y - GAP


def operating_model_svg(playbook: Playbook) -> str:
    """RevOps as a hub joined to each revenue function through the operations discipline
    that works in it; a function without one is joined to the hub directly."""
    network = playbook.operating_model.network
    owners = {d.id: _owner(d, network.functions) for d in network.disciplines}
    spokes = _spokes(network.functions, network.disciplines, owners)
    centres, nodes, bottom = _fan(spokes)
    joins: list[tuple[NodeKey, NodeKey]] = [("hub", ("discipline", d.id)) for _, d in spokes if d]
    joins += [
        (("discipline", d.id), ("function", owners[d.id].id))
        for _, d in spokes
        if d and owners[d.id]
    ]
    joins += [("hub", ("function", f.id)) for f, d in spokes if f and not d]
    lines = [
        line_path(
            "operating-model",
            "M{} {}L{} {}".format(*map(num, centres[a] + centres[b])),
            arrow=False,
        )
        for a, b in joins
    ]
    keys = [
        (MARGIN, "revops-pic-node", 4, "Revenue function"),
        (196, "revops-pic-node revops-pic-node-inner", 9, "Operations discipline"),
    ]
    legend = [
        box(cls, x, bottom + 14, 28, 18, rx)
        + text_block(x + 36, bottom + 28, [key], anchor="start")
        for x, cls, rx, key in keys
    ]
    return svg_root(
        "operating-model",
        bottom + 32 + MARGIN,
        "The operating model: RevOps as the network between the revenue functions",
        _operating_model_desc(network, spokes, owners),
        lines + nodes + legend,
    )


def _operating_model_desc(network, spokes, owners) -> str:
    sentences = [
        f"RevOps is the hub of a network that joins {len(network.functions)} revenue "
        f"functions through {len(network.disciplines)} operations disciplines."
    ]
    for function, discipline in spokes:
        owner = discipline and owners[discipline.id]
        sentences.append(
            f"{plain_words(discipline.name)} joins RevOps to {plain_words(owner.name)}."
            if owner
            else f"{plain_words(discipline.name)} is joined to RevOps alone."
            if discipline
            else f"{plain_words(function.name)} is joined to RevOps directly."
        )
    return " ".join(sentences)


# --- roadmap -----------------------------------------------------------------------------


def roadmap_svg(playbook: Playbook) -> str:
    """The steps as numbered cards, two to a row, read left to right; an arrow leads from
    each card to the next, turning down and back at the end of a row."""
    steps = playbook.roadmap.steps
    card, gap = 164, 52  # card width; the space between rows for the turning arrow
    titles = [wrap_label(step.title, card - 16) for step in steps]
    cards, y = [], 16.0  # room above the first row for its number badges
    for start in range(0, len(steps), 2):
        height = 26 + max(len(lines) for lines in titles[start : start + 2]) * LINE
        cards += [
            (MARGIN + (WIDTH - 2 * MARGIN - card) * (i % 2), y, height)
            for i in range(start, min(start + 2, len(steps)))
        ]
        y += height + gap
    body = []
    for (x, top, height), (next_x, next_top, _) in pairwise(cards):
        if next_top == top:  # same row: straight across
            d = f"M{num(x + card)} {num(top + height / 2)}H{num(next_x - 2)}"
        else:  # end of a row: down, back to the left, and down into the next card
            d = (
                f"M{num(x + card / 2)} {num(top + height)}V{num(top + height + 18)}"
                f"H{num(next_x + card / 2)}V{num(next_top - 2)}"
            )
        body.append(line_path("roadmap", d))
    for number, ((x, top, height), lines) in enumerate(zip(cards, titles, strict=True), 1):
        body += [
            box("revops-pic-node", x, top, card, height, 6),
            text_block(x + card / 2, top + 7 + height / 2, lines, centred=True),
            badge(x + 22, top, number),
        ]
    return svg_root(
        "roadmap",
        y - gap + MARGIN,
        f"The roadmap: {len(steps)} steps in order",
        _roadmap_desc(steps),
        body,
    )


def _roadmap_desc(steps) -> str:
    leads = [
        f"Step {n}, {plain_words(step.title)}, leads to step {n + 1}, {plain_words(then.title)}."
        for n, (step, then) in enumerate(pairwise(steps), 1)
    ]
    return " ".join(
        [
            f"The roadmap has {len(steps)} steps, taken in order.",
            *leads,
            f"Step {len(steps)}, {plain_words(steps[-1].title)}, is the last step.",
        ]
    )


# --- interlocks ----------------------------------------------------------------------------


def _short_name(rule) -> str:
    """Rule titles are too long for a ring on a phone; the id reads as a short name
    ('data-and-insights' -> 'Data and insights'). The <desc> gives the full titles."""
    return rule.id.replace("-", " ").capitalize()


def interlocks_svg(playbook: Playbook) -> str:
    """The rules as numbered nodes on a tall ring, clockwise from the top, with an arrow for
    each interlock from a rule to the rule it acts on; its kind sets the dash pattern."""
    rules, radius = playbook.rules, 15
    rx, ry = 70, 60 + 14 * len(rules)  # tall and narrow: room for labels at the sides
    angles = [2 * math.pi * i / len(rules) - math.pi / 2 for i in range(len(rules))]
    above = len(wrap_label(_short_name(rules[0]), 150, max_lines=2)) * LINE  # the top label
    cx, cy = WIDTH / 2, MARGIN + above + radius + ry
    points = {
        rule.id: (cx + rx * math.cos(a), cy + ry * math.sin(a))
        for rule, a in zip(rules, angles, strict=True)
    }
    body = [
        line_path("interlocks", _bent(points[rule.id], points[link.rule], radius), _dash(link.how))
        for rule in rules
        for link in rule.interlocks
    ]
    bottom = 0.0
    for number, (rule, a) in enumerate(zip(rules, angles, strict=True), 1):
        label, low = _ring_label(_short_name(rule), points[rule.id], a, radius, rx)
        body += [badge(*points[rule.id], number), label]
        bottom = max(bottom, low)
    legend, height = _dash_legend(rules, bottom + 24)
    return svg_root(
        "interlocks",
        height,
        f"How the {len(rules)} rules interlock",
        _interlocks_desc(rules),
        body + legend,
    )


def _dash(kind: str) -> str:
    return DASHES[get_args(Relation).index(kind) % len(DASHES)]


def _ring_label(
    name: str, point: tuple, angle: float, radius: float, rx: float
) -> tuple[str, float]:
    """A node's short name and the lowest point it reaches: above or below a node at the top
    or bottom of the ring, else beside it, wrapped to the room left before the edge."""
    (x, y), cos = point, math.cos(angle)
    if abs(cos) < 0.3:
        lines = wrap_label(name, 150, max_lines=2)
        below = math.sin(angle) > 0
        first = y + radius + 16 if below else y - radius - 6 - (len(lines) - 1) * LINE
        return text_block(x, first, lines), max(y + radius, first + (len(lines) - 1) * LINE)
    lines = wrap_label(name, WIDTH / 2 - rx * abs(cos) - radius - 5 - MARGIN)
    side = radius + 5 if cos > 0 else -radius - 5
    return (
        text_block(x + side, y, lines, anchor="start" if cos > 0 else "end", centred=True),
        y + max(radius, len(lines) * LINE / 2),
    )


def _dash_legend(rules, top: float) -> tuple[list[str], float]:
    """What each dash pattern in use means, two to a row; returns the markup and its bottom."""
    used = [
        kind
        for kind in get_args(Relation)
        if any(link.how == kind for rule in rules for link in rule.interlocks)
    ]
    note = wrap_label("Each arrow runs from a rule to the rule it acts on:", WIDTH - 2 * MARGIN)
    body = [text_block(MARGIN, top, note, anchor="start")]
    top += len(note) * LINE + 6
    for i, kind in enumerate(used):
        x, y = MARGIN + (i % 2) * WIDTH / 2, top + (i // 2) * 24
        body += [
            line_path("interlocks", f"M{num(x)} {num(y)}H{num(x + 48)}", _dash(kind)),
            text_block(x + 58, y + 5, [kind], anchor="start"),
        ]
    return body, top + math.ceil(len(used) / 2) * 24 - 10 + MARGIN


def _bent(start: tuple, end: tuple, radius: float) -> str:
    """A slightly curved arrow between two nodes, bowed to its right so that the arrows of
    two rules that act on each other do not lie on top of one another."""
    (x1, y1), (x2, y2) = start, end
    mx, my = (x1 + x2) / 2 - (y2 - y1) * 0.15, (y1 + y2) / 2 + (x2 - x1) * 0.15

    def edge(x, y, gap):  # where the line leaves a node's circle, heading for the bend
        length = math.hypot(mx - x, my - y) or 1
        return f"{num(x + (mx - x) * gap / length)} {num(y + (my - y) * gap / length)}"

    return f"M{edge(x1, y1, radius + 1)}Q{num(mx)} {num(my)} {edge(x2, y2, radius + 2)}"


def _interlocks_desc(rules) -> str:
    number = {rule.id: n for n, rule in enumerate(rules, 1)}
    title = {rule.id: plain_words(rule.title) for rule in rules}
    sentences = [
        f"The {len(rules)} rules sit on a ring, numbered 1 to {len(rules)} clockwise "
        "from the top, with an arrow from each rule to each rule it acts on."
    ]
    for rule in rules:
        links = "; ".join(
            f"{link.how} rule {number[link.rule]}, {title[link.rule]}" for link in rule.interlocks
        )
        sentences.append(
            f"Rule {number[rule.id]}, {title[rule.id]}, labelled {_short_name(rule)}: {links}."
        )
    return " ".join(sentences)


# --- maturity ladder -----------------------------------------------------------------------


def ladder_svg(playbook: Playbook) -> str:
    """The levels as a staircase rising to the right: the number on each step and the name
    above its tread, right-aligned to the step when wider than it (the steps to the left are
    lower, so the room there is free)."""
    levels = sorted(playbook.levels, key=lambda level: level.level)
    step = (WIDTH - 2 * MARGIN) / len(levels)
    labels = [
        ([plain_words(level.name)], "middle")
        if text_width(plain_words(level.name)) <= step - 6
        else (wrap_label(level.name, min(step * (i + 1) - 6, 160)), "end")
        for i, level in enumerate(levels)
    ]
    rise = max(34, max(len(lines) for lines, _ in labels) * LINE + 12)
    ground = MARGIN + len(labels[-1][0]) * LINE + 6 + rise * len(levels)
    body = []
    for i, (level, (lines, anchor)) in enumerate(zip(levels, labels, strict=True)):
        x, top = MARGIN + i * step, ground - (i + 1) * rise
        body += [
            box("revops-pic-strong revops-pic-stair", x, top, step, ground - top, 0),
            text_block(x + step / 2, top + 22, [str(level.level)], cls="revops-pic-number"),
            text_block(
                x + step / 2 if anchor == "middle" else x + step - 4,
                top - 8 - (len(lines) - 1) * LINE,
                lines,
                anchor=anchor,
            ),
        ]
    return svg_root(
        "ladder", ground + MARGIN, f"The {len(levels)} maturity levels", _ladder_desc(levels), body
    )


def _ladder_desc(levels) -> str:
    steps = "; ".join(f"level {level.level}, {plain_words(level.name)}" for level in levels)
    return (
        f"A staircase of {len(levels)} maturity levels rising from the lowest at the "
        f"left to the highest at the right: {steps}."
    )
