"""The company profile an assessment is read for: its stage and sales motion, by the ids of
the guidance in playbook/stages.yaml. Answer files name it, `--stage` and `--motion` set it,
and the recommendations are ordered by it (scoring.Scorer.recommend)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from revops.foundation.problems import InvalidInput, Problem

KINDS = (("stage", "stages"), ("motion", "motions"))


class Profiled(Protocol):
    """What choose_profile reads of a respondent (answers.respondents.Respondent, a layer
    above this one)."""

    @property
    def source(self) -> str: ...

    @property
    def profile(self) -> Mapping[str, str | None] | None: ...


def known_profiles(bank: Mapping[str, Any]) -> dict[str, list[str]]:
    """'stage' and 'motion' -> the ids the bank's guidance offers."""
    guides = bank.get("profiles") or {}
    return {key: [guide["id"] for guide in guides.get(kinds, [])] for key, kinds in KINDS}


def unknown_profile(key: str, value: object, known: dict[str, list[str]]) -> str | None:
    """Why a stage or motion is not one of the guidance's ids, or None when it is."""
    if value is None or value in known[key]:
        return None
    if not isinstance(value, str):
        return f"{key} must be text: one of {', '.join(known[key])}"
    import difflib  # here: only a problem's message needs it

    close = difflib.get_close_matches(value, known[key], n=1)
    choices = ", ".join(known[key])
    hint = f"did you mean '{close[0]}'? Choose from {choices}" if close else f"use one of {choices}"
    return f"unknown {key} '{value[:40]}'; {hint}"


def choose_profile(
    respondents: Iterable[Profiled],
    stage: str | None,
    motion: str | None,
    known: dict[str, list[str]],
) -> dict[str, str | None]:
    """The profile to score with: the options, else what the answer files agree on.
    Raises InvalidInput when an option names no guidance or the files disagree."""
    problems = []
    chosen: dict[str, str | None] = {"stage": stage, "motion": motion}
    # (profile, source) of the respondents whose file names one: a table's rows name none
    profiled = [(profile, r.source) for r in respondents if (profile := r.profile)]
    for key, _ in KINDS:
        if chosen[key] is not None:
            if message := unknown_profile(key, chosen[key], known):
                problems.append(Problem(f"--{key}", 0, 0, message))
            continue
        given: dict[str, str] = {}
        for profile, source in profiled:
            value = profile.get(key)
            if value is not None:
                given.setdefault(value, source)
        if len(given) > 1:
            said = "; ".join(f"{source} says {value}" for value, source in given.items())
            problems.append(
                Problem(
                    next(iter(given.values())),
                    0,
                    0,
                    f"the answer files name different {key}s ({said}); choose one with --{key}",
                )
            )
        chosen[key] = next(iter(given), None)
    if problems:
        raise InvalidInput(problems)
    return chosen
