"""The content model: every playbook and assessment YAML file, loaded and validated once."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from revops.content import schema
from revops.content.loader import Loader
from revops.content.reference import Known, Reference, load_reference, unique
from revops.foundation.ids import ID_BODY
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.wording import wording_clashes
from revops.foundation.yamlsource import Located

RULE_FILE = re.compile(rf"^(\d\d)-({ID_BODY})\.yaml$")  # NN-<id>.yaml


@dataclass(frozen=True)
class Playbook:
    root: Path
    levels: list[schema.Level]
    rules: list[schema.Rule]
    rule_files: dict[str, str]
    roadmap: schema.Roadmap
    revops: schema.RevOps
    operating_model: schema.OperatingModel
    questions: dict[str, list[schema.Question]]
    scoring: schema.Scoring
    reference: Reference
    warnings: list[Problem] = field(default_factory=list)
    files: int = 0  # how many YAML files the model was read from
    retired: dict[str, schema.RetiredQuestion] = field(default_factory=dict)

    def rule(self, rule_id: str) -> schema.Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def level(self, number: int) -> schema.Level:
        return next(lv for lv in self.levels if lv.level == number)

    @property
    def all_questions(self) -> list[schema.Question]:
        return [q for rule in self.rules for q in self.questions.get(rule.id, [])]

    def steps_advancing(self, rule_id: str) -> list[schema.Step]:
        return [s for s in self.roadmap.steps if rule_id in s.advances]

    def metric_users(self, metric_id: str) -> dict[str, list]:
        """Everything that reads a metric, by kind: the links on its catalogue entry."""
        ref = self.reference
        return {
            "rules": [
                r
                for r in self.rules
                if metric_id in r.metrics or any(metric_id in p.metrics for p in r.practices)
            ],
            "forums": [f for f in ref.rhythm.forums if metric_id in f.metrics],
            "steps": [s for s in self.roadmap.steps if metric_id in s.metrics],
            "domains": [d for d in ref.domains.domains if metric_id in d.metrics],
            "stages": [
                g for g in (*ref.stages.stages, *ref.stages.motions) if metric_id in g.metrics
            ],
        }

    def forum_users(self, forum_id: str) -> dict[str, list]:
        """The rules a forum serves (its own list, plus practices that meet in it) and the
        steps and domains that set it up."""
        forum = self.reference.forums[forum_id]
        return {
            "rules": [
                r
                for r in self.rules
                if r.id in forum.rules or any(forum_id in p.forums for p in r.practices)
            ],
            "steps": [s for s in self.roadmap.steps if forum_id in s.forums],
            "domains": [d for d in self.reference.domains.domains if forum_id in d.forums],
        }

    def forums_for_rule(self, rule_id: str) -> list:
        return [
            f
            for f in self.reference.rhythm.forums
            if self.rule(rule_id) in self.forum_users(f.id)["rules"]
        ]

    def summary(self) -> str:
        text = (
            f"{len(self.rules)} rules, {len(self.all_questions)} questions, "
            f"{len(self.roadmap.steps)} roadmap steps, {len(self.levels)} levels, "
            f"{len(self.reference.metrics)} metrics and "
            f"{len(self.reference.rhythm.forums)} forums in {self.files} files are valid"
        )
        if self.warnings:
            text += f" ({len(self.warnings)} warning{'s' if len(self.warnings) > 1 else ''})"
        return text


def load_playbook(root: Path | str = ".") -> Playbook:
    """Load and validate all content under root. Raises InvalidInput with every problem."""
    root = Path(root)
    loader = Loader(root)
    if not (root / "playbook").is_dir() or not (root / "assessment").is_dir():
        raise InvalidInput(
            [
                Problem(
                    str(root),
                    0,
                    0,
                    "no playbook/ and assessment/ folders "
                    "here; run from the project root or pass --root DIR",
                )
            ]
        )
    levels = loader.load("assessment/levels.yaml", schema.Levels)
    scoring = loader.load("assessment/scoring.yaml", schema.Scoring)
    roadmap = loader.load("playbook/steps.yaml", schema.Roadmap)
    revops = loader.load("playbook/revops.yaml", schema.RevOps)
    operating_model = loader.load("playbook/operating-model.yaml", schema.OperatingModel)

    rules: list[schema.Rule] = []
    rule_files: dict[str, str] = {}
    numbers: dict[str, str] = {}
    broken_rules: set[str] = set()  # invalid files: their ids still count as references
    for file in sorted((root / "playbook" / "rules").glob("*.y*ml")):
        relative = f"playbook/rules/{file.name}"
        match = RULE_FILE.match(file.name)
        if not match:
            loader.problems.append(
                Problem(
                    relative,
                    1,
                    0,
                    "rule files are named NN-<id>.yaml, e.g. 11-forecasting.yaml; rename this file",
                )
            )
            continue
        rule = loader.load(relative, schema.Rule)
        if match.group(1) in numbers:
            loader.problems.append(
                Problem(
                    relative,
                    1,
                    0,
                    f"number {match.group(1)} is also "
                    f"used by {numbers[match.group(1)]}; pick a free one",
                )
            )
        numbers[match.group(1)] = relative
        if rule is None:
            broken_rules.add(match.group(2))
            continue
        if rule.id != match.group(2):
            loader.at(
                relative,
                ("id",),
                f"id '{rule.id}' does not match the file name; rename "
                f"the file to {match.group(1)}-{rule.id}.yaml or change the id",
            )
        elif rule.id in rule_files:
            loader.at(
                relative,
                ("id",),
                f"duplicate rule id '{rule.id}', also in "
                f"{rule_files[rule.id]}; give one of them another id",
            )
            continue
        rules.append(rule)
        rule_files[rule.id] = relative
    if not rules and not any(p.path.startswith("playbook/rules/") for p in loader.problems):
        loader.problems.append(
            Problem("playbook/rules", 0, 0, "no rule files found; add playbook/rules/NN-<id>.yaml")
        )

    questions: dict[str, list[schema.Question]] = {}
    question_files: dict[str, str] = {}
    retired: list[tuple[str, int, schema.RetiredQuestion]] = []  # (file, index, entry)
    for file in sorted((root / "assessment" / "questions").glob("*.y*ml")):
        relative = f"assessment/questions/{file.name}"
        bank = loader.load(relative, schema.QuestionFile)
        if bank is None:
            continue
        if bank.rule in broken_rules:
            continue
        if bank.rule not in rule_files:
            loader.at(
                relative,
                ("rule",),
                f"unknown rule '{bank.rule}'; use one of: {', '.join(rule_files)}",
            )
            continue
        if file.stem != bank.rule:
            loader.at(
                relative,
                ("rule",),
                f"questions for '{bank.rule}' belong in "
                f"assessment/questions/{bank.rule}.yaml; rename the file",
            )
        if bank.rule in questions:
            loader.at(
                relative,
                ("rule",),
                f"questions for '{bank.rule}' are already in "
                f"{question_files[bank.rule]}; merge the two files",
            )
            continue
        questions[bank.rule] = list(bank.questions)
        question_files[bank.rule] = relative
        retired += [(relative, i, entry) for i, entry in enumerate(bank.retired)]

    if levels is not None:
        _check_levels(loader, levels)
    level_numbers = {lv.level for lv in levels.levels} if levels else set()
    rule_ids = set(rule_files) | broken_rules
    known = Known(loader, rule_ids)
    reference = load_reference(loader, known)
    for rule in rules:
        relative = rule_files[rule.id]
        _check_rule_links(known, relative, rule, reference)
        _check_ladder(loader, relative, ("maturity",), rule.maturity, level_numbers)
        if rule.id not in questions and not loader.has_problem("assessment/questions/"):
            loader.problems.append(
                Problem(
                    relative,
                    1,
                    1,
                    f"rule '{rule.id}' has no questions; add assessment/questions/{rule.id}.yaml",
                )
            )
    _check_section_ids(loader, revops, operating_model)
    if roadmap is not None:
        unique(loader, "playbook/steps.yaml", roadmap.steps, ("steps",), "step")
        for i, step in enumerate(roadmap.steps):
            _check_step_links(known, ("steps", i), step, reference)
    seen_questions: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for rule_id, items in questions.items():
        relative = question_files[rule_id]
        for i, question in enumerate(items):
            if question.id in seen_questions:
                loader.at(
                    relative,
                    ("questions", i, "id"),
                    f"duplicate question id "
                    f"'{question.id}', also in {seen_questions[question.id]}; "
                    "question ids must be unique across all files",
                )
            seen_questions.setdefault(question.id, relative)
            _check_survey_wording(loader, relative, i, question, seen_texts)
            if question.weight > 1 and not question.weight_reason:
                loader.at(
                    relative,
                    ("questions", i, "weight"),
                    f"weight {question.weight} "
                    "needs a `weight_reason`: one line on why this question counts more "
                    "than the others of its rule",
                )
            _check_ladder(
                loader, relative, ("questions", i, "options"), question.options, level_numbers
            )
    retired_by_id = _check_retired(loader, retired, seen_questions)
    if loader.problems:
        raise InvalidInput(loader.problems)
    ordered = {rule.id: questions[rule.id] for rule in rules}
    warnings = [problem for located in loader.sources.values() for problem in _todos(located)]
    for rule_id, items in ordered.items():
        if not 3 <= len(items) <= 5:
            warnings.append(
                Problem(
                    question_files[rule_id],
                    1,
                    1,
                    f"{len(items)} question(s) for this rule; aim for 3 to 5",
                )
            )
    playbook = Playbook(
        root,
        list(levels.levels),
        rules,
        rule_files,
        roadmap,
        revops,
        operating_model,
        ordered,
        scoring,
        reference,
        [],
        len(loader.sources),
        retired_by_id,
    )
    for metric_id in reference.metrics:
        if not any(playbook.metric_users(metric_id).values()):
            relative, index = reference.metric_places[metric_id]
            loc = ("metrics", index, "id")
            warnings.append(
                loader.sources[relative].problem(
                    loc,
                    f"metric '{metric_id}' is used by no rule, practice, forum, step, "
                    "domain or stage; link it or remove it",
                )
            )
    return dataclasses.replace(playbook, warnings=sorted(warnings))


def _todos(located: Located) -> list[Problem]:
    """A warning for every text value that still says TODO (left by `revops new`)."""
    found = []

    def walk(value, loc):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, loc + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, loc + (i,))
        elif isinstance(value, str) and "TODO" in value:
            found.append(
                located.problem(
                    loc, "TODO left in the text; write the real content", prefer_key=False
                )
            )

    walk(located.data, ())
    return found


def _check_rule_links(
    known: Known, relative: str, rule: schema.Rule, reference: Reference | None
) -> None:
    """A rule's metrics, interlocks and practices point at things that exist."""
    known.check(relative, ("metrics",), "metric", rule.metrics)
    known.check(
        relative, ("interlocks",), "rule", [link.rule for link in rule.interlocks], not_self=rule.id
    )
    for i, practice in enumerate(rule.practices):
        loc = ("practices", i)
        known.one(relative, loc + ("from_stage",), "stage", practice.from_stage)
        known.check(relative, loc + ("metrics",), "metric", practice.metrics)
        known.check(relative, loc + ("forums",), "forum", practice.forums)
        _check_cadence(known, relative, loc + ("what",), practice.what, practice.forums, reference)
        _check_forum_stages(known, relative, loc, practice.from_stage, practice.forums, reference)


