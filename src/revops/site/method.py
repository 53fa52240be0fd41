"""The worked example on the scoring-method page, computed by the real scorer at build time."""

from __future__ import annotations

from typing import Any

from revops.answers.documents import Respondent
from revops.api import assess
from revops.bank.build import bank
from revops.content.playbook import Playbook
from revops.foundation.values import Value

# Answers by question position for two example respondents; cycled if a rule has more.
EXAMPLE_A: list[Value] = [4, 3, "n/a", 5, 4]
EXAMPLE_B: list[Value] = [1, "unknown", "n/a", 2, 1]


def worked_example(playbook: Playbook) -> dict[str, Any]:
    questions_bank = bank(playbook)
    rule = playbook.rules[0]
    questions = playbook.questions[rule.id]
    a = {q.id: EXAMPLE_A[i % len(EXAMPLE_A)] for i, q in enumerate(questions)}
    b = {q.id: EXAMPLE_B[i % len(EXAMPLE_B)] for i, q in enumerate(questions)}
    people = [
        Respondent("example", None, None, "A", "sales", a),
        Respondent("example", None, None, "B", "customer success", b),
    ]

    def first_rule(respondents: list[Respondent]) -> Any:
        """The first rule of the report on these respondents: the rule shown above."""
        return assess(questions_bank, respondents).rules[0]

    result = first_rule(people)
    rows = []
    for q in questions:
        mean = result.question_means[q.id]
        rows.append(
            {
                "id": q.id,
                "text": q.text,
                "weight": q.weight,
                "a": a[q.id],
                "b": b[q.id],
                "mean": mean,
                "weighted": q.weight * mean if mean is not None else None,
            }
        )
    counted = [r for r in rows if r["mean"] is not None]
    return {
        "rule": rule,
        "rows": rows,
        "result": result,
        "own": {p.name: first_rule([p]).score for p in people},
        "numerator": sum(r["weighted"] for r in counted),
        "denominator": sum(r["weight"] for r in counted),
        "needed": playbook.scoring.min_answered_fraction * len(questions),
    }


def foundations(playbook: Playbook) -> list[tuple[str, list[str]]]:
    """Each rule's title with the texts of its foundational questions (scoring.yaml)."""
    texts = {q.id: q.text for q in playbook.all_questions}
    named = playbook.scoring.foundational
    return [(r.title, [texts[q] for q in named[r.id]]) for r in playbook.rules if r.id in named]


def weighted_questions(playbook: Playbook) -> dict[str, Any]:
    """The weight rules of scoring.yaml and every question that weighs more than 1, in the
    playbook's order, each with its rule's title and its reason: its own weight_reason, else
    the reason of the weight rule that names it."""
    rules = playbook.scoring.weight_rules
    by_question = {q: rule for rule in rules for q in rule.questions}
    rows = []
    for rule in playbook.rules:
        for question in playbook.questions[rule.id]:
            if question.weight <= 1:
                continue
            named = by_question.get(question.id)
            rows.append(
                {
                    "rule": rule,
                    "question": question,
                    "weight_rule": named.id if named else None,
                    "reason": question.weight_reason or (named.reason if named else ""),
                }
            )
    return {"rules": rules, "rows": rows}
