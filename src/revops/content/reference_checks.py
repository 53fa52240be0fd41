"""Checks on the reference files: metrics, operating rhythm, team, stages, domains, tech stack,
anti-patterns and the worked example. Each check yields (where, message) for every break of
its rule; a file that did not validate is left to the problems found while reading it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from revops.content import reference_schema as ref
from revops.content.known import Found, unique, unknown
from revops.content.loaded import Content

RHYTHM = "playbook/operating-rhythm.yaml"
TEAM = "playbook/team.yaml"
STAGES = "playbook/stages.yaml"
DOMAINS = "playbook/domains.yaml"
TECH = "playbook/tech-stack.yaml"
ANTI_PATTERNS = "playbook/anti-patterns.yaml"
EXAMPLE = "playbook/worked-example.yaml"


def metric_ids_unique(content: Content) -> Iterator[Found]:
    """A metric id is defined once across all the files of playbook/metrics/."""
    defined: dict[str, str] = {}
    for path, loaded in content.each("metrics"):
        yield from unique(content, path, loaded.metrics, ("metrics",), "metric id", "id", defined)


def metric_names_unique(content: Content) -> Iterator[Found]:
    """No two metrics share a name or abbreviation: "NRR" may not name two metrics."""
    used: dict[str, str] = {}
    for path, loaded in content.each("metrics"):
        labels = [(i, "name", m.name) for i, m in enumerate(loaded.metrics)]
        labels += [(i, "abbreviation", m.abbreviation) for i, m in enumerate(loaded.metrics)]
        for i, field, label in labels:
            if not label:
                continue
            if label.casefold() not in used:
                used[label.casefold()] = path
                continue
            first = used[label.casefold()]
            where = "" if first == path else f" in {first}"
            yield (
                content.at(path, ("metrics", i, field)),
                f"metric name or abbreviation "
                f"'{label}' is already used{where}; a metric is defined once",
            )


def metric_links(content: Content) -> Iterator[Found]:
    """A metric's owner, related metrics and suggested rule exist."""
    known = content.known
    for metric_id, metric in (content.metrics or {}).items():
        path, index = content.metric_places[metric_id]
        loc = ("metrics", index)
        yield from known.one(path, loc + ("owner",), "function", metric.owner)
        yield from known.check(
            path, loc + ("see_also",), "metric", metric.see_also, not_self=metric_id
        )
        if metric.suggests is not None:
            yield from known.one(path, loc + ("suggests", "rule"), "rule", metric.suggests.rule)


def forum_links(content: Content) -> Iterator[Found]:
    """A forum's chair, metrics, rules and stage exist, and so does the intake's forum."""
    known, rhythm = content.known, content.one("operating-rhythm")
    for i, forum in enumerate(rhythm.forums if rhythm else []):
        loc = ("forums", i)
        yield from known.one(RHYTHM, loc + ("chair",), "function", forum.chair)
        yield from known.check(RHYTHM, loc + ("metrics",), "metric", forum.metrics)
        yield from known.check(RHYTHM, loc + ("rules",), "rule", forum.rules)
        yield from known.one(RHYTHM, loc + ("from_stage",), "stage", forum.from_stage)
    if rhythm:
        yield from known.one(RHYTHM, ("intake", "forum"), "forum", rhythm.intake.forum)


def _raci_rows(content: Content) -> Iterator[tuple[tuple, list[str], ref.RaciRow]]:
    """(place of the row's roles, the function ids, the row) for each RACI row."""
    team = content.one("team")
    functions = [f.id for f in team.functions] if team else []
    for i, row in enumerate(team.raci if team else []):
        yield ("raci", i, "roles"), functions, row


def raci_names_every_function(content: Content) -> Iterator[Found]:
    """A RACI row gives every function of the team a letter, and names no other."""
    for loc, functions, row in _raci_rows(content):
        missing = [f for f in functions if f not in row.roles]
        if missing:
            yield (
                content.at(TEAM, loc, key=True),
                f"give a letter for {', '.join(missing)} (R, A, C, I or -)",
            )
        for name in row.roles:
            if name not in functions:
                yield (
                    content.at(TEAM, loc + (name,), key=True),
                    unknown("function", name, functions, TEAM),
                )