def _check_step_links(
    known: Known, loc: tuple, step: schema.Step, reference: Reference | None
) -> None:
    relative = "playbook/steps.yaml"
    known.check(relative, loc + ("advances",), "rule", step.advances)
    known.one(relative, loc + ("from_stage",), "stage", step.from_stage)
    known.check(relative, loc + ("metrics",), "metric", step.metrics)
    known.check(relative, loc + ("forums",), "forum", step.forums)
    for i, activity in enumerate(step.activities):
        _check_cadence(known, relative, loc + ("activities", i), activity, step.forums, reference)


def _check_forum_stages(
    known: Known,
    relative: str,
    loc: tuple,
    from_stage: str,
    forum_ids: list[str],
    reference: Reference | None,
) -> None:
    """A practice taken up at a stage needs at least one of its forums running by then."""
    if reference is None or not forum_ids:
        return
    order = [stage.id for stage in reference.stages.stages]
    forums = [reference.forums[f] for f in forum_ids if f in reference.forums]
    if (
        from_stage not in order
        or not forums
        or any(
            f.from_stage in order and order.index(f.from_stage) <= order.index(from_stage)
            for f in forums
        )
    ):
        return
    starts = ", ".join(f"{f.id} ({f.from_stage})" for f in forums)
    known.loader.at(
        relative,
        loc + ("from_stage",),
        f"taken up from '{from_stage}' but its "
        f"forums only start later: {starts}; add a forum that runs at that stage "
        "or take the practice up later",
    )


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


