"""The content model: every playbook and assessment YAML file, loaded and validated once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import schema
from .messages import describe_error
from .problems import InvalidInput, Problem
from .yamlsource import Located, read_yaml

RULE_FILE = re.compile(r"^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")


def slug(text: str) -> str:
    """The anchor a heading gets on the site, e.g. a practice name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# Addresses on the site, relative to its root, as the page templates lay them out.
def rule_path(rule_id: str) -> str:
    return f"rules/{rule_id}/"


def practice_path(rule_id: str, practice_name: str) -> str:
    return f"{rule_path(rule_id)}#practice-{slug(practice_name)}"


def step_path(step_id: str) -> str:
    return f"roadmap/#step-{step_id}"


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
    warnings: list[Problem] = field(default_factory=list)
    files: int = 0  # how many YAML files the model was read from

    def rule(self, rule_id: str) -> schema.Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def level(self, number: int) -> schema.Level:
        return next(lv for lv in self.levels if lv.level == number)

    @property
    def all_questions(self) -> list[schema.Question]:
        return [q for rule in self.rules for q in self.questions.get(rule.id, [])]

    def steps_advancing(self, rule_id: str) -> list[schema.Step]:
        return [s for s in self.roadmap.steps if rule_id in s.advances]

    def summary(self) -> str:
        text = (f"{len(self.rules)} rules, {len(self.all_questions)} questions, "
                f"{len(self.roadmap.steps)} roadmap steps and {len(self.levels)} levels "
                f"in {self.files} files are valid")
        if self.warnings:
            text += f" ({len(self.warnings)} warning{'s' if len(self.warnings) > 1 else ''})"
        return text


def _check(located: Located, model: type[BaseModel], problems: list[Problem]):
    """Validate located data against a model; append located problems, return the object."""
    try:
        return model.model_validate(located.data)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(part for part in detail["loc"] if part != "[key]")
            prefer_key = detail["type"] != "missing"
            problems.append(located.problem(loc, describe_error(detail, model), prefer_key))
        return None


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.sources: dict[str, Located] = {}

    def load(self, relative: str, model: type[BaseModel]):
        located, problems = read_yaml(self.root / relative, relative)
        self.problems += problems
        if located is None:
            return None
        self.sources[relative] = located
        return _check(located, model, self.problems)

    def at(self, relative: str, loc: tuple, message: str, prefer_key: bool = False) -> None:
        self.problems.append(self.sources[relative].problem(loc, message, prefer_key))


