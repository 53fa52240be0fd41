"""Targets: the level a team aims for on each rule, how far the score is from it, and how much
of that distance it closed since each earlier assessment.

A target comes from `--target RULE=LEVEL` (or assess's `targets`), else from the answer
files' `targets:` (when the files agree), else from the company stage's guidance: its
target_level for every rule, raised to a foundation's until_level and capped below a
postponement's from_level (playbook/stages.yaml). Without any, a rule has no target.
docs/assets/revops-score.js mirrors it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, Protocol

from revops.foundation.problems import InvalidInput, Problem
from revops.scoring.formula import Bank, Result, Scale, Score

if TYPE_CHECKING:  # history.py is imported when there are earlier assessments
    from revops.advice.history import Earlier

OPTION, STAGE = "option", "stage"  # where a target came from


class Target(NamedTuple):
    level: int
    source: str  # OPTION or STAGE
    reason: str | None = None  # the stage guidance's, for a default target


class Progress(NamedTuple):
    date: str | None  # of the earlier assessment
    gap: Score  # target minus its score then, or None when it had no score
    closed: Score  # how much of that gap is closed now, at most all of it (negative: it grew)


class RuleTarget(NamedTuple):
    target: Target
    gap: Score  # target minus the score, 0 once reached; None without a score
    met: bool
    progress: tuple[Progress, ...]  # since each earlier assessment, oldest first


def stage_targets(bank: Bank, stage: str | None) -> dict[str, Target]:
    """Each rule's default target from the stage's guidance, or {} when it sets none."""
    guide = next(
        (g for g in (bank.get("profiles") or {}).get("stages", []) if g["id"] == stage), None
    )
    if guide is None or guide.get("target_level") is None:
        return {}
    targets = {}
    for rule in bank["rules"]:
        level, reason = guide["target_level"], guide.get("target_reason")
        first = guide["foundations"].get(rule["id"])
        if first and first["until_level"] and first["until_level"] > level:
            level, reason = first["until_level"], first["reason"]
        later = guide["later"].get(rule["id"])
        if later and later["from_level"] - 1 < level:
            level, reason = later["from_level"] - 1, later["reason"]
        targets[rule["id"]] = Target(level, STAGE, reason)
    return targets


class Targeted(Protocol):
    """What files_targets reads of a respondent (answers.respondents.Respondent, a layer
    above this one)."""

    @property
    def source(self) -> str: ...

    @property
    def targets(self) -> Mapping[str, int] | None: ...


def files_targets(respondents: Iterable[Targeted], given: Mapping[str, int]) -> dict[str, int]:
    """Rule id -> the target the answer files give it, for the rules `given` (the options)
    leaves out. Raises InvalidInput when files give one rule different targets."""
    said: dict[str, dict[int, str]] = {}  # rule -> level -> the first file giving it
    for respondent in filter(attrgetter("targets"), respondents):  # in C: most give none
        for rule, level in (respondent.targets or {}).items():
            if rule not in given:
                said.setdefault(rule, {}).setdefault(level, respondent.source)
    problems = [
        Problem(
            next(iter(levels.values())),
            0,
            0,
            f"the answer files give {rule} different targets ("
            + "; ".join(f"{source} says {level}" for level, source in levels.items())
            + f"); choose one with --target {rule}=LEVEL",
        )
        for rule, levels in said.items()
        if len(levels) > 1
    ]
    if problems:
        raise InvalidInput(problems)
    return {rule: next(iter(levels)) for rule, levels in said.items()}


def choose_targets(bank: Bank, given: Mapping[str, int], stage: str | None) -> dict[str, Target]:
    """The stage's default targets, each replaced by a target given for its rule (by the
    options or the answer files: both are set for this assessment)."""
    return {
        **stage_targets(bank, stage),
        **{rule: Target(level, OPTION) for rule, level in given.items()},
    }


def rule_targets(
    bank: Bank, result: Result, targets: Mapping[str, Target], earlier: Sequence[Earlier]
) -> dict[str, RuleTarget]:
    """Rule id -> its target, gap, and progress since each earlier assessment."""
    scale = Scale.of(bank)
    found = {}
    for rule in result.rules:
        if (target := targets.get(rule.id)) is None:
            continue
        found[rule.id] = RuleTarget(
            target,
            _gap(scale, target.level, rule.score),
            rule.score is not None and rule.score >= target.level,
            tuple(
                _progress(scale, target.level, rule.score, e.rules.get(rule.id), e.date)
                for e in earlier
            ),
        )
    return found


def _gap(scale: Scale, level: int, score: Score) -> Score:
    return None if score is None else scale.round(max(0.0, level - score))


def _progress(scale: Scale, level: int, now: Score, then: Score, date: str | None) -> Progress:
    """The gap at an earlier assessment and how much of it the score has closed since."""
    if then is None:
        return Progress(date, None, None)
    gap = scale.round(max(0.0, level - then))
    closed = None if now is None else scale.round(min(now - then, gap))
    return Progress(date, gap, closed)


def given_targets(values: Mapping[str, int] | Sequence[str], bank: Bank) -> dict[str, int]:
    """Targets as assess takes them, {"alignment": 4} or ["alignment=4"] as --target does,
    checked against the bank's rules and levels. Raises InvalidInput naming each bad one."""
    pairs = (
        list(values.items())
        if isinstance(values, Mapping)
        else [tuple(text.partition("=")[::2]) for text in values]
    )
    rules = [rule["id"] for rule in bank["rules"]]
    levels = [level["level"] for level in bank["levels"]]
    targets, problems = {}, []
    for rule, level in pairs:
        if message := _target_problem(str(rule), level, rules, levels):
            problems.append(Problem("--target", 0, 0, message))
        else:
            targets[str(rule)] = int(level)
    if problems:
        raise InvalidInput(problems)
    return targets


def _target_problem(rule: str, level: object, rules: list[str], levels: list[int]) -> str | None:
    """Why RULE=LEVEL is not a target, or None when it is."""
    shown = f"'{rule[:40]}={str(level)[:10]}'"
    if rule not in rules:
        from revops.answers.fast_path import unknown_rule  # the answer files' words

        return f"{shown}: {unknown_rule(rule, rules)}"
    text = str(level).strip()
    if not (text.isdigit() and int(text) in levels) or isinstance(level, bool | float):
        return f"{shown}: the target must be a level from {levels[0]} to {levels[-1]}"
    return None
