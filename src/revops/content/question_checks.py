"""Checks on the question files and their questions. Each check yields (where, message) for
every break of its rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from revops.content.known import Found, Where, evidence_faults, ladder
from revops.content.loaded import Content
from revops.foundation.wording import wording_clashes

QUESTIONS = "assessment/questions/"
SCORING = "assessment/scoring.yaml"


def _banks_of_known_rules(content: Content) -> Iterator[tuple[str, str]]:
    """(file, rule) for each question file whose rule exists and validated."""
    for path, bank in content.each("questions"):
        if bank.rule in content.rule_files and bank.rule not in content.broken_rules:
            yield path, bank.rule


def question_files_name_rules(content: Content) -> Iterator[Found]:
    """A question file is for a rule that exists."""
    for path, bank in content.each("questions"):
        if bank.rule not in content.rule_files and bank.rule not in content.broken_rules:
            yield (
                content.at(path, ("rule",)),
                f"unknown rule '{bank.rule}'; use one of: {', '.join(content.rule_files)}",
            )


def question_files_named_after_rules(content: Content) -> Iterator[Found]:
    """A rule's questions are in assessment/questions/<rule id>.yaml."""
    for path, rule_id in _banks_of_known_rules(content):
        if PurePosixPath(path).stem != rule_id:
            yield (
                content.at(path, ("rule",)),
                f"questions for '{rule_id}' belong in "
                f"assessment/questions/{rule_id}.yaml; rename the file",
            )


def question_files_one_per_rule(content: Content) -> Iterator[Found]:
    """A rule's questions are in one file."""
    for path, rule_id in _banks_of_known_rules(content):
        first = content.question_files[rule_id]
        if first != path:
            yield (
                content.at(path, ("rule",)),
                f"questions for '{rule_id}' are already in {first}; merge the two files",
            )


QUESTION_FILE_CHECKS = (
    question_files_name_rules,
    question_files_named_after_rules,
    question_files_one_per_rule,
)


def rules_have_questions(content: Content) -> Iterator[Found]:
    """Every rule has questions (said once every question file loads and is in its place)."""
    if any(problem.path.startswith(QUESTIONS) for problem in content.problems):
        return
    if any(next(iter(check(content)), None) for check in QUESTION_FILE_CHECKS):
        return
    for path, rule in content.rules:
        if rule.id not in content.question_files:
            yield (
                Where(path, 1, 1),
                f"rule '{rule.id}' has no questions; add assessment/questions/{rule.id}.yaml",
            )


def question_ids_unique(content: Content) -> Iterator[Found]:
    """A question id is used once across all question files."""
    seen: dict[str, str] = {}
    for path, i, question in content.questions:
        if question.id in seen:
            yield (
                content.at(path, ("questions", i, "id")),
                f"duplicate question id '{question.id}', also in {seen[question.id]}; "
                "question ids must be unique across all files",
            )
        seen.setdefault(question.id, path)


def question_wording_distinct(content: Content) -> Iterator[Found]:
    """A question's text, and each of its options, reads unlike any other to a survey export."""
    seen_texts: dict[str, str] = {}
    for path, i, question in content.questions:
        clashes = wording_clashes(question.id, question.text, question.options, seen_texts)
        for place, message in clashes:
            key = place[0] == "options"
            yield content.at(path, ("questions", i, *place), key), message


def _weight_rules(content: Content) -> dict[str, tuple[int, str]]:
    """Question id -> (the weight, the id) of the scoring.yaml weight rule that names it."""
    scoring = content.one("scoring")
    if scoring is None:
        return {}
    return {
        question: (rule.weight, rule.id)
        for rule in scoring.weight_rules
        for question in rule.questions
    }


def weights_have_reasons(content: Content) -> Iterator[Found]:
    """A question that counts more than one is named by a weight rule or has a reason."""
    ruled = _weight_rules(content)
    for path, i, question in content.questions:
        if question.weight > 1 and question.id not in ruled and not question.weight_reason:
            yield (
                content.at(path, ("questions", i, "weight")),
                f"weight {question.weight} "
                "needs a `weight_reason`: one line on why this question counts more "
                "than the others of its rule (or a weight rule in assessment/scoring.yaml "
                "that names it)",
            )


def _ids_written(content: Content) -> set[str]:
    """Every question id written in a question file that parsed, valid or not."""
    ids = set()
    for path, located in content.sources.items():
        if not path.startswith(QUESTIONS) or not isinstance(located.data, dict):
            continue
        questions = located.data.get("questions")
        for question in questions if isinstance(questions, list) else []:
            if isinstance(question, dict) and isinstance(question.get("id"), str):
                ids.add(question["id"])
    return ids


def weight_rules_followed(content: Content) -> Iterator[Found]:
    """Each question a scoring.yaml weight rule names exists and has the rule's weight."""
    scoring = content.one("scoring")
    if scoring is None or SCORING not in content.sources:
        return
    weights = {question.id: question.weight for _, _, question in content.questions}
    written = _ids_written(content)  # also in files left out for a fault reported elsewhere
    for r, rule in enumerate(scoring.weight_rules):
        for q, question_id in enumerate(rule.questions):
            where = content.at(SCORING, ("weight_rules", r, "questions", q))
            if question_id not in weights:
                if question_id not in written:
                    yield where, f"'{question_id}' is no question; name a question of the bank"
            elif weights[question_id] != rule.weight:
                yield (
                    where,
                    f"the weight rule '{rule.id}' weighs '{question_id}' {rule.weight}, but "
                    f"the question's weight is {weights[question_id]}; give it "
                    f"`weight: {rule.weight}` or take it out of the rule",
                )


