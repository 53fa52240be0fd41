"""The content as read: every file's typed model (None where it did not validate), the
problems found while reading, and the views of it that the checks and the Playbook share."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from revops.content import reference_schema as ref
from revops.content import schema
from revops.content.kinds import RULE_FILE
from revops.content.known import Known, Where
from revops.content.reference import REFERENCE_PARTS, Reference
from revops.foundation.problems import Problem
from revops.foundation.yamlsource import Located


@dataclass
class Content:
    root: Path
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> path -> model
    sources: dict[str, Located] = field(default_factory=dict)  # every file that was read
    problems: list[Problem] = field(default_factory=list)  # found while reading
    misnamed: list[str] = field(default_factory=list)  # in a folder that names files otherwise

    def at(self, relative: str, loc: tuple, key: bool = False) -> Where:
        """Where a value (or, with key, its key) is in a file that was read."""
        return Where(relative, *self.sources[relative].where(loc, key))

    def one(self, kind: str) -> Any:
        """The model of a kind that is one file, or None if it did not validate."""
        return next(iter(self.files.get(kind, {}).values()), None)

    def each(self, kind: str) -> list[tuple[str, Any]]:
        """(path, model) for every file of a kind that validated, in the order read."""
        return [
            (path, model) for path, model in self.files.get(kind, {}).items() if model is not None
        ]

    @property
    def levels(self) -> schema.Levels | None:
        return self.one("levels")

    @property
    def roadmap(self) -> schema.Roadmap | None:
        return self.one("steps")

    @cached_property
    def level_numbers(self) -> set[int]:
        return {level.level for level in self.levels.levels} if self.levels else set()

    # --- rules: the first file of each id counts; a file that did not load still names one

    @cached_property
    def broken_rules(self) -> set[str]:
        """The ids in the names of rule files that did not validate."""
        return {
            rule_id_in_name(path)
            for path, rule in self.files.get("rule", {}).items()
            if rule is None
        }

    @cached_property
    def rules(self) -> list[tuple[str, schema.Rule]]:
        """(path, rule) for every rule that counts, in file order: a second file holding an
        id that its name also gives is left out."""
        counted, ids = [], set()
        for path, rule in self.each("rule"):
            if rule.id == rule_id_in_name(path) and rule.id in ids:
                continue
            counted.append((path, rule))
            ids.add(rule.id)
        return counted

    @cached_property
    def rule_files(self) -> dict[str, str]:
        """Rule id -> its file, for every rule that counts."""
        return {rule.id: path for path, rule in self.rules}

    # --- questions: the first file for each rule counts

    @cached_property
    def question_files(self) -> dict[str, str]:
        """Rule id -> the file its questions are read from."""
        files: dict[str, str] = {}
        for path, bank in self.each("questions"):
            if bank.rule not in self.broken_rules and bank.rule in self.rule_files:
                files.setdefault(bank.rule, path)
        return files

    @cached_property
    def questions(self) -> list[tuple[str, int, schema.Question]]:
        """(file, index, question) for every question of the files that count."""
        return [
            (path, i, question)
            for path in self.question_files.values()
            for i, question in enumerate(self.files["questions"][path].questions)
        ]

    @cached_property
    def question_ids(self) -> dict[str, str]:
        """Question id -> the first file that holds it."""
        ids: dict[str, str] = {}
        for path, _, question in self.questions:
            ids.setdefault(question.id, path)
        return ids

    @cached_property
    def retired(self) -> list[tuple[str, int, schema.RetiredQuestion]]:
        """(file, index, entry) for every retired question of the files that count."""
        return [
            (path, i, entry)
            for path in self.question_files.values()
            for i, entry in enumerate(self.files["questions"][path].retired)
        ]

    # --- the reference: metrics, forums, team, stages and the rest

    @cached_property
    def metric_places(self) -> dict[str, tuple[str, int]]:
        """Metric id -> (its file, its index there), the first definition of each."""
        places: dict[str, tuple[str, int]] = {}
        for path, loaded in self.each("metrics"):
            for i, metric in enumerate(loaded.metrics):
                places.setdefault(metric.id, (path, i))
        return places

    @cached_property
    def metrics(self) -> dict[str, ref.Metric] | None:
        """Metric id -> metric; None if a metric file did not validate or there is none."""
        files = self.files.get("metrics", {})
        if not files or any(loaded is None for loaded in files.values()):
            return None
        return {
            metric_id: files[path].metrics[i] for metric_id, (path, i) in self.metric_places.items()
        }

    @cached_property
    def reference(self) -> Reference | None:
        """The reference part of the playbook; None if any of its files did not validate."""
        parts = {name: self.one(kind) for name, kind in REFERENCE_PARTS.items()}
        if self.metrics is None or any(part is None for part in parts.values()):
            return None
        return Reference(self.metrics, self.metric_places, **parts)

    @cached_property
    def known(self) -> Known:
        rhythm, team = self.one("operating-rhythm"), self.one("team")
        stages, tech = self.one("stages"), self.one("tech-stack")
        domains = self.one("domains")
        return Known(
            self,
            {
                "rule": ({*self.rule_files, *self.broken_rules}, "playbook/rules/"),
                "metric": (self.metrics, "playbook/metrics/"),
                "forum": (
                    rhythm and [f.id for f in rhythm.forums],
                    "playbook/operating-rhythm.yaml",
                ),
                "function": (team and [f.id for f in team.functions], "playbook/team.yaml"),
                "RACI row": (team and [row.id for row in team.raci], "playbook/team.yaml"),
                "stage": (stages and [s.id for s in stages.stages], "playbook/stages.yaml"),
                "motion": (stages and [m.id for m in stages.motions], "playbook/stages.yaml"),
                "domain": (domains and [d.id for d in domains.domains], "playbook/domains.yaml"),
                "system": (tech and [c.id for c in tech.categories], "playbook/tech-stack.yaml"),
                "data kind": (tech and [d.id for d in tech.data], "playbook/tech-stack.yaml"),
            },
        )


def rule_id_in_name(path: str) -> str:
    """The id a rule file's name gives it (only files so named are read)."""
    match = RULE_FILE.match(path.rpartition("/")[2])
    assert match is not None
    return match.group(2)
