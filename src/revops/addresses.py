"""Where things live on the site, relative to its root: one place for every page path and
anchor, used by the page templates, the reports and the browser bank."""

from __future__ import annotations

import re
from typing import NamedTuple


def slug(text: str) -> str:
    """The anchor a heading gets on the site, e.g. a practice name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class ReferencePage(NamedTuple):
    source: str  # the Markdown path the hook generates, under docs/
    title: str  # its nav entry
    template: str  # in templates/site/
    yaml: str  # what a contributor edits to change it
    description: str  # for search engines and the reference index


# The reference pages the hook generates, in nav order.
REFERENCE_PAGES = {
    "metrics": ReferencePage(
        "reference/metrics.md", "Metric catalogue", "metrics.md.j2", "playbook/metrics/",
        "Every metric the playbook uses, defined once: formula, window, how to read it, the "
        "usual mistakes, and where it is used."),
    "rhythm": ReferencePage(
        "reference/operating-rhythm.md", "Operating rhythm", "rhythm.md.j2",
        "playbook/operating-rhythm.yaml",
        "Each recurring revenue forum once, with its cadence, attendees, inputs, agenda, "
        "decisions and metrics, and the one intake route for requests to RevOps."),
    "team": ReferencePage(
        "reference/team.md", "RevOps team design", "team.md.j2", "playbook/team.yaml",
        "A charter outline, whom RevOps reports to and the trade-offs, how requests come in, "
        "the team's shape by stage, and a RACI for the core revenue processes."),
    "stages": ReferencePage(
        "reference/stages.md", "By stage and motion", "stages.md.j2", "playbook/stages.yaml",
        "What to do first, what to postpone, which roles exist and which metrics matter most, "
        "by company stage and by sales motion."),
    "domains": ReferencePage(
        "reference/domains.md", "Core domains", "domains.md.j2", "playbook/domains.yaml",
        "Forecasting, go-to-market planning, compensation design, quote-to-cash and "
        "attribution, each with practices, pitfalls and its metrics."),
    "tech_stack": ReferencePage(
        "reference/tech-stack.md", "Tech stack", "tech-stack.md.j2",
        "playbook/tech-stack.yaml",
        "The categories of revenue system, which one holds the truth for which data, and "
        "where they must integrate. Vendor-neutral."),
    "anti_patterns": ReferencePage(
        "reference/anti-patterns.md", "Anti-patterns", "anti-patterns.md.j2",
        "playbook/anti-patterns.yaml",
        "Failure patterns that cut across the rules: symptoms, why they happen, the rules "
        "they break and the way out."),
    "worked_example": ReferencePage(
        "reference/worked-example.md", "Worked example", "worked-example.md.j2",
        "playbook/worked-example.yaml",
        "An example company taken from its assessment to a 90-day plan, with its forums, "
        "dashboard, a metric dictionary entry, an experiment brief and a post-mortem."),
}
# Markdown source paths by short name, for links written in templates.
PAGE_SOURCES = {name: page.source for name, page in REFERENCE_PAGES.items()}


def rule_path(rule_id: str) -> str:
    return f"rules/{rule_id}/"


def practice_path(rule_id: str, practice_name: str) -> str:
    return f"{rule_path(rule_id)}#practice-{slug(practice_name)}"


def step_path(step_id: str) -> str:
    return f"roadmap/#step-{step_id}"
