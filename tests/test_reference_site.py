"""The reference pages as a reader finds them: anchors, links, search, the RACI, the example."""

from __future__ import annotations

import json
import re

import pytest

from revops.content.addresses import REFERENCE_PAGES
from revops.site.example import example_scores

from .test_site import PLAYBOOK

REF = PLAYBOOK.reference
EDIT = "https://github.com/revops-playbook/revops-playbook/edit/main/"


def page(site, name: str) -> str:
    source = REFERENCE_PAGES[name].source
    return (site / source.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def test_catalogue_has_one_anchor_per_metric_grouped_by_owner(built_site):
    html = page(built_site, "metrics")
    for metric in REF.metrics.values():
        assert html.count(f'id="{metric.id}"') == 1, metric.id
    owners = re.findall(r'<h2 id="owner-([a-z-]+)"', html)
    assert owners == [f.id for f, items in REF.metrics_by_owner("revenue") if items]


def test_every_forum_step_and_stage_links_the_metrics_it_reads(built_site):
    rhythm = page(built_site, "rhythm")
    for forum in REF.rhythm.forums:
        section = rhythm.split(f'id="{forum.id}"', 1)[1].split("<h2", 1)[0]
        for metric_id in forum.metrics:
            assert f'href="../metrics/#{metric_id}"' in section, (forum.id, metric_id)
    roadmap = (built_site / "roadmap/index.html").read_text(encoding="utf-8")
    for step in PLAYBOOK.roadmap.steps:
        for metric_id in step.metrics:
            assert f'href="../reference/metrics/#{metric_id}"' in roadmap
    stages = page(built_site, "stages")
    for item in (*REF.stages.stages, *REF.stages.motions):
        for metric_id in item.metrics:
            assert f'href="../metrics/#{metric_id}"' in stages


def test_each_stage_and_motion_shows_how_it_orders_the_advice(built_site):
    stages = page(built_site, "stages")
    for item in (*REF.stages.stages, *REF.stages.motions):
        section = stages.split(f'id="{item.id}"', 1)[1].split("<h3", 1)[0]
        text = re.sub(r"<[^>]+>", "", section).replace("&#39;", "'")
        for entry in item.assessment.foundations:
            title = next(rule.title for rule in PLAYBOOK.rules if rule.id == entry.rule)
            bound = f", up to level {entry.until_level}" if entry.until_level else ""
            assert f"{title}{bound}: {entry.reason}" in text, (item.id, entry.rule)
        for entry in item.assessment.later:
            title = next(rule.title for rule in PLAYBOOK.rules if rule.id == entry.rule)
            assert f"{title}, to level {entry.from_level} or above: {entry.reason}" in text


def test_each_metric_says_where_it_is_used(built_site):
    html = page(built_site, "metrics")
    for metric_id in REF.metrics:
        users = PLAYBOOK.metric_users(metric_id)
        section = html.split(f'id="{metric_id}"', 1)[1].split("<h3", 1)[0]
        for rule in users["rules"]:
            assert f'href="../../rules/{rule.id}/"' in section, (metric_id, rule.id)
        for forum in users["forums"]:
            assert f'href="../operating-rhythm/#{forum.id}"' in section, (metric_id, forum.id)


def test_search_finds_a_metric_by_name_and_by_abbreviation(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for metric in REF.metrics.values():
        title = titles[f"reference/metrics/#{metric.id}"]
        assert metric.name in title
        if metric.abbreviation:
            assert f"({metric.abbreviation})" in title


def test_raci_is_a_table_with_one_accountable_per_process(built_site):
    html = page(built_site, "team")
    table = html.split('id="raci"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == len(REF.team.raci)
    for row, spec in zip(rows, REF.team.raci, strict=True):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        assert cells[0].strip() == spec.process
        assert [c.strip() for c in cells[1:]].count("A") == 1


def test_worked_example_shows_scores_computed_from_its_files(built_site):
    html = page(built_site, "worked_example")
    scores = example_scores(PLAYBOOK)
    assert f"<strong>{scores.start.score:.2f}</strong>" in html
    for rule in scores.lowest():
        assert f'href="../../rules/{rule.id}/"' in html
    advice = html.split("the report's advice put", 1)[1].split("first,", 1)[0]
    linked = re.findall(r'href="../../rules/([a-z-]+)/"', advice)
    assert linked == scores.start.advice
    if scores.later is not None:
        assert f"<strong>{scores.later.score:.2f}</strong>" in html


@pytest.mark.parametrize("name", REFERENCE_PAGES)
def test_reference_page_edit_link_opens_its_yaml(built_site, name):
    spec = REFERENCE_PAGES[name]
    html = page(built_site, name)
    if spec.yaml.endswith("/"):
        expected = f"https://github.com/revops-playbook/revops-playbook/tree/main/{spec.yaml}"
    else:
        expected = EDIT + spec.yaml
    assert f'href="{expected}"' in html


def test_reference_pages_are_in_the_nav(built_site):
    html = (built_site / "reference/index.html").read_text(encoding="utf-8")
    for spec in REFERENCE_PAGES.values():
        assert spec.title in html


def _every_command(parser, path=()):
    """(command words, parser) for the command and each subcommand under it."""
    import argparse

    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _every_command(child, (*path, name))


def _section(markdown: str, anchor: str) -> str:
    return markdown.split(f"{{ #{anchor} }}", 1)[1].split("\n## ", 1)[0]


def test_the_cli_reference_lists_every_command_and_option_from_the_parser():
    """Made from the parser, so nothing can be left out: each command has its section, with
    its usage and every argument and option but --help."""
    import argparse

    from revops.cli.main import build_parser
    from revops.site.cli_reference import cli_reference

    markdown = cli_reference(build_parser())
    commands = list(_every_command(build_parser()))
    assert len(commands) == 11  # revops, validate, score, plan, template, form, new and 4 kinds
    for path, parser in commands:
        section = _section(markdown, "-".join(path) or "revops")
        assert f"## `{' '.join(('revops', *path))}`" in markdown
        assert f"usage: {parser.prog}" in section
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            for name in action.option_strings or [action.metavar or action.dest]:
                assert f"| `{name}" in section, (path, name)
            assert markdown_cell_of(action.help) in section, (path, action.help)


def markdown_cell_of(text: str) -> str:
    from revops.foundation.markdown import markdown_cell

    return markdown_cell(text)


def test_the_cli_reference_page_is_built_in_the_reference_with_its_edit_link(built_site):
    html = (built_site / "reference/cli/index.html").read_text(encoding="utf-8")
    for anchor in ("validate", "score", "template", "form", "new", "new-rule"):
        assert f'id="{anchor}"' in html
    assert "--previous FILE" in html and "--date-order {dmy,mdy}" in html
    assert f'href="{EDIT}src/revops/cli/parser.py"' in html
    nav = (built_site / "reference/index.html").read_text(encoding="utf-8")
    assert 'href="cli/"' in nav