def _check_cadence(
    known: Known,
    relative: str,
    loc: tuple,
    text: str,
    forum_ids: list[str],
    reference: Reference | None,
) -> None:
    """Prose beside a forum may not give it another cadence: the forum's own is the one."""
    if reference is None or not forum_ids:
        return
    cadences = {reference.forums[f].cadence for f in forum_ids if f in reference.forums}
    lowered = text.lower()
    for words, cadence in CADENCE_WORDS.items():
        if re.search(rf"\b{words}\b", lowered) and cadence not in cadences:
            forums = ", ".join(
                f"{f} ({reference.forums[f].cadence})" for f in forum_ids if f in reference.forums
            )
            known.loader.at(
                relative,
                loc,
                f"the text says '{words}' but its forums run "
                f"{forums}; drop the cadence from the text (the page shows the "
                "forum's own)",
            )
            return


def _check_section_ids(
    loader: Loader, revops: schema.RevOps | None, operating_model: schema.OperatingModel | None
) -> None:
    """Ids within each list of the overview pages are unique: some become HTML anchors."""
    if revops is not None:
        unique(loader, "playbook/revops.yaml", revops.components, ("components",), "component")
    if operating_model is not None:
        network = operating_model.network
        for key, kind in (
            ("functions", "function"),
            ("disciplines", "discipline"),
            ("keeping_the_power_on", "upkeep practice"),
        ):
            unique(
                loader,
                "playbook/operating-model.yaml",
                getattr(network, key),
                ("network", key),
                kind,
            )