def load_playbook(root: Path | str = ".") -> Playbook:
    """Load and validate all content under root. Raises InvalidInput with every problem."""
    root = Path(root)
    loader = _Loader(root)
    if not (root / "playbook").is_dir() or not (root / "assessment").is_dir():
        raise InvalidInput([Problem(str(root), 0, 0, "no playbook/ and assessment/ folders "
                                    "here; run from the project root or pass --root DIR")])
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
            loader.problems.append(Problem(relative, 1, 0, "rule files are named NN-<id>.yaml, "
                                           "e.g. 11-forecasting.yaml; rename this file"))
            continue
        rule = loader.load(relative, schema.Rule)
        if match.group(1) in numbers:
            loader.problems.append(Problem(relative, 1, 0, f"number {match.group(1)} is also "
                                           f"used by {numbers[match.group(1)]}; pick a free one"))
        numbers[match.group(1)] = relative
        if rule is None:
            broken_rules.add(match.group(2))
            continue
        if rule.id != match.group(2):
            loader.at(relative, ("id",), f"id '{rule.id}' does not match the file name; rename "
                      f"the file to {match.group(1)}-{rule.id}.yaml or change the id")
        elif rule.id in rule_files:
            loader.at(relative, ("id",), f"duplicate rule id '{rule.id}', also in "
                      f"{rule_files[rule.id]}; give one of them another id")
            continue
        rules.append(rule)
        rule_files[rule.id] = relative
    if not rules and not any(p.path.startswith("playbook/rules/") for p in loader.problems):
        loader.problems.append(Problem("playbook/rules", 0, 0, "no rule files found; add "
                                       "playbook/rules/NN-<id>.yaml"))

    questions: dict[str, list[schema.Question]] = {}
    question_files: dict[str, str] = {}
    for file in sorted((root / "assessment" / "questions").glob("*.y*ml")):
        relative = f"assessment/questions/{file.name}"
        bank = loader.load(relative, schema.QuestionFile)
        if bank is None:
            continue
        if bank.rule in broken_rules:
            continue
        if bank.rule not in rule_files:
            loader.at(relative, ("rule",), f"unknown rule '{bank.rule}'; use one of: "
                      f"{', '.join(rule_files)}")
            continue
        if file.stem != bank.rule:
            loader.at(relative, ("rule",), f"questions for '{bank.rule}' belong in "
                      f"assessment/questions/{bank.rule}.yaml; rename the file")
        if bank.rule in questions:
            loader.at(relative, ("rule",), f"questions for '{bank.rule}' are already in "
                      f"{question_files[bank.rule]}; merge the two files")
            continue
        questions[bank.rule] = list(bank.questions)
        question_files[bank.rule] = relative

    if levels is not None:
        _check_levels(loader, levels)
    level_numbers = {lv.level for lv in levels.levels} if levels else set()
    rule_ids = set(rule_files) | broken_rules
    for rule in rules:
        relative = rule_files[rule.id]
        for i, other in enumerate(rule.related):
            if other == rule.id:
                loader.at(relative, ("related", i), "a rule cannot be related to itself; remove it")
            elif other not in rule_ids:
                loader.at(relative, ("related", i), _unknown_rule(other, rule_ids))
        _check_ladder(loader, relative, ("maturity",), rule.maturity, level_numbers)
        if rule.id not in questions and not _has_problem(loader, "assessment/questions/"):
            loader.problems.append(Problem(relative, 1, 1, f"rule '{rule.id}' has no questions; "
                                           f"add assessment/questions/{rule.id}.yaml"))
    if roadmap is not None:
        _check_unique(loader, "playbook/steps.yaml", "steps", [s.id for s in roadmap.steps])
        for i, step in enumerate(roadmap.steps):
            for j, rule_id in enumerate(step.advances):
                if rule_id not in rule_ids:
                    loader.at("playbook/steps.yaml", ("steps", i, "advances", j),
                              _unknown_rule(rule_id, rule_ids))
    seen_questions: dict[str, str] = {}
    for rule_id, items in questions.items():
        relative = question_files[rule_id]
        for i, question in enumerate(items):
            if question.id in seen_questions:
                loader.at(relative, ("questions", i, "id"), f"duplicate question id "
                          f"'{question.id}', also in {seen_questions[question.id]}; "
                          "question ids must be unique across all files")
            seen_questions.setdefault(question.id, relative)
            _check_ladder(loader, relative, ("questions", i, "options"), question.options,
                          level_numbers)
    if loader.problems:
        raise InvalidInput(loader.problems)
    ordered = {rule.id: questions[rule.id] for rule in rules}
    warnings = [problem for located in loader.sources.values() for problem in _todos(located)]
    for rule_id, items in ordered.items():
        if not 3 <= len(items) <= 5:
            warnings.append(Problem(question_files[rule_id], 1, 1, f"{len(items)} question(s) "
                                    "for this rule; aim for 3 to 5"))
    return Playbook(root, list(levels.levels), rules, rule_files, roadmap, revops,
                    operating_model, ordered, scoring, sorted(warnings), len(loader.sources))


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
            found.append(located.problem(loc, "TODO left in the text; write the real content",
                                         prefer_key=False))
    walk(located.data, ())
    return found


def _has_problem(loader: _Loader, prefix: str) -> bool:
    return any(p.path.startswith(prefix) for p in loader.problems)


def _unknown_rule(rule_id: str, known: set[str]) -> str:
    return f"unknown rule '{rule_id}'; use one of: {', '.join(sorted(known))}"


def _check_unique(loader: _Loader, relative: str, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            loader.at(relative, (key, i, "id"), f"duplicate id '{item_id}'; ids must be unique")
        seen.add(item_id)


def _check_levels(loader: _Loader, levels: schema.Levels) -> None:
    for i, level in enumerate(levels.levels):
        if level.level != i + 1:
            loader.at("assessment/levels.yaml", ("levels", i, "level"),
                      f"levels must run 1, 2, 3... without gaps, lowest first; "
                      f"this one should be {i + 1}, not {level.level}")


def _check_ladder(loader: _Loader, relative: str, loc: tuple, ladder: dict[int, str],
                  level_numbers: set[int]) -> None:
    if not level_numbers:
        return
    missing = sorted(level_numbers - set(ladder))
    extra = sorted(set(ladder) - level_numbers)
    if missing:
        loader.at(relative, loc, f"missing level(s) {', '.join(map(str, missing))}; give one "
                  "entry for every level in assessment/levels.yaml", prefer_key=True)
    for number in extra:
        loader.at(relative, loc + (number,), f"there is no level {number}; levels are "
                  f"{min(level_numbers)} to {max(level_numbers)}", prefer_key=True)


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
