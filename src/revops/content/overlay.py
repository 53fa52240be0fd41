"""A company's overlay: one YAML file that adapts the assessment without forking the playbook.

It hides rules or questions, marks questions not applicable by policy, changes weights, adds
the company's own questions and names the organisation; its planning inputs are applied to
the planning model by planning_overlay.py. It points at upstream content by id
only, so upstream edits never conflict with it. It applies to the question bank, so the
same overlay works on a project's content and on the bank an installed revops carries.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, NamedTuple

from pydantic import ConfigDict, Field

from revops.content.known import evidence_faults, unknown
from revops.content.loader import check_model
from revops.content.schema import Id, Line, Question, Strict
from revops.foundation.files import read_bytes
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.wording import header_key, wording_clashes
from revops.foundation.yamlsource import Located, parse_yaml

MAX_BYTES = 1_000_000
WHERE = "the question bank (run `revops form` or `revops template` for the list)"


class AddedQuestion(Question):
    rule: Id = Field(description="The rule the question counts towards.")


class Overlay(Strict):
    """A company overlay: changes to the assessment by id, applied with --overlay FILE."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, defer_build=True, title="RevOps company overlay"
    )
    organisation: Line | None = Field(
        None,
        description="The organisation's name: the team name of reports whose answers give none.",
    )
    prefix: Id | None = Field(
        None,
        description="Start of every added question's id, such as "
        "the company's short name; needed with add_questions.",
    )
    hide_rules: list[Id] = Field([], description="Rules left out of the assessment.")
    hide_questions: list[Id] = Field([], description="Questions left out of the assessment.")
    not_applicable: list[Id] = Field(
        [],
        description="Questions that do not apply by policy: "
        "left out, and listed as such in reports.",
    )
    weights: dict[Id, Annotated[int, Field(ge=1, le=5)]] = Field(
        {}, description="Question id -> weight from 1 to 5, replacing the playbook's."
    )
    add_questions: list[AddedQuestion] = Field(
        [], description="The company's own questions, each with an option for every level."
    )
    planning: dict[str, float | list[float]] = Field(
        {},
        description="Planning model inputs the company sets itself, by name, such as "
        "`target.ending_arr` or `segments.enterprise.win_rate`, to the value to use instead "
        "(a list of shares for a `ramp`).",
    )


class AppliedOverlay:
    """The bank with the overlay applied, and what to say about it in a report."""

    def __init__(self, bank: dict, shown: str, digest: str, overlay: Overlay):
        self.bank, self.overlay = bank, overlay
        self.report = {
            "file": Path(shown).name,
            "hash": digest,
            "organisation": overlay.organisation,
            "hidden_rules": list(overlay.hide_rules),
            "hidden_questions": list(overlay.hide_questions),
            "not_applicable": list(overlay.not_applicable),
            "added_questions": [q.id for q in overlay.add_questions],
            "weights": dict(overlay.weights),
            "summary": "",
        }
        self.report["summary"] = self.summary()

    def summary(self) -> str:
        overlay = self.overlay
        parts = [
            f"{len(items)} {noun}{'s' if len(items) != 1 else ''} {what}"
            for items, noun, what in (
                (overlay.hide_rules, "rule", "hidden"),
                (overlay.hide_questions, "question", "hidden"),
                (overlay.not_applicable, "question", "not applicable by policy"),
                (overlay.weights, "weight", "changed"),
                (overlay.add_questions, "question", "added"),
            )
            if items
        ]
        return ", ".join(parts) or "no changes"


def load_overlay(path: Path, bank: dict) -> AppliedOverlay:
    """The overlay at path checked against the bank and applied to a copy of it. Raises
    InvalidInput with every problem as path:line:column."""
    overlay, located, data = read_overlay(path)
    problems = _check(overlay, bank, located)
    if problems:
        raise InvalidInput(problems)
    digest = hashlib.sha256(data).hexdigest()[:16]
    return AppliedOverlay(_apply(bank, overlay), str(path), digest, overlay)


