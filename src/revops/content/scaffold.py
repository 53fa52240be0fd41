"""`revops new`: start a rule or a question with every field present and marked TODO."""

from __future__ import annotations

from pathlib import Path

from revops.content.playbook import RULE_FILE, Playbook
from revops.foundation.ids import ID_MAX_LENGTH, ID_RULE, is_id
from revops.foundation.output import write_atomically
from revops.foundation.yamlsource import parse_yaml


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message says why."""


def _check_id(item_id: str, example: str) -> None:
    if not is_id(item_id):
        raise ScaffoldError(
            f"'{item_id}' is not a valid id: {ID_RULE}, at most "
            f"{ID_MAX_LENGTH} characters, e.g. '{example}'"
        )


def _ladder(playbook: Playbook, indent: str, what: str) -> str:
    return "".join(
        f"{indent}{lv.level}: >-\n{indent}  TODO: {what} at level {lv.level} ({lv.name}).\n"
        for lv in playbook.levels
    )


def _question(playbook: Playbook, question_id: str) -> str:
    return (
        f"  - id: {question_id}\n"
        f"    text: TODO write question {question_id}, ending with a question mark?\n"
        "    help: >-\n      TODO one sentence on how to answer, or delete this field.\n"
        "    evidence:\n" + _evidence(playbook, "      ", question_id) + "    options:\n"
        f"{_ladder(playbook, '      ', 'the observable practice')}"
    )


def _evidence(playbook: Playbook, indent: str, question_id: str) -> str:
    """A hint per level an answer claims, each to be told apart from the others and from
    every other question's (validate refuses a hint two questions share)."""
    return "".join(
        f"{indent}{lv.level}: >-\n{indent}  TODO: what someone outside the team could check to "
        f"confirm level {lv.level} ({lv.name}) of {question_id}.\n"
        for lv in playbook.levels
        if lv.level >= playbook.scoring.evidence_from_level
    )


def new_rule(playbook: Playbook, rule_id: str) -> list[Path]:
    """Write playbook/rules/NN-<id>.yaml and its question file. Returns the paths written."""
    _check_id(rule_id, "forecasting")
    if rule_id in playbook.rule_files:
        raise ScaffoldError(f"rule '{rule_id}' already exists in {playbook.rule_files[rule_id]}")
    rules = playbook.root / "playbook" / "rules"
    used = [int(m.group(1)) for f in rules.glob("*.yaml") if (m := RULE_FILE.match(f.name))]
    number = max(used, default=0) + 1
    if number > 99:
        raise ScaffoldError("rule numbers run out at 99")
    rule_path = rules / f"{number:02d}-{rule_id}.yaml"
    ref = playbook.reference
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
        "      TODO who does what, with which artefact.\n"
        f"    from_stage: {ref.stages.stages[0].id}  # TODO the stage that should take it up\n"
        "    forums: []  # TODO ids of the forums where it is run\n"
        "benefits:\n  - TODO one sentence per benefit.\n"
        "warning_signs:\n  - TODO an observable symptom that the team falls short.\n"
        f"metrics:\n  - {next(iter(ref.metrics))}  # TODO ids from playbook/metrics/\n"
        f"interlocks:\n  - rule: {playbook.rules[0].id}  # TODO how it bears on another rule\n"
        "    how: feeds  # feeds, steers, enables or sustains\n"
        "    reason: TODO one line on why\n"
        "maturity:\n" + _ladder(playbook, "  ", "what this rule looks like")
    )
    questions = (
        "# yaml-language-server: $schema=../../schemas/questions.schema.json\n"
        f"rule: {rule_id}\nquestions:\n"
        + "".join(_question(playbook, f"{rule_id}-todo-{n}") for n in (1, 2, 3))
    )
    for path, text in ((rule_path, rule), (question_path, questions)):
        _check_parses(text, path)
    write_atomically(rule_path, rule)
    write_atomically(question_path, questions)
    return [rule_path, question_path]


def new_question(playbook: Playbook, rule_id: str) -> tuple[Path, str]:
    """Append a TODO question to the rule's question file. Returns (path, question id)."""
    if rule_id not in playbook.rule_files:
        raise ScaffoldError(
            f"unknown rule '{rule_id}'; use one of: {', '.join(playbook.rule_files)}"
        )
    path = playbook.root / "assessment" / "questions" / f"{rule_id}.yaml"
    taken = {q.id for q in playbook.all_questions}
    number = 1
    while f"{rule_id}-todo-{number}" in taken:
        number += 1
    question_id = f"{rule_id}-todo-{number}"
    text = path.read_text(encoding="utf-8")
    located, _ = parse_yaml(text, str(path))
    if located is None or list(located.data)[-1] != "questions":
        raise ScaffoldError(
            f"{path}: 'questions' must be the last section to append to; add the question by hand"
        )
    text = text.rstrip("\n") + "\n" + _question(playbook, question_id)
    _check_parses(text, path)
    write_atomically(path, text)
    return path, question_id


