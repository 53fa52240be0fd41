"""The reference part of the playbook: metric catalogue, operating rhythm, team design,
stages and motions, domains, tech stack, anti-patterns and the worked example.

Loaded with the rest of the content; every id that points across files is checked here, each
problem located at file:line:column."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from revops.content import reference_schema as ref
from revops.content.loader import Loader, unknown
from revops.foundation.problems import Problem

METRICS_DIR = "playbook/metrics"
FILES = {
    "rhythm": ("playbook/operating-rhythm.yaml", ref.Rhythm),
    "team": ("playbook/team.yaml", ref.Team),
    "stages": ("playbook/stages.yaml", ref.Stages),
    "domains": ("playbook/domains.yaml", ref.Domains),
    "tech_stack": ("playbook/tech-stack.yaml", ref.TechStack),
    "anti_patterns": ("playbook/anti-patterns.yaml", ref.AntiPatterns),
    "worked_example": ("playbook/worked-example.yaml", ref.WorkedExample),
}


@dataclass(frozen=True)
class Reference:
    metrics: dict[str, ref.Metric]  # id -> metric, in file order
    metric_places: dict[str, tuple[str, int]]  # id -> (its file, its index in that file)
    rhythm: ref.Rhythm
    team: ref.Team
    stages: ref.Stages
    domains: ref.Domains
    tech_stack: ref.TechStack
    anti_patterns: ref.AntiPatterns
    worked_example: ref.WorkedExample

    @cached_property
    def forums(self) -> dict[str, ref.Forum]:
        return {forum.id: forum for forum in self.rhythm.forums}

    def stage(self, stage_id: str) -> ref.Stage:
        return next(s for s in self.stages.stages if s.id == stage_id)

    def motion(self, motion_id: str) -> ref.Guidance:
        return next(m for m in self.stages.motions if m.id == motion_id)

    def function(self, function_id: str) -> ref.TeamFunction:
        return next(f for f in self.team.functions if f.id == function_id)

    def system(self, system_id: str) -> ref.SystemCategory:
        return next(c for c in self.tech_stack.categories if c.id == system_id)

    def data_kind(self, data_id: str) -> ref.DataKind:
        return next(d for d in self.tech_stack.data if d.id == data_id)

    def system_of_record(self, data_id: str) -> ref.SystemCategory:
        return next(c for c in self.tech_stack.categories if data_id in c.record_for)

    def metrics_by_owner(self) -> list[tuple[ref.TeamFunction, list[ref.Metric]]]:
        return [
            (function, [m for m in self.metrics.values() if m.owner == function.id])
            for function in self.team.functions
        ]


class Known:
    """The ids each kind of reference may point at; None where the defining file is broken,
    so a broken file does not also flood every reference to it with errors."""

    def __init__(self, loader: Loader, rule_ids: set[str]):
        self.loader = loader
        self.kinds: dict[str, tuple[set[str] | None, str]] = {
            "rule": (rule_ids, "playbook/rules/"),
        }

    def define(self, kind: str, ids, where: str) -> None:
        self.kinds[kind] = (None if ids is None else set(ids), where)

    def check(
        self, relative: str, loc: tuple, kind: str, values: list[str], not_self: str | None = None
    ) -> None:
        """Each value names a known id of this kind, once, and not the item itself."""
        known, where = self.kinds[kind]
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                self.loader.at(
                    relative, loc + (i,), f"{kind} '{value}' is listed twice; remove one"
                )
            elif value == not_self:
                self.loader.at(relative, loc + (i,), f"a {kind} cannot point at itself; remove it")
            elif known is not None and value not in known:
                self.loader.at(relative, loc + (i,), unknown(kind, value, known, where))
            seen.add(value)

    def one(self, relative: str, loc: tuple, kind: str, value: str) -> None:
        known, where = self.kinds[kind]
        if known is not None and value not in known:
            self.loader.at(relative, loc, unknown(kind, value, known, where))


def unique(
    loader: Loader,
    relative: str,
    items: list,
    loc: tuple,
    kind: str,
    attribute: str = "id",
    defined: dict[str, str] | None = None,
) -> None:
    """No two items share an id, in this file or (through `defined`) in sibling files."""
    defined = {} if defined is None else defined
    for i, item in enumerate(items):
        value = getattr(item, attribute)
        key = value.casefold()
        if key in defined:
            elsewhere = "" if defined[key] == relative else f" in {defined[key]}"
            loader.at(
                relative,
                loc + (i, attribute),
                f"{kind} '{value}' is already defined{elsewhere}; each {kind} is defined once",
            )
        else:
            defined[key] = relative


def load_metrics(loader: Loader) -> tuple[dict[str, ref.Metric], dict[str, tuple[str, int]]] | None:
    """Every file in playbook/metrics/; ids, names and abbreviations unique across them."""
    folder = loader.root / METRICS_DIR
    files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    if not files:
        loader.problems.append(
            Problem(METRICS_DIR, 0, 0, "no metric files found; add playbook/metrics/<group>.yaml")
        )
        return None
    metrics: dict[str, ref.Metric] = {}
    places: dict[str, tuple[str, int]] = {}
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    broken = False
    for file in files:
        relative = f"{METRICS_DIR}/{file.name}"
        loaded = loader.load(relative, ref.MetricFile)
        if loaded is None:
            broken = True
            continue
        items = list(loaded.metrics)
        unique(loader, relative, items, ("metrics",), "metric id", "id", ids)
        # A name and an abbreviation share one namespace: "NRR" may not name two metrics.
        labels = [(i, "name", m.name) for i, m in enumerate(items)]
        labels += [
            (i, "abbreviation", m.abbreviation) for i, m in enumerate(items) if m.abbreviation
        ]
        for i, field, label in labels:
            key = label.casefold()
            if key in names:
                where = "" if names[key] == relative else f" in {names[key]}"
                loader.at(
                    relative,
                    ("metrics", i, field),
                    f"metric name or abbreviation "
                    f"'{label}' is already used{where}; a metric is defined once",
                )
            else:
                names[key] = relative
        for i, metric in enumerate(items):
            if metric.id not in metrics:
                metrics[metric.id] = metric
                places[metric.id] = (relative, i)
    return None if broken else (metrics, places)


def load_reference(loader: Loader, known: Known) -> Reference | None:
    """Load the reference files and check every id they use. None if any is invalid."""
    loaded_metrics = load_metrics(loader)
    parts = {name: loader.load(relative, model) for name, (relative, model) in FILES.items()}
    metrics, places = loaded_metrics or ({}, {})
    known.define("metric", metrics if loaded_metrics else None, "playbook/metrics/")
    rhythm, team, stages = parts["rhythm"], parts["team"], parts["stages"]
    known.define("forum", rhythm and [f.id for f in rhythm.forums], FILES["rhythm"][0])
    known.define("function", team and [f.id for f in team.functions], FILES["team"][0])
    known.define("stage", stages and [s.id for s in stages.stages], FILES["stages"][0])
    known.define("motion", stages and [m.id for m in stages.motions], FILES["stages"][0])
    tech = parts["tech_stack"]
    known.define("system", tech and [c.id for c in tech.categories], FILES["tech_stack"][0])
    known.define("data kind", tech and [d.id for d in tech.data], FILES["tech_stack"][0])

    for metric_id, metric in metrics.items():
        relative, index = places[metric_id]
        known.one(relative, ("metrics", index, "owner"), "function", metric.owner)
        known.check(
            relative, ("metrics", index, "see_also"), "metric", metric.see_also, not_self=metric_id
        )
        if metric.suggests is not None:
            known.one(
                relative, ("metrics", index, "suggests", "rule"), "rule", metric.suggests.rule
            )
    checks = {
        "rhythm": _check_rhythm,
        "team": _check_team,
        "stages": _check_stages,
        "domains": _check_domains,
        "tech_stack": _check_tech_stack,
        "anti_patterns": _check_anti_patterns,
        "worked_example": _check_example,
    }
    for name, check in checks.items():
        if parts[name] is not None:
            check(loader, known, FILES[name][0], parts[name])
    if loaded_metrics is None or any(part is None for part in parts.values()):
        return None
    return Reference(metrics, places, **parts)


def _check_rhythm(loader: Loader, known: Known, relative: str, rhythm: ref.Rhythm) -> None:
    """Forum ids unique; chair, metrics, rules, stage and the intake forum all resolve."""
    unique(loader, relative, rhythm.forums, ("forums",), "forum")
    for i, forum in enumerate(rhythm.forums):
        known.one(relative, ("forums", i, "chair"), "function", forum.chair)
        known.check(relative, ("forums", i, "metrics"), "metric", forum.metrics)
        known.check(relative, ("forums", i, "rules"), "rule", forum.rules)
        known.one(relative, ("forums", i, "from_stage"), "stage", forum.from_stage)
    known.one(relative, ("intake", "forum"), "forum", rhythm.intake.forum)


def _check_team(loader: Loader, known: Known, relative: str, team: ref.Team) -> None:
    """Each RACI row names every function once, with exactly one A and at least one R."""
    unique(loader, relative, team.functions, ("functions",), "function")
    unique(loader, relative, team.reporting_lines, ("reporting_lines",), "reporting line")
    unique(loader, relative, team.raci, ("raci",), "RACI row")
    functions = [f.id for f in team.functions]
    for i, row in enumerate(team.raci):
        loc = ("raci", i, "roles")
        missing = [f for f in functions if f not in row.roles]
        if missing:
            loader.at(
                relative,
                loc,
                f"give a letter for {', '.join(missing)} (R, A, C, I or -)",
                prefer_key=True,
            )
        for name in row.roles:
            if name not in functions:
                loader.at(
                    relative,
                    loc + (name,),
                    unknown("function", name, functions, relative),
                    prefer_key=True,
                )
        letters = Counter(row.roles.values())
        if letters["A"] != 1:
            loader.at(
                relative,
                loc,
                f"'{row.process}' has {letters['A']} accountable (A); "
                "give exactly one function the A",
                prefer_key=True,
            )
        if letters["R"] == 0:
            loader.at(
                relative,
                loc,
                f"'{row.process}' has nobody responsible (R); give at least one function an R",
                prefer_key=True,
            )


def _check_stages(loader: Loader, known: Known, relative: str, stages: ref.Stages) -> None:
    """Stage and motion ids unique together; their metrics resolve."""
    unique(loader, relative, [*stages.stages, *stages.motions], ("stages",), "stage or motion")
    for key, items in (("stages", stages.stages), ("motions", stages.motions)):
        for i, item in enumerate(items):
            known.check(relative, (key, i, "metrics"), "metric", item.metrics)
            focus = item.assessment
            for part in ("foundations", "later"):
                for j, entry in enumerate(getattr(focus, part)):
                    known.one(relative, (key, i, "assessment", part, j, "rule"), "rule", entry.rule)
            both = {f.rule for f in focus.foundations} & {p.rule for p in focus.later}
            for j, entry in enumerate(focus.later):
                if entry.rule in both:
                    loader.at(
                        relative,
                        (key, i, "assessment", "later", j, "rule"),
                        f"'{entry.rule}' is both a foundation and later for "
                        f"'{item.id}'; keep it in one list",
                    )


def _check_domains(loader: Loader, known: Known, relative: str, domains: ref.Domains) -> None:
    unique(loader, relative, domains.domains, ("domains",), "domain")
    for i, domain in enumerate(domains.domains):
        loc = ("domains", i)
        unique(loader, relative, domain.practices, loc + ("practices",), "practice", "name")
        for j, practice in enumerate(domain.practices):
            known.one(relative, loc + ("practices", j, "from_stage"), "stage", practice.from_stage)
        known.check(relative, loc + ("metrics",), "metric", domain.metrics)
        known.check(relative, loc + ("rules",), "rule", domain.rules)
        known.check(relative, loc + ("forums",), "forum", domain.forums)


def _check_tech_stack(loader: Loader, known: Known, relative: str, tech: ref.TechStack) -> None:
    """Every kind of data has exactly one system of record; integrations join two systems."""
    unique(loader, relative, tech.data, ("data",), "data kind")
    unique(loader, relative, tech.categories, ("categories",), "system")
    owners: dict[str, str] = {}
    for i, category in enumerate(tech.categories):
        known.one(relative, ("categories", i, "from_stage"), "stage", category.from_stage)
        known.check(relative, ("categories", i, "record_for"), "data kind", category.record_for)
        for j, data_id in enumerate(category.record_for):
            if data_id in owners:
                loader.at(
                    relative,
                    ("categories", i, "record_for", j),
                    f"'{data_id}' already "
                    f"has '{owners[data_id]}' as its system of record; keep one",
                )
            owners.setdefault(data_id, category.id)
    for i, data in enumerate(tech.data):
        if data.id not in owners:
            loader.at(
                relative,
                ("data", i, "id"),
                f"no system is the record for '{data.id}'; add it to one category's record_for",
            )
    for i, link in enumerate(tech.integrations):
        known.one(relative, ("integrations", i, "source"), "system", link.source)
        known.one(relative, ("integrations", i, "target"), "system", link.target)
        if link.source == link.target:
            loader.at(
                relative,
                ("integrations", i, "target"),
                "an integration joins two different systems",
            )


def _check_anti_patterns(
    loader: Loader, known: Known, relative: str, patterns: ref.AntiPatterns
) -> None:
    unique(loader, relative, patterns.anti_patterns, ("anti_patterns",), "anti-pattern")
    for i, pattern in enumerate(patterns.anti_patterns):
        known.check(relative, ("anti_patterns", i, "breaks"), "rule", pattern.breaks)
        known.check(relative, ("anti_patterns", i, "metrics"), "metric", pattern.metrics)


def _check_example(loader: Loader, known: Known, relative: str, example: ref.WorkedExample) -> None:
    """The worked example's ids resolve and its answer files exist."""
    known.one(relative, ("stage",), "stage", example.stage)
    known.one(relative, ("motion",), "motion", example.motion)
    for key in ("answers", "later"):
        name = getattr(example, key)
        if name is not None and not (loader.root / name).is_file():
            loader.at(
                relative, (key,), f"no file {name}; name an answer file in assessment/examples/"
            )
    for i, phase in enumerate(example.plan):
        known.check(relative, ("plan", i, "focus"), "rule", phase.focus)
    known.check(relative, ("forums",), "forum", example.forums)
    known.check(relative, ("dashboard",), "metric", example.dashboard)
    known.one(relative, ("dictionary_entry", "metric"), "metric", example.dictionary_entry.metric)
    known.one(relative, ("experiment", "metric"), "metric", example.experiment.metric)
    known.check(relative, ("experiment", "guardrails"), "metric", example.experiment.guardrails)
