"""Checks whose findings are warnings: valid content that is not finished. Each check yields
(where, message) for every break of its rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from revops.content.known import Found, Where
from revops.content.loaded import Content
from revops.content.reference import metric_users
from revops.foundation.counts import counted


def no_todo_left(content: Content) -> Iterator[Found]:
    """No text still says TODO (left there by `revops new`)."""
    for path, located in content.sources.items():
        for loc in _todos(located.data, ()):
            yield content.at(path, loc), "TODO left in the text; write the real content"


def _todos(value: Any, loc: tuple) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _todos(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _todos(item, loc + (i,))
    elif isinstance(value, str) and "TODO" in value:
        yield loc


# Six, not five: a rule that holds a money domain's control questions (forecasting, quotas,
# discounts, pay, partners) needs room for them beside the questions on its own idea.
MOST_QUESTIONS = 6


def three_to_six_questions(content: Content) -> Iterator[Found]:
    """A rule has 3 to 6 questions."""
    for _, rule in content.rules:
        path = content.question_files.get(rule.id)
        count = len(content.files["questions"][path].questions) if path else 0
        if path and not 3 <= count <= MOST_QUESTIONS:
            yield (
                Where(path, 1, 1),
                f"{counted(count, 'question')} for this rule; aim for 3 to {MOST_QUESTIONS}",
            )


def metrics_used(content: Content) -> Iterator[Found]:
    """Every metric is read by a rule, practice, forum, step, domain or stage."""
    reference, roadmap = content.reference, content.roadmap
    if reference is None or roadmap is None:
        return
    rules = [rule for _, rule in content.rules]
    for metric_id in reference.metrics:
        path, index = reference.metric_places[metric_id]
        if not any(metric_users(metric_id, rules, roadmap.steps, reference).values()):
            yield (
                content.at(path, ("metrics", index, "id"), key=True),
                f"metric '{metric_id}' is used by no rule, practice, forum, step, "
                "domain or stage; link it or remove it",
            )