def question_ladders(content: Content) -> Iterator[Found]:
    """A question has an option for every level and for no other."""
    for path, i, question in content.questions:
        yield from ladder(content, path, ("questions", i, "options"), question.options)


def question_evidence(content: Content) -> Iterator[Found]:
    """A question's evidence names a distinct hint for each level an answer can claim."""
    numbers = content.level_numbers
    if not numbers:
        return
    scoring = content.one("scoring")
    from_level = scoring.evidence_from_level if scoring else 3
    for path, i, question in content.questions:
        if question.evidence is None:
            continue
        for place, key, message in evidence_faults(question.evidence, numbers, from_level):
            yield content.at(path, ("questions", i, "evidence", *place), key), message


def evidence_distinct_across_questions(content: Content) -> Iterator[Found]:
    """No two questions give the same evidence hint: each level names proof of its own."""
    first_with: dict[str, tuple[tuple[str, int], str, int]] = {}
    for path, i, question in content.questions:
        for level, hint in sorted((question.evidence or {}).items()):
            text = " ".join(hint.split()).casefold()
            where, other, other_level = first_with.setdefault(text, ((path, i), question.id, level))
            if where != (path, i):
                yield (
                    content.at(path, ("questions", i, "evidence", level)),
                    f"the evidence hint for level {level} repeats level {other_level}'s of "
                    f"question '{other}'; say what would show this question's level",
                )


def retired_ids_unused(content: Content) -> Iterator[Found]:
    """A retired question id is never used again by a current question."""
    current = content.question_ids
    for path, i, entry in content.retired:
        if entry.id in current:
            yield (
                content.at(path, ("retired", i, "id")),
                f"'{entry.id}' is still a question in "
                f"{current[entry.id]}; a retired id is never used again",
            )


def retired_once(content: Content) -> Iterator[Found]:
    """A question id is retired once."""
    retired: set[str] = set()
    for path, i, entry in content.retired:
        if entry.id in retired and entry.id not in content.question_ids:
            yield content.at(path, ("retired", i, "id")), f"'{entry.id}' is retired twice"
        retired.add(entry.id)


def replacements_current(content: Content) -> Iterator[Found]:
    """A retired question is replaced, if at all, by a current question."""
    for path, i, entry in content.retired:
        if entry.replaced_by is not None and entry.replaced_by not in content.question_ids:
            yield (
                content.at(path, ("retired", i, "replaced_by")),
                f"unknown question "
                f"'{entry.replaced_by}'; the replacement must be a current question",
            )


def foundations_are_the_rules_questions(content: Content) -> Iterator[Found]:
    """scoring.yaml's `foundational` names, under each rule, questions of that rule."""
    scoring = content.one("scoring")
    if scoring is None or SCORING not in content.sources:
        return
    of_rule = {}
    for path, _, question in content.questions:
        of_rule[question.id] = next(
            (rule for rule, file in content.question_files.items() if file == path), None
        )
    for rule, ids in scoring.foundational.items():
        if rule in content.broken_rules:
            continue  # its file is reported once, by the loader
        if rule not in content.rule_files:
            yield (
                content.at(SCORING, ("foundational", rule), key=True),
                f"unknown rule '{rule}'; use one of: {', '.join(content.rule_files)}",
            )
            continue
        for i, question in enumerate(ids):
            if of_rule.get(question) != rule:
                where = (
                    f"a question of '{of_rule[question]}'" if question in of_rule else "no question"
                )
                yield (
                    content.at(SCORING, ("foundational", rule, i)),
                    f"'{question}' is {where}; name one of {rule}'s questions",
                )


def plan_links(content: Content) -> Iterator[Found]:
    """A question's plan names a RACI row, a forum and a metric that exist."""
    known = content.known
    for path, i, question in content.questions:
        if question.plan is None:
            continue
        loc = ("questions", i, "plan")
        yield from known.one(path, loc + ("process",), "RACI row", question.plan.process)
        yield from known.one(path, loc + ("forum",), "forum", question.plan.forum)
        yield from known.one(path, loc + ("metric",), "metric", question.plan.metric)


def question_domains(content: Content) -> Iterator[Found]:
    """A question's domain exists and lists the question's rule among those it serves."""
    domains = content.one("domains")
    served = {d.id: d.rules for d in domains.domains} if domains else {}
    for path, bank in content.each("questions"):
        for i, question in enumerate(bank.questions):
            if question.domain is None:
                continue
            loc = ("questions", i, "domain")
            yield from content.known.one(path, loc, "domain", question.domain)
            rules = served.get(question.domain)
            if rules is not None and bank.rule not in rules:
                yield (
                    content.at(path, loc),
                    f"domain '{question.domain}' does not serve rule '{bank.rule}'; name "
                    "a domain that lists the rule, or add the rule to its `rules`",
                )