def _check_retired(loader: Loader, retired: list, current: dict[str, str]) -> dict:
    """Retired ids are used by no current question, retired once, and replaced, if at all,
    by a current question."""
    by_id: dict[str, schema.RetiredQuestion] = {}
    for relative, i, entry in retired:
        if entry.id in current:
            loader.at(
                relative,
                ("retired", i, "id"),
                f"'{entry.id}' is still a question in "
                f"{current[entry.id]}; a retired id is never used again",
            )
        elif entry.id in by_id:
            loader.at(relative, ("retired", i, "id"), f"'{entry.id}' is retired twice")
        if entry.replaced_by is not None and entry.replaced_by not in current:
            loader.at(
                relative,
                ("retired", i, "replaced_by"),
                f"unknown question "
                f"'{entry.replaced_by}'; the replacement must be a current question",
            )
        by_id.setdefault(entry.id, entry)
    return by_id


def _check_survey_wording(
    loader: Loader, relative: str, index: int, question: schema.Question, seen_texts: dict[str, str]
) -> None:
    for place, message in wording_clashes(question.id, question.text, question.options, seen_texts):
        loader.at(relative, ("questions", index, *place), message, prefer_key=place[0] == "options")


def _check_levels(loader: Loader, levels: schema.Levels) -> None:
    for i, level in enumerate(levels.levels):
        if level.level != i + 1:
            loader.at(
                "assessment/levels.yaml",
                ("levels", i, "level"),
                f"levels must run 1, 2, 3... without gaps, lowest first; "
                f"this one should be {i + 1}, not {level.level}",
            )


def _check_ladder(
    loader: Loader, relative: str, loc: tuple, ladder: dict[int, str], level_numbers: set[int]
) -> None:
    if not level_numbers:
        return
    missing = sorted(level_numbers - set(ladder))
    extra = sorted(set(ladder) - level_numbers)
    if missing:
        loader.at(
            relative,
            loc,
            f"missing level(s) {', '.join(map(str, missing))}; give one "
            "entry for every level in assessment/levels.yaml",
            prefer_key=True,
        )
    for number in extra:
        loader.at(
            relative,
            loc + (number,),
            f"there is no level {number}; levels are {min(level_numbers)} to {max(level_numbers)}",
            prefer_key=True,
        )


_cache: dict[Path, tuple[tuple, Playbook]] = {}


def _fingerprint(root: Path) -> tuple:
    files = sorted(list((root / "playbook").rglob("*")) + list((root / "assessment").rglob("*")))
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())


def load_cached(root: Path | str) -> Playbook:
    """Load once per set of file versions: a site build shares one model across all pages."""
    root = Path(root).resolve()
    stamp = _fingerprint(root)
    if root in _cache and _cache[root][0] == stamp:
        return _cache[root][1]
    playbook = load_playbook(root)
    _cache[root] = (stamp, playbook)
    return playbook


__all__ = ["Playbook", "load_playbook", "load_cached"]
