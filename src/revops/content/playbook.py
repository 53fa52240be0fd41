"""The content model: every playbook and assessment YAML file, loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from revops.content import schema
from revops.content.checks import CHECKS, WARNINGS, run_checks
from revops.content.kinds import RULE_FILE
from revops.content.loaded import Content
from revops.content.loader import load_content
from revops.content.reference import Reference, metric_users
from revops.foundation.counts import counted
from revops.foundation.problems import InvalidInput, Problem


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
        return metric_users(metric_id, self.rules, self.roadmap.steps, self.reference)

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
            f"{counted(len(self.rules), 'rule')}, {counted(len(self.all_questions), 'question')}, "
            f"{counted(len(self.roadmap.steps), 'roadmap step')}, "
            f"{counted(len(self.levels), 'level')}, "
            f"{counted(len(self.reference.metrics), 'metric')} and "
            f"{counted(len(self.reference.rhythm.forums), 'forum')} in "
            f"{counted(self.files, 'file')} {'is' if self.files == 1 else 'are'} valid"
        )
        if self.warnings:
            text += f" ({counted(len(self.warnings), 'warning')})"
        return text


def load_playbook(root: Path | str = ".") -> Playbook:
    """Load and validate all content under root. Raises InvalidInput with every problem."""
    content = load_content(Path(root))
    problems = content.problems + run_checks(CHECKS, content)
    if problems:
        raise InvalidInput(problems)
    return _playbook(content, sorted(run_checks(WARNINGS, content)))


def _playbook(content: Content, warnings: list[Problem]) -> Playbook:
    """The model of content that passed every check."""
    rules = [rule for _, rule in content.rules]
    questions = content.files["questions"]
    retired: dict[str, schema.RetiredQuestion] = {}
    for _, _, entry in content.retired:
        retired.setdefault(entry.id, entry)
    levels, roadmap, reference = content.levels, content.roadmap, content.reference
    assert levels is not None and roadmap is not None and reference is not None  # all loaded
    return Playbook(
        content.root,
        list(levels.levels),
        rules,
        content.rule_files,
        roadmap,
        content.one("revops"),
        content.one("operating-model"),
        {rule.id: list(questions[content.question_files[rule.id]].questions) for rule in rules},
        content.one("scoring"),
        reference,
        warnings,
        len(content.sources),
        retired,
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


__all__ = ["RULE_FILE", "Playbook", "load_playbook", "load_cached"]
