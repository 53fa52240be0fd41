"""The reference content: each cross-file id is checked, with the place it goes wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from revops.content.playbook import load_playbook

from .conftest import ROOT
from .test_validate import edit, line_of, validate

PLAYBOOK = load_playbook(ROOT)
REF = PLAYBOOK.reference
RULE = "playbook/rules/02-alignment.yaml"
RHYTHM = "playbook/operating-rhythm.yaml"
SALES = "playbook/metrics/sales.yaml"
# The article's rule titles are names: each page carries one of them exactly.
TITLES = {
    "Data is King, but Insights are Emperor",
    "Alignment is the North Star",
    "Process is the Engine, but Flexibility is the Fuel",
    "Technology is the Enabler, but People are the Power",
    "Customer Centricity is the Foundation",
    "Measurement is the Compass",
    "Experimentation is the Catalyst for Growth",
    "Continuous Improvement is the Mantra",
    "Transparency is the Glue",
    "Celebrate Success, but Learn from Failure",
}


def test_rule_titles_are_the_articles_names():
    assert {rule.title for rule in PLAYBOOK.rules} == TITLES


def test_catalogue_covers_what_the_issue_asks_for():
    required = {
        "arr",
        "mrr",
        "bookings",
        "billings",
        "recognised-revenue",
        "logo-churn",
        "gross-revenue-retention",
        "net-revenue-retention",
        "cac",
        "paid-cac",
        "cac-payback",
        "ltv-to-cac",
        "magic-number",
        "pipeline-coverage",
        "pipeline-velocity",
        "win-rate",
        "win-rate-by-value",
        "sales-cycle-length",
        "forecast-accuracy",
        "forecast-bias",
        "quota-attainment-distribution",
        "ramp-time",
        "mql-to-sal-conversion",
        "sal-to-sql-conversion",
        "sql-to-opportunity-conversion",
        "time-to-first-value",
        "nps",
        "csat",
        "data-completeness",
    }
    assert required <= set(REF.metrics)


def test_no_metric_is_defined_twice_and_every_one_is_used():
    labels = [
        label.casefold()
        for m in REF.metrics.values()
        for label in (m.name, m.abbreviation)
        if label
    ]
    assert len(labels) == len(set(labels))
    assert not [w for w in PLAYBOOK.warnings if "is used by no rule" in w.message]


def test_every_published_figure_names_its_source():
    for metric in REF.metrics.values():
        for entry in metric.benchmarks:
            source = entry.source
            assert source.publisher and source.report and source.sample, metric.id
            assert source.url.startswith("https://") and source.year >= 2000, metric.id
            secondary = source.read_in == "secondary"
            assert bool(source.page and source.page_publisher) == secondary, metric.id


def new_metric(name: str, abbreviation: str | None = None, metric_id: str = "extra") -> str:
    abbreviation_line = f"    abbreviation: {abbreviation}\n" if abbreviation else ""
    return (
        "# yaml-language-server: $schema=../../schemas/metrics.schema.json\n"
        f"metrics:\n  - id: {metric_id}\n    name: {name}\n{abbreviation_line}"
        "    owner: sales\n    group: revenue\n    measures: Something.\n    formula:\n"
        "      calculation: a / b\n      numerator: a\n      denominator: b\n"
        "      window: a quarter\n    reading: Read it.\n    mistakes:\n      - One.\n"
    )


@pytest.mark.parametrize(
    "name, abbreviation, metric_id, clash",
    [
        ("Win rate by count", None, "extra", "metric name or abbreviation 'Win rate by count'"),
        ("Another retention", "nrr", "extra", "metric name or abbreviation 'nrr'"),
        ("Another win rate", None, "win-rate", "metric id 'win-rate'"),
    ],
    ids=["same-name", "same-abbreviation", "same-id"],
)
def test_a_metric_defined_in_two_files_fails(project, name, abbreviation, metric_id, clash):
    (project / "playbook/metrics/zz-extra.yaml").write_text(
        new_metric(name, abbreviation, metric_id), encoding="utf-8"
    )
    code, err = validate(project)
    assert code == 1
    field = "abbreviation" if abbreviation else ("id" if metric_id != "extra" else "name")
    line = line_of(project, "playbook/metrics/zz-extra.yaml", f" {field}: ")
    assert re.search(
        rf"^playbook/metrics/zz-extra\.yaml:{line}:\d+: {re.escape(clash)} is "
        r"already (used|defined) in playbook/metrics/\S+\.yaml",
        err,
        re.M,
    ), err


# (file, text to replace, replacement, expected message)
DANGLING = [
    (
        RULE,
        "  - handoff-sla-compliance\n",
        "  - handoff-sla-complience\n",
        "unknown metric 'handoff-sla-complience'; did you mean 'handoff-sla-compliance'?",
    ),
    (
        RULE,
        "forums:\n      - funnel-review",
        "forums:\n      - funnel-reviews",
        "unknown forum 'funnel-reviews'; did you mean 'funnel-review'?",
    ),
    (
        RULE,
        "  - rule: customer-centricity",
        "  - rule: customer-centrality",
        "unknown rule 'customer-centrality'; did you mean 'customer-centricity'?",
    ),
    (RULE, "from_stage: early", "from_stage: startup", "unknown stage 'startup'"),
    (
        RHYTHM,
        "    rules:\n      - alignment",
        "    rules:\n      - alignmint",
        "unknown rule 'alignmint'; did you mean 'alignment'?",
    ),
    (
        RHYTHM,
        "    chair: sales",
        "    chair: sale",
        "unknown function 'sale'; did you mean 'sales'?",
    ),
    (
        "playbook/steps.yaml",
        "    from_stage: early",
        "    from_stage: seed",
        "unknown stage 'seed'",
    ),
    ("playbook/worked-example.yaml", "motion: ", "motion: x-", "unknown motion"),
    (
        "playbook/anti-patterns.yaml",
        "    breaks:\n      - ",
        "    breaks:\n      - no-",
        "unknown rule 'no-",
    ),
]


@pytest.mark.parametrize(
    "relative, old, new, message",
    DANGLING,
    ids=[f"{d[0].split('/')[-1]}-{d[3].split()[1]}" for d in DANGLING],
)
def test_a_dangling_reference_names_its_place(project, relative, old, new, message):
    edit(project, relative, old, new)
    code, err = validate(project)
    assert code == 1
    line = line_of(project, relative, new.splitlines()[-1].strip())
    assert re.search(rf"^{re.escape(relative)}:{line}:\d+: {re.escape(message)}", err, re.M), err


def test_raci_row_needs_exactly_one_accountable(project):
    path = project / "playbook/team.yaml"
    text = path.read_text(encoding="utf-8")
    first_a = re.search(r"(\n\s+(\w[\w-]*): )R\b", text)
    assert first_a
    # Give a second function an A in the first row that has an R.
    path.write_text(
        text[: first_a.start()] + f"{first_a.group(1)}A" + text[first_a.end() :], encoding="utf-8"
    )
    code, err = validate(project)
    assert code == 1
    assert re.search(
        r"^playbook/team\.yaml:\d+:\d+: '.+' has 2 accountable \(A\); give "
        r"exactly one function the A",
        err,
        re.M,
    ), err


def test_each_kind_of_data_has_one_system_of_record(project):
    first, second = REF.tech_stack.categories[:2]
    data_id = first.record_for[0]
    # The second system claims the first one's data as well.
    edit(
        project,
        "playbook/tech-stack.yaml",
        f"  - id: {second.id}\n",
        f"  - id: {second.id}\n    record_for: [{data_id}]\n",
    )
    path = project / "playbook/tech-stack.yaml"
    text = path.read_text(encoding="utf-8")
    head, tail = text.split(f"    record_for: [{data_id}]\n", 1)
    tail = re.sub(r"\n    record_for:(?: \[\])?\n(?:      - .*\n)*", "\n", tail, count=1)
    path.write_text(f"{head}    record_for: [{data_id}]\n{tail}", encoding="utf-8")
    code, err = validate(project)
    assert code == 1
    assert f"'{data_id}' already has '{first.id}' as its system of record; keep one" in err


def test_prose_cannot_give_a_forum_another_cadence(project):
    rule = next(r for r in PLAYBOOK.rules for p in r.practices if p.forums)
    practice = next(p for p in rule.practices if p.forums)
    cadence = REF.forums[practice.forums[0]].cadence
    other = "weekly" if cadence != "weekly" else "monthly"
    relative = PLAYBOOK.rule_files[rule.id]
    first_words = practice.what.split()[0]
    edit(project, relative, f"      {first_words}", f"      Run it {other}. {first_words}")
    code, err = validate(project)
    assert code == 1
    assert f"the text says '{other}' but its forums run {practice.forums[0]} ({cadence})" in err


def test_worked_example_follows_the_advice_the_tool_gives_it():
    """The plan takes the rules in the order `revops score` recommends them for the example's
    stage and motion (foundations before the lowest scores), not simply the weakest first."""
    from revops.site.example import example_scores

    advice = example_scores(PLAYBOOK).start.advice
    planned = [rule for phase in REF.worked_example.plan for rule in phase.focus]
    assert advice, "the example's report recommends nothing"
    assert planned[: len(advice)] == advice


@pytest.mark.parametrize(
    "path", sorted((ROOT / "playbook").rglob("*.yaml")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_vendor_is_named(path: Path):
    vendors = re.compile(
        r"\b(salesforce|hubspot|marketo|gong|salesloft|gainsight|"
        r"zuora|chargebee|snowflake|tableau|looker|zoominfo|clari)\b",
        re.I,
    )
    assert not vendors.search(path.read_text(encoding="utf-8"))


def test_a_practice_cannot_start_before_every_forum_it_runs_in(project):
    rule, practice = next(
        (r, p) for r in PLAYBOOK.rules for p in r.practices if p.forums and p.from_stage == "early"
    )
    path = project / RHYTHM
    text = path.read_text(encoding="utf-8")
    for forum_id in practice.forums:
        # Move each of the practice's forums to the latest stage.
        text = re.sub(
            rf"(  - id: {forum_id}\n(?:    .*\n|\n)*?    from_stage: )\S+",
            r"\g<1>enterprise",
            text,
            count=1,
        )
    path.write_text(text, encoding="utf-8")
    code, err = validate(project)
    assert code == 1
    relative = PLAYBOOK.rule_files[rule.id]
    assert re.search(
        rf"^{re.escape(relative)}:\d+:\d+: taken up from 'early' but its forums "
        r"only start later: .*\(enterprise\)",
        err,
        re.M,
    ), err


def test_a_source_address_that_is_not_https_says_so(project):
    relative = "playbook/metrics/customer-success.yaml"
    edit(project, relative, "url: https://churnzero.com", "url: http://churnzero.com")
    code, err = validate(project)
    line = line_of(project, relative, "url: http://churnzero.com")
    assert code == 1
    assert f"{relative}:{line}:11: 'url' value 'http://churnzero.com/blog/" in err
    assert "must be a full https:// address" in err and "not a valid id" not in err
