"""Published figures beside the metrics: each names its source, none is missing one, a
published median never reads above level 3 on its metric's ladder, the catalogue page shows
every source, and RevOps' own process measures stand apart from the revenue metrics."""

from __future__ import annotations

import copy
import html
import json
import re

import jsonschema
import pytest
import yaml

from revops.content.playbook import load_playbook

from .conftest import ROOT
from .test_reference_site import page
from .test_validate import edit, line_of, validate

PLAYBOOK = load_playbook(ROOT)
METRICS = PLAYBOOK.reference.metrics
CS = "playbook/metrics/customer-success.yaml"
# The sourced figure that the broken copies below change: net dollar retention at IPO.
IPO_SOURCE = (
    "        source:\n"
    "          publisher: Blossom Street Ventures\n"
    "          report: Benchmarking net dollar retention\n"
    "          year: 2023\n"
    "          sample: 98 SaaS companies that disclosed net dollar retention at IPO\n"
    "          url: https://blossomstreetventures.com/2023/06/06/benchmarking-net-dollar-retention/\n"
    "          read_in: primary\n"
)
IPO_FIGURE = "      - segment: >-\n          SaaS companies at their initial public offering"
GRR_REASONING = (
    "      reasoning: >-\n"
    "        Level 3 starts at 90% so that the published private-company medians listed under\n"
    "        this metric read as level 3, never higher; level 4 at 95% asks for clearly more than\n"
    "        a median company keeps, and level 5 at 97% for churn and downgrades of 3% a year or\n"
    "        less\n"
)
GRR_LEVELS = "        2: 0.85\n        3: 0.90\n        4: 0.95\n        5: 0.97\n"
# The areas the catalogue must have published figures for, by the metrics that hold them.
AREAS = {
    "retention": {"gross-revenue-retention", "net-revenue-retention"},
    "growth": {"arr"},
    "efficiency": {"cac-payback", "magic-number", "sales-and-marketing-share"},
    "sales productivity": {"reps-at-quota", "average-contract-value", "sales-cycle-length"},
    "ramp and tenure": {"ramp-time", "sales-capacity"},
}


def sourced_figures_in_the_yaml() -> list[tuple[str, dict]]:
    """(metric id, figure) for every figure with a source, read from the YAML files."""
    found = []
    for path in sorted((ROOT / "playbook/metrics").glob("*.yaml")):
        for metric in yaml.safe_load(path.read_text(encoding="utf-8"))["metrics"]:
            found += [(metric["id"], b) for b in metric.get("benchmarks", []) if b.get("source")]
    return found


def test_at_least_fifteen_figures_are_published_with_their_sources():
    figures = sourced_figures_in_the_yaml()
    assert len(figures) >= 15
    assert len({(f["source"]["publisher"], f["source"]["report"]) for _, f in figures}) >= 8
    covered = {metric_id for metric_id, _ in figures}
    for area, metric_ids in AREAS.items():
        assert covered & metric_ids, f"no published figure for {area}"


def test_every_published_median_reads_as_level_3_at_most():
    placed = []
    for metric in METRICS.values():
        if metric.suggests is None:
            continue
        for figure in metric.benchmarks:
            if figure.median is not None:
                level = metric.suggests.level_of(figure.median)
                assert level <= 3, (metric.id, figure.median, level)
                placed.append(metric.id)
            else:  # a median the ladder could misplace is given as a number
                assert "median" not in figure.figure.casefold(), metric.id
    assert "gross-revenue-retention" in placed


def test_gross_revenue_retention_cites_saas_capitals_own_report_for_its_median():
    figures = METRICS["gross-revenue-retention"].benchmarks
    primary = [
        f for f in figures if f.source.publisher == "SaaS Capital" and f.source.read_in == "primary"
    ]
    assert primary and all(f.median is not None for f in primary)


def test_a_ladder_that_reads_a_median_above_level_3_is_refused_at_the_median(project):
    edit(project, CS, GRR_LEVELS, GRR_LEVELS.replace("4: 0.95", "4: 0.92"))
    code, err = validate(project)
    assert code == 1
    lines = (project / CS).read_text(encoding="utf-8").splitlines()
    medians = [i for i, text in enumerate(lines, 1) if text.strip() == "median: 0.93"]
    problems = [p for p in err.splitlines() if p.startswith(CS)]
    assert len(medians) == len(problems) == 2, err
    for line, problem in zip(medians, problems, strict=True):
        assert problem.startswith(
            f"{CS}:{line}:17: the published median 0.93 reads as level 4 on this metric's "
            "ladder (2: 0.85, 3: 0.9, 4: 0.92, 5: 0.97); a median company is level 3 at most"
        ), err