def read_overlay(path: Path) -> tuple[Overlay, Located, bytes]:
    """The overlay at path read and typed, where each of its values is, and its bytes.
    Raises InvalidInput with every problem as path:line:column."""
    shown = str(path)
    data = read_bytes(path, shown, MAX_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput([Problem(shown, 1, 0, "file is not UTF-8 text")]) from None
    located, problems = parse_yaml(text, shown)
    if located is None or problems:
        raise InvalidInput(problems)
    if located.data is None:
        raise InvalidInput(
            [Problem(shown, 1, 1, "the overlay is empty; see CONTRIBUTING.md for its keys")]
        )
    overlay = check_model(located, Overlay, problems)
    if overlay is None:
        raise InvalidInput(problems)
    return overlay, located, data


LISTED = ("hide_questions", "not_applicable")  # the lists that take questions out


class _Bank(NamedTuple):
    """The bank's rules and questions by id, and the levels every question's options cover."""

    rules: dict[str, dict]
    questions: dict[str, tuple[str, dict]]  # question id -> (its rule's id, the question)
    levels: set[str]
    from_level: int  # the lowest level an answer claims a practice at, backed by evidence

    @classmethod
    def of(cls, bank: dict) -> _Bank:
        rules = {rule["id"]: rule for rule in bank["rules"]}
        questions = {q["id"]: (rule["id"], q) for rule in bank["rules"] for q in rule["questions"]}
        levels = {str(level["level"]) for level in bank["levels"]}
        return cls(rules, questions, levels, bank["parameters"].get("evidence_from_level", 3))


Found = tuple[tuple, str]  # (where in the overlay, what is wrong there)


def _check(overlay: Overlay, bank: dict, located: Located) -> list[Problem]:
    """Every problem of an overlay that validated, checked against the bank it changes."""
    ids = _Bank.of(bank)
    found = [
        *_hidden_rules_known(overlay, ids),
        *_listed_questions_known(overlay, ids),
        *_added_ids(overlay, ids),
        *_added_rules(overlay, ids),
        *_added_options(overlay, ids),
        *_rules_keep_a_question(overlay, ids),
    ]
    problems = [located.problem(loc, message, prefer_key=False) for loc, message in found]
    return problems + [
        located.problem(loc, message, prefer_key=True)
        for loc, message in _weights_known(overlay, ids)
    ]


def _hidden_rules_known(overlay: Overlay, ids: _Bank) -> Iterator[Found]:
    """A hidden rule is one of the bank's."""
    for i, rule_id in enumerate(overlay.hide_rules):
        if rule_id not in ids.rules:
            yield ("hide_rules", i), unknown("rule", rule_id, ids.rules, WHERE)


def _listed_questions_known(overlay: Overlay, ids: _Bank) -> Iterator[Found]:
    """A question hidden or not applicable is one of the bank's, and listed once."""
    listed: dict[str, str] = {}
    for key in LISTED:
        for i, question_id in enumerate(getattr(overlay, key)):
            if question_id not in ids.questions:
                yield (key, i), unknown("question", question_id, ids.questions, WHERE)
            elif question_id in listed:
                yield (key, i), f"question '{question_id}' is already in {listed[question_id]}"
            listed.setdefault(question_id, key)


def _weights_known(overlay: Overlay, ids: _Bank) -> Iterator[Found]:
    """A weight is for a question of the bank or of the overlay."""
    added = [q.id for q in overlay.add_questions]
    for question_id in overlay.weights:
        if question_id not in ids.questions and question_id not in added:
            known = [*ids.questions, *added]
            yield ("weights", question_id), unknown("question", question_id, known, WHERE)


def _added_ids(overlay: Overlay, ids: _Bank) -> Iterator[Found]:
    """An added question's id starts with the overlay's prefix and is none of the bank's."""
    for i, question in enumerate(overlay.add_questions):
        loc = ("add_questions", i, "id")
        if overlay.prefix is None:
            yield (
                loc,
                "an added question needs the overlay's `prefix`, such as your "
                "company's short name, and its id must start with it",
            )
        elif not question.id.startswith(f"{overlay.prefix}-"):
            yield loc, f"an added question's id starts with the prefix: '{overlay.prefix}-...'"
        if question.id in ids.questions:
            yield loc, f"'{question.id}' is a question of the playbook; choose an id of your own"


def _added_rules(overlay: Overlay, ids: _Bank) -> Iterator[Found]:
    """An added question counts towards a rule of the bank that the overlay keeps."""
    for i, question in enumerate(overlay.add_questions):
        loc = ("add_questions", i, "rule")
        if question.rule not in ids.rules:
            yield loc, unknown("rule", question.rule, ids.rules, WHERE)
        elif question.rule in overlay.hide_rules:
            yield loc, f"rule '{question.rule}' is hidden by this overlay"


def _added_options(overlay: Overlay, ids: _Bank) -> Iterator[Found]:
    """An added question has an option for every level, and wording an export can tell apart."""
    texts = {header_key(q["text"]): q["id"] for _, q in ids.questions.values()}
    for i, question in enumerate(overlay.add_questions):
        loc = ("add_questions", i)
        if {str(level) for level in question.options} != ids.levels:
            yield (
                loc + ("options",),
                f"give all {len(ids.levels)} options, one per level "
                f"{', '.join(sorted(ids.levels))}, each describing what is seen at that level",
            )
        for place, message in wording_clashes(question.id, question.text, question.options, texts):
            yield loc + place, message
        if question.evidence is not None:
            levels = {int(level) for level in ids.levels}
            for place, _, message in evidence_faults(question.evidence, levels, ids.from_level):
                yield loc + ("evidence", *place), message


def _rules_keep_a_question(overlay: Overlay, ids: _Bank) -> Iterator[Found]:
    """A rule the overlay keeps keeps at least one question."""
    entries = [
        (key, i, question_id)
        for key in LISTED
        for i, question_id in enumerate(getattr(overlay, key))
    ]
    added_to = {q.rule for q in overlay.add_questions}
    for rule_id, rule in ids.rules.items():
        gone = [
            (key, i)
            for key, i, question_id in entries
            if ids.questions.get(question_id, ("",))[0] == rule_id
        ]
        if not gone or rule_id in added_to or rule_id in overlay.hide_rules:
            continue
        if len(gone) >= len(rule["questions"]):
            yield (
                gone[-1],
                f"this leaves rule '{rule_id}' with no question; hide the rule "
                "with hide_rules instead",
            )


def _apply(bank: dict, overlay: Overlay) -> dict:
    result = copy.deepcopy(bank)
    set_aside: dict[str, str] = {}
    hidden = set(overlay.hide_questions) | set(overlay.not_applicable)
    kept_rules = []
    for rule in result["rules"]:
        if rule["id"] in overlay.hide_rules:
            set_aside.update({q["id"]: q["text"] for q in rule["questions"]})
            continue
        kept = []
        for question in rule["questions"]:
            if question["id"] in hidden:
                set_aside[question["id"]] = question["text"]
                continue
            question["weight"] = overlay.weights.get(question["id"], question["weight"])
            kept.append(question)
        kept += [
            {
                "id": q.id,
                "text": q.text,
                "help": q.help,
                "weight": overlay.weights.get(q.id, q.weight),
                "evidence": None
                if q.evidence is None
                else {str(level): text for level, text in q.evidence.items()},
                "options": {str(level): text for level, text in q.options.items()},
            }
            for q in overlay.add_questions
            if q.rule == rule["id"]
        ]
        rule["questions"] = kept
        kept_rules.append(rule)
    result["rules"] = kept_rules
    result["overlay"] = {
        "organisation": overlay.organisation,
        "set_aside": set_aside,
        "not_applicable": list(overlay.not_applicable),
    }
    return result
