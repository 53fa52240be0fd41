"""`revops new`: start a rule or a question with every field present and marked TODO."""

from __future__ import annotations

import re
from pathlib import Path

from .content import RULE_FILE, Playbook
from .output import write_atomically
from .yamlsource import parse_yaml

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message says why."""


def _ladder(playbook: Playbook, indent: str, what: str) -> str:
    return "".join(f"{indent}{lv.level}: >-\n{indent}  TODO: {what} at level {lv.level} "
                   f"({lv.name}).\n" for lv in playbook.levels)


def _question(playbook: Playbook, question_id: str) -> str:
    return (f"  - id: {question_id}\n"
            "    text: TODO write the question, ending with a question mark?\n"
            "    help: >-\n      TODO one sentence on how to answer, or delete this field.\n"
            "    options:\n" + _ladder(playbook, "      ", "the observable practice"))


def new_rule(playbook: Playbook, rule_id: str) -> list[Path]:
    """Write playbook/rules/NN-<id>.yaml and its question file. Returns the paths written."""
    if not ID.match(rule_id):
        raise ScaffoldError(f"'{rule_id}' is not a valid id: use lower-case letters, digits "
                            "and single hyphens, e.g. 'forecasting'")
    if rule_id in playbook.rule_files:
        raise ScaffoldError(f"rule '{rule_id}' already exists in {playbook.rule_files[rule_id]}")
    rules = playbook.root / "playbook" / "rules"
    used = [int(m.group(1)) for f in rules.glob("*.yaml") if (m := RULE_FILE.match(f.name))]
    number = max(used, default=0) + 1
    if number > 99:
        raise ScaffoldError("rule numbers run out at 99")
    rule_path = rules / f"{number:02d}-{rule_id}.yaml"
    question_path = playbook.root / "assessment" / "questions" / f"{rule_id}.yaml"
    if question_path.exists():
        raise ScaffoldError(f"{question_path} already exists; move it away first")
    rule = (
        "# yaml-language-server: $schema=../../schemas/rule.schema.json\n"
        f"id: {rule_id}\n"
        "title: TODO the rule's name\n"
        "summary: >-\n  TODO one sentence, at most 160 characters, on what the rule asks.\n"
        "why: >-\n  TODO one or two short paragraphs on why it matters for a revenue team.\n"
        "practices:\n  - name: TODO short imperative name\n    what: >-\n"
        "      TODO who does what, with which artefact, how often.\n"
        "benefits:\n  - TODO one sentence per benefit.\n"
        "warning_signs:\n  - TODO an observable symptom that the team falls short.\n"
        "metrics:\n  - name: TODO metric name\n    measures: >-\n"
        "      TODO what it measures and how it is computed.\n"
        "related: []  # TODO ids of related rules\n"
        "maturity:\n" + _ladder(playbook, "  ", "what this rule looks like"))
    questions = ("# yaml-language-server: $schema=../../schemas/questions.schema.json\n"
                 f"rule: {rule_id}\nquestions:\n"
                 + "".join(_question(playbook, f"{rule_id}-todo-{n}") for n in (1, 2, 3)))
    for path, text in ((rule_path, rule), (question_path, questions)):
        _check_parses(text, path)
    write_atomically(rule_path, rule)
    write_atomically(question_path, questions)
    return [rule_path, question_path]


def new_question(playbook: Playbook, rule_id: str) -> tuple[Path, str]:
    """Append a TODO question to the rule's question file. Returns (path, question id)."""
    if rule_id not in playbook.rule_files:
        raise ScaffoldError(f"unknown rule '{rule_id}'; use one of: "
                            f"{', '.join(playbook.rule_files)}")
    path = playbook.root / "assessment" / "questions" / f"{rule_id}.yaml"
    taken = {q.id for q in playbook.all_questions}
    number = 1
    while f"{rule_id}-todo-{number}" in taken:
        number += 1
    question_id = f"{rule_id}-todo-{number}"
    text = path.read_text(encoding="utf-8")
    located, _ = parse_yaml(text, str(path))
    if located is None or list(located.data)[-1] != "questions":
        raise ScaffoldError(f"{path}: 'questions' must be the last section to append to; "
                            "add the question by hand")
    text = text.rstrip("\n") + "\n" + _question(playbook, question_id)
    _check_parses(text, path)
    write_atomically(path, text)
    return path, question_id


def _check_parses(text: str, path: Path) -> None:
    located, problems = parse_yaml(text, str(path))
    if located is None or problems:
        raise ScaffoldError(f"{path}: the new text would not parse; nothing was written")