@pytest.mark.parametrize(
    "old, new, fragment, below, column, message",
    [
        (
            IPO_SOURCE,
            "",
            "SaaS companies at their initial public offering",
            -1,  # the figure's first line, `- segment: >-`
            9,
            "'benchmarks': a published figure needs its source (publisher, report, year, "
            "sample, url and read_in); add a source, or remove the figure: the playbook "
            "publishes no number without one",
        ),
        (
            IPO_SOURCE,
            IPO_SOURCE.replace("          year: 2023\n", ""),
            "publisher: Blossom Street Ventures",
            0,
            11,
            "missing required field 'year'; add it here",
        ),
        (
            IPO_SOURCE,
            IPO_SOURCE.replace("read_in: primary", "read_in: secondary"),
            "url: https://blossomstreetventures.com/2023",
            1,
            11,
            "'read_in': a figure read in a secondary source names that page; add page, "
            "page_publisher",
        ),
        (
            "      basis: heuristic\n      reasoning: >-\n        Level 3 starts at 90%",
            "      reasoning: >-\n        Level 3 starts at 90%",
            "rule: customer-centricity",
            0,
            7,
            "missing required field 'basis'; add it here",
        ),
        (
            GRR_REASONING,
            "      reasoning: ''\n",
            "reasoning: ''",
            0,
            7,
            "'reasoning' must not be empty; write the text",
        ),
    ],
    ids=["no-source", "source-without-year", "secondary-without-page", "no-basis", "no-reason"],
)
def test_a_figure_or_ladder_without_its_source_is_refused_at_its_line(
    project, old, new, fragment, below, column, message
):
    edit(project, CS, old, new)
    code, err = validate(project)
    assert code == 1
    problems = [p for p in err.splitlines() if p.startswith("playbook/")]
    line = line_of(project, CS, fragment) + below
    assert problems == [f"{CS}:{line}:{column}: {message}"], err


def test_the_catalogue_shows_each_figure_with_its_source(built_site):
    text = html.unescape(re.sub(r"<[^>]+>", "", page(built_site, "metrics")))
    text = re.sub(r"\s+", " ", text)
    for metric in METRICS.values():
        section = text.split(f"{metric.name}", 1)[1]
        for figure in metric.benchmarks:
            source = figure.source
            shown = (
                f"{source.publisher}, {source.report} ({source.year}). "
                f"Sample: {source.sample.rstrip('.')}."
            )
            assert shown in section, (metric.id, shown)
            assert figure.figure.rstrip(".") in section, metric.id
            if source.read_in == "secondary":
                assert (
                    f"Read in a secondary source: {source.page}, published by "
                    f"{source.page_publisher}." in section
                ), metric.id


def test_the_catalogue_links_each_primary_report_and_each_secondary_page(built_site):
    markup = page(built_site, "metrics")
    for metric in METRICS.values():
        for figure in metric.benchmarks:
            assert f'href="{html.escape(figure.source.url)}"' in markup, metric.id


def test_revops_process_measures_stand_apart_from_the_revenue_metrics(built_site):
    markup = page(built_site, "metrics")
    revenue, process = markup.split('id="group-revops-process"', 1)
    assert 'id="group-revenue"' in revenue
    for metric in METRICS.values():
        where = process if metric.group == "revops-process" else revenue
        assert f'id="{metric.id}"' in where, metric.id
    groups = {metric.group for metric in METRICS.values()}
    assert groups == {"revenue", "revops-process"}
    assert all(METRICS[m].group == "revops-process" for m in ("data-completeness",))


def test_the_json_schema_asks_every_figure_for_its_source():
    """Editors see the rule as they type: the generated schema refuses a figure without a
    source and a secondary read without the page it was read on."""
    schema = json.loads((ROOT / "schemas/metrics.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load((ROOT / CS).read_text(encoding="utf-8"))))
    jsonschema.validate(data, schema)
    figures = next(m for m in data["metrics"] if m["id"] == "net-revenue-retention")["benchmarks"]
    for broken in (
        lambda f: f.pop("source"),
        lambda f: f["source"].pop("page"),
        lambda f: f["source"].update(read_in="primary"),
    ):
        copied = copy.deepcopy(data)
        figure = next(m for m in copied["metrics"] if m["id"] == "net-revenue-retention")
        broken(figure["benchmarks"][0])
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(copied, schema)
    assert figures[0]["source"]["read_in"] == "secondary"