def raci_one_accountable(content: Content) -> Iterator[Found]:
    """A RACI row has exactly one function accountable (A)."""
    for loc, _, row in _raci_rows(content):
        accountable = Counter(row.roles.values())["A"]
        if accountable != 1:
            yield (
                content.at(TEAM, loc, key=True),
                f"'{row.process}' has {accountable} accountable (A); "
                "give exactly one function the A",
            )


def raci_someone_responsible(content: Content) -> Iterator[Found]:
    """A RACI row has at least one function responsible (R)."""
    for loc, _, row in _raci_rows(content):
        if "R" not in row.roles.values():
            yield (
                content.at(TEAM, loc, key=True),
                f"'{row.process}' has nobody responsible (R); give at least one function an R",
            )


def stage_ids_unique(content: Content) -> Iterator[Found]:
    """Stage and motion ids are unique together."""
    stages = content.one("stages")
    if stages:
        both = [*stages.stages, *stages.motions]
        yield from unique(content, STAGES, both, ("stages",), "stage or motion")


def _guidance(content: Content) -> Iterator[tuple[tuple, ref.Guidance]]:
    """(place, item) for every stage and motion."""
    stages = content.one("stages")
    for key in ("stages", "motions") if stages else ():
        for i, item in enumerate(getattr(stages, key)):
            yield (key, i), item


def stage_links(content: Content) -> Iterator[Found]:
    """A stage's or motion's metrics, and the rules its assessment puts first or later, exist."""
    known = content.known
    for loc, item in _guidance(content):
        yield from known.check(STAGES, loc + ("metrics",), "metric", item.metrics)
        for part in ("foundations", "later"):
            for j, entry in enumerate(getattr(item.assessment, part)):
                yield from known.one(
                    STAGES, loc + ("assessment", part, j, "rule"), "rule", entry.rule
                )


def stage_guide_links(content: Content) -> Iterator[Found]:
    """A stage guide's topics are unique, and their owner, domains, forums and metrics exist."""
    known, stages = content.known, content.one("stages")
    for i, stage in enumerate(stages.stages if stages else []):
        loc = ("stages", i, "guide")
        yield from unique(content, STAGES, stage.guide, loc, "guide topic")
        for j, topic in enumerate(stage.guide):
            at = loc + (j,)
            yield from known.one(STAGES, at + ("accountable",), "function", topic.accountable)
            yield from known.check(STAGES, at + ("domains",), "domain", topic.domains)
            yield from known.check(STAGES, at + ("forums",), "forum", topic.forums)
            yield from known.check(STAGES, at + ("metrics",), "metric", topic.metrics)


def stage_focus_in_one_list(content: Content) -> Iterator[Found]:
    """A rule is a foundation or later for a stage or motion, not both."""
    for loc, item in _guidance(content):
        focus = item.assessment
        both = {f.rule for f in focus.foundations} & {p.rule for p in focus.later}
        for j, entry in enumerate(focus.later):
            if entry.rule in both:
                yield (
                    content.at(STAGES, loc + ("assessment", "later", j, "rule")),
                    f"'{entry.rule}' is both a foundation and later for "
                    f"'{item.id}'; keep it in one list",
                )


def domain_practice_names_unique(content: Content) -> Iterator[Found]:
    """No two practices of a domain share a name."""
    domains = content.one("domains")
    for i, domain in enumerate(domains.domains if domains else []):
        loc = ("domains", i, "practices")
        yield from unique(content, DOMAINS, domain.practices, loc, "practice", "name")


def domain_links(content: Content) -> Iterator[Found]:
    """A domain's practices' stages, and its metrics, rules and forums, exist."""
    known, domains = content.known, content.one("domains")
    for i, domain in enumerate(domains.domains if domains else []):
        loc = ("domains", i)
        for j, practice in enumerate(domain.practices):
            stage = practice.from_stage
            yield from known.one(DOMAINS, loc + ("practices", j, "from_stage"), "stage", stage)
        yield from known.check(DOMAINS, loc + ("metrics",), "metric", domain.metrics)
        yield from known.check(DOMAINS, loc + ("rules",), "rule", domain.rules)
        yield from known.check(DOMAINS, loc + ("forums",), "forum", domain.forums)


