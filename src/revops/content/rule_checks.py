"""Checks on the levels, the rules and the roadmap's steps. Each check yields (where, message)
for every break of its rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

from revops.content.known import Found, ladder
from revops.content.loaded import Content

STEPS = "playbook/steps.yaml"
CADENCE_WORDS = {
    "weekly": "weekly",
    "every week": "weekly",
    "fortnightly": "fortnightly",
    "every two weeks": "fortnightly",
    "monthly": "monthly",
    "every month": "monthly",
    "quarterly": "quarterly",
    "every quarter": "quarterly",
    "annually": "annual",
    "every year": "annual",
}


def levels_numbered(content: Content) -> Iterator[Found]:
    """Levels run 1, 2, 3... without gaps, lowest first."""
    levels = content.levels
    for i, level in enumerate(levels.levels if levels else []):
        if level.level != i + 1:
            yield (
                content.at("assessment/levels.yaml", ("levels", i, "level")),
                f"levels must run 1, 2, 3... without gaps, lowest first; "
                f"this one should be {i + 1}, not {level.level}",
            )


def rule_links(content: Content) -> Iterator[Found]:
    """A rule's metrics, interlocks and practices point at things that exist."""
    known = content.known
    for path, rule in content.rules:
        yield from known.check(path, ("metrics",), "metric", rule.metrics)
        interlocked = [link.rule for link in rule.interlocks]
        yield from known.check(path, ("interlocks",), "rule", interlocked, not_self=rule.id)
        for i, practice in enumerate(rule.practices):
            loc = ("practices", i)
            yield from known.one(path, loc + ("from_stage",), "stage", practice.from_stage)
            yield from known.check(path, loc + ("metrics",), "metric", practice.metrics)
            yield from known.check(path, loc + ("forums",), "forum", practice.forums)


def rule_ladders(content: Content) -> Iterator[Found]:
    """A rule's maturity ladder has an entry for every level and for no other."""
    for path, rule in content.rules:
        yield from ladder(content, path, ("maturity",), rule.maturity)


def step_links(content: Content) -> Iterator[Found]:
    """A step's rules, stage, metrics and forums exist."""
    known = content.known
    for i, step in enumerate(content.roadmap.steps if content.roadmap else []):
        loc = ("steps", i)
        yield from known.check(STEPS, loc + ("advances",), "rule", step.advances)
        yield from known.one(STEPS, loc + ("from_stage",), "stage", step.from_stage)
        yield from known.check(STEPS, loc + ("metrics",), "metric", step.metrics)
        yield from known.check(STEPS, loc + ("forums",), "forum", step.forums)


def cadence_left_to_forums(content: Content) -> Iterator[Found]:
    """Prose beside a forum gives it no other cadence: the page shows the forum's own."""
    for path, rule in content.rules:
        for i, practice in enumerate(rule.practices):
            what = ("practices", i, "what")
            yield from _cadence(content, path, what, practice.what, practice.forums)
    for i, step in enumerate(content.roadmap.steps if content.roadmap else []):
        for j, activity in enumerate(step.activities):
            place = ("steps", i, "activities", j)
            yield from _cadence(content, STEPS, place, activity, step.forums)


def _cadence(
    content: Content, relative: str, loc: tuple, text: str, forum_ids: list[str]
) -> Iterator[Found]:
    """The first cadence the text names that none of its forums runs at."""
    reference = content.reference
    if reference is None or not forum_ids:
        return
    forums = [reference.forums[f] for f in forum_ids if f in reference.forums]
    cadences = {forum.cadence for forum in forums}
    lowered = text.lower()
    for words, cadence in CADENCE_WORDS.items():
        if re.search(rf"\b{words}\b", lowered) and cadence not in cadences:
            runs = ", ".join(f"{forum.id} ({forum.cadence})" for forum in forums)
            yield (
                content.at(relative, loc),
                f"the text says '{words}' but its forums run "
                f"{runs}; drop the cadence from the text (the page shows the "
                "forum's own)",
            )
            return


def practices_start_with_a_forum(content: Content) -> Iterator[Found]:
    """A practice taken up at a stage has at least one of its forums running by then."""
    reference = content.reference
    if reference is None:
        return
    order = [stage.id for stage in reference.stages.stages]
    for path, rule in content.rules:
        for i, practice in enumerate(rule.practices):
            forums = [reference.forums[f] for f in practice.forums if f in reference.forums]
            stage = practice.from_stage
            if stage not in order or not forums:
                continue
            if any(
                f.from_stage in order and order.index(f.from_stage) <= order.index(stage)
                for f in forums
            ):
                continue
            starts = ", ".join(f"{f.id} ({f.from_stage})" for f in forums)
            yield (
                content.at(path, ("practices", i, "from_stage")),
                f"taken up from '{stage}' but its "
                f"forums only start later: {starts}; add a forum that runs at that stage "
                "or take the practice up later",
            )