def _new_id(item_id: str, kind: str, taken) -> None:
    _check_id(item_id, "pipeline-coverage")
    if item_id in taken:
        raise ScaffoldError(f"{kind} '{item_id}' already exists")


def new_metric(playbook: Playbook, metric_id: str, owner: str) -> Path:
    """Append a TODO metric to playbook/metrics/<owner>.yaml, creating the file if needed."""
    ref = playbook.reference
    _new_id(metric_id, "metric", ref.metrics)
    owners = [f.id for f in ref.team.functions]
    if owner not in owners:
        raise ScaffoldError(f"unknown function '{owner}'; use one of: {', '.join(owners)}")
    path = playbook.root / "playbook" / "metrics" / f"{owner}.yaml"
    entry = (
        f"  - id: {metric_id}\n"
        f"    name: TODO name of {metric_id}\n"
        f"    owner: {owner}\n"
        "    group: revenue  # or revops-process: RevOps' measure of its own process\n"
        "    measures: >-\n      TODO what the metric tells you, in one or two sentences.\n"
        "    formula:\n"
        "      calculation: TODO the whole formula on one line\n"
        "      numerator: TODO what is counted or summed\n"
        "      denominator: TODO what it is divided by, or delete this line for a total\n"
        "      window: TODO the period or point in time, and which records are in it\n"
        "    reading: >-\n      TODO how to read it: good direction, what to segment by.\n"
        "    mistakes:\n      - TODO a specific mistake teams make with it.\n"
    )
    if path.exists():
        text = path.read_text(encoding="utf-8")
        located, _ = parse_yaml(text, str(path))
        if located is None or list(located.data)[-1] != "metrics":
            raise ScaffoldError(
                f"{path}: 'metrics' must be the last section to append to; add the metric by hand"
            )
        text = text.rstrip("\n") + "\n" + entry
    else:
        text = (
            "# yaml-language-server: $schema=../../schemas/metrics.schema.json\nmetrics:\n" + entry
        )
    _check_parses(text, path)
    write_atomically(path, text)
    return path


def new_forum(playbook: Playbook, forum_id: str) -> Path:
    """Add a TODO forum at the end of the forums in playbook/operating-rhythm.yaml."""
    ref = playbook.reference
    _new_id(forum_id, "forum", ref.forums)
    path = playbook.root / "playbook" / "operating-rhythm.yaml"
    entry = (
        f"  - id: {forum_id}\n"
        f"    name: TODO name of {forum_id}\n"
        "    cadence: monthly  # TODO weekly, fortnightly, monthly, quarterly, annual or "
        "after each event\n"
        "    length: TODO e.g. 60 minutes\n"
        f"    chair: {ref.team.functions[-1].id}  # TODO the function that chairs it\n"
        "    purpose: >-\n      TODO why the forum exists, in two or three sentences.\n"
        "    attendees:\n      - TODO a role that attends\n"
        "    inputs:\n      - TODO a report or artefact read before or during it\n"
        "    agenda:\n      - TODO an agenda item, in order\n"
        "    decisions:\n      - TODO a decision this forum makes\n"
        "    metrics: []  # TODO ids from playbook/metrics/\n"
        f"    rules:\n      - {playbook.rules[0].id}  # TODO the rules it serves\n"
        f"    from_stage: {ref.stages.stages[0].id}  # TODO when to start holding it\n"
    )
    text = path.read_text(encoding="utf-8")
    located, _ = parse_yaml(text, str(path))
    if located is None or "forums" not in located.data:
        raise ScaffoldError(f"{path}: no 'forums' list to add to; add the forum by hand")
    forums_line = located.keys[("forums",)][0]
    following = [
        located.keys[(key,)][0] for key in located.data if located.keys[(key,)][0] > forums_line
    ]
    lines = text.splitlines(keepends=True)
    cut = min(following) - 1 if following else len(lines)
    while cut > 0 and not lines[cut - 1].strip():
        cut -= 1  # insert before the blank lines that end the forums list
    text = "".join(lines[:cut]) + entry + "".join(lines[cut:])
    _check_parses(text, path)
    write_atomically(path, text)
    return path


def _check_parses(text: str, path: Path) -> None:
    located, problems = parse_yaml(text, str(path))
    if located is None or problems:
        raise ScaffoldError(f"{path}: the new text would not parse; nothing was written")