def tech_stack_links(content: Content) -> Iterator[Found]:
    """A system's stage and data kinds exist, and so do the systems an integration joins."""
    known, tech = content.known, content.one("tech-stack")
    for i, category in enumerate(tech.categories if tech else []):
        loc = ("categories", i)
        yield from known.one(TECH, loc + ("from_stage",), "stage", category.from_stage)
        yield from known.check(TECH, loc + ("record_for",), "data kind", category.record_for)
    for i, link in enumerate(tech.integrations if tech else []):
        yield from known.one(TECH, ("integrations", i, "source"), "system", link.source)
        yield from known.one(TECH, ("integrations", i, "target"), "system", link.target)


def one_system_of_record(content: Content) -> Iterator[Found]:
    """Every kind of data has exactly one system of record."""
    tech = content.one("tech-stack")
    owners: dict[str, str] = {}
    for i, category in enumerate(tech.categories if tech else []):
        for j, data_id in enumerate(category.record_for):
            if data_id in owners:
                yield (
                    content.at(TECH, ("categories", i, "record_for", j)),
                    f"'{data_id}' already "
                    f"has '{owners[data_id]}' as its system of record; keep one",
                )
            owners.setdefault(data_id, category.id)
    for i, data in enumerate(tech.data if tech else []):
        if data.id not in owners:
            yield (
                content.at(TECH, ("data", i, "id")),
                f"no system is the record for '{data.id}'; add it to one category's record_for",
            )


def integrations_join_two_systems(content: Content) -> Iterator[Found]:
    """An integration joins two different systems."""
    tech = content.one("tech-stack")
    for i, link in enumerate(tech.integrations if tech else []):
        if link.source == link.target:
            where = content.at(TECH, ("integrations", i, "target"))
            yield where, "an integration joins two different systems"


def anti_pattern_links(content: Content) -> Iterator[Found]:
    """The rules an anti-pattern breaks and the metrics that show it exist."""
    known, patterns = content.known, content.one("anti-patterns")
    for i, pattern in enumerate(patterns.anti_patterns if patterns else []):
        loc = ("anti_patterns", i)
        yield from known.check(ANTI_PATTERNS, loc + ("breaks",), "rule", pattern.breaks)
        yield from known.check(ANTI_PATTERNS, loc + ("metrics",), "metric", pattern.metrics)


def worked_example_links(content: Content) -> Iterator[Found]:
    """The worked example's stage, motion, rules, forums and metrics exist."""
    known, example = content.known, content.one("worked-example")
    if example is None:
        return
    yield from known.one(EXAMPLE, ("stage",), "stage", example.stage)
    yield from known.one(EXAMPLE, ("motion",), "motion", example.motion)
    for i, phase in enumerate(example.plan):
        yield from known.check(EXAMPLE, ("plan", i, "focus"), "rule", phase.focus)
    yield from known.check(EXAMPLE, ("forums",), "forum", example.forums)
    yield from known.check(EXAMPLE, ("dashboard",), "metric", example.dashboard)
    entry, experiment = example.dictionary_entry, example.experiment
    yield from known.one(EXAMPLE, ("dictionary_entry", "metric"), "metric", entry.metric)
    yield from known.one(EXAMPLE, ("experiment", "metric"), "metric", experiment.metric)
    guardrails = experiment.guardrails
    yield from known.check(EXAMPLE, ("experiment", "guardrails"), "metric", guardrails)


def worked_example_files_exist(content: Content) -> Iterator[Found]:
    """The answer files the worked example names exist."""
    example = content.one("worked-example")
    for key in ("answers", "later") if example else ():
        name = getattr(example, key)
        if name is not None and not (content.root / name).is_file():
            yield (
                content.at(EXAMPLE, (key,)),
                f"no file {name}; name an answer file in assessment/examples/",
            )
