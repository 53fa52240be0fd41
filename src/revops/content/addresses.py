"""Where things live on the site: one place for every page path and anchor, used by the page
templates (as the Jinja global `address`), the MkDocs hook, the reports and the browser bank.

Each address is a Markdown page under docs/ plus an optional heading anchor. Templates link
to the Markdown source, which MkDocs checks and rewrites; reports and the bank need the
served URL relative to the site root, derived from the same source."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from revops.foundation.ids import ID_CHARACTERS


def slug(text: str) -> str:
    """An id-shaped anchor made from a name, e.g. a practice name."""
    return re.sub(rf"[^{ID_CHARACTERS}]+", "-", text.lower()).strip("-")


class Address(NamedTuple):
    source: str  # the Markdown page under docs/, e.g. "rules/forecasting.md"
    anchor: str = ""  # the heading id on that page, without '#'

    def __str__(self) -> str:
        """The Markdown link target relative to docs/: what templates write after to_root."""
        return f"{self.source}#{self.anchor}" if self.anchor else self.source

    @property
    def url(self) -> str:
        """The served address relative to the site root (MkDocs directory URLs)."""
        page = self.source.removesuffix(".md")
        page = "" if page == "index" else page.removesuffix("/index") + "/"
        return f"{page}#{self.anchor}" if self.anchor else page


class ReferencePage(NamedTuple):
    source: str  # the Markdown path the hook generates, under docs/
    title: str  # its nav entry
    template: str  # in templates/site/
    yaml: str  # what a contributor edits to change it
    description: str  # for search engines and the reference index


# The reference pages the hook generates, in nav order.
REFERENCE_PAGES = {
    "metrics": ReferencePage(
        "reference/metrics.md",
        "Metric catalogue",
        "metrics.md.j2",
        "playbook/metrics/",
        "Every metric the playbook uses, defined once: formula, window, how to read it, the "
        "usual mistakes, and where it is used.",
    ),
    "rhythm": ReferencePage(
        "reference/operating-rhythm.md",
        "Operating rhythm",
        "rhythm.md.j2",
        "playbook/operating-rhythm.yaml",
        "Each recurring revenue forum once, with its cadence, attendees, inputs, agenda, "
        "decisions and metrics, and the one intake route for requests to RevOps.",
    ),
    "team": ReferencePage(
        "reference/team.md",
        "RevOps team design",
        "team.md.j2",
        "playbook/team.yaml",
        "A charter outline, whom RevOps reports to and the trade-offs, how requests come in, "
        "the team's shape by stage, and a RACI for the core revenue processes.",
    ),
    "stages": ReferencePage(
        "reference/stages.md",
        "By stage and motion",
        "stages.md.j2",
        "playbook/stages.yaml",
        "What to do first, what to postpone, which roles exist and which metrics matter most, "
        "by company stage and by sales motion.",
    ),
    "domains": ReferencePage(
        "reference/domains.md",
        "Core domains",
        "domains.md.j2",
        "playbook/domains.yaml",
        "Forecasting, go-to-market planning, compensation design, quote-to-cash and "
        "attribution, each with practices, pitfalls and its metrics.",
    ),
    "planning": ReferencePage(
        "reference/planning-model.md",
        "Planning model",
        "planning-model.md.j2",
        "playbook/planning-model.yaml",
        "From a revenue target to bookings, pipeline, capacity, hiring, quota, pay and cost of "
        "sales, computed from labelled inputs, with the forecast the plan implies.",
    ),
    "tech_stack": ReferencePage(
        "reference/tech-stack.md",
        "Tech stack",
        "tech-stack.md.j2",
        "playbook/tech-stack.yaml",
        "The categories of revenue system, which one holds the truth for which data, and "
        "where they must integrate. Vendor-neutral.",
    ),
    "anti_patterns": ReferencePage(
        "reference/anti-patterns.md",
        "Anti-patterns",
        "anti-patterns.md.j2",
        "playbook/anti-patterns.yaml",
        "Failure patterns that cut across the rules: symptoms, why they happen, the rules "
        "they break and the way out.",
    ),
    "worked_example": ReferencePage(
        "reference/worked-example.md",
        "Worked example",
        "worked-example.md.j2",
        "playbook/worked-example.yaml",
        "An example company taken from its assessment to a 90-day plan, with its forums, "
        "dashboard, a metric dictionary entry, an experiment brief and a post-mortem.",
    ),
}
# Markdown source paths by short name, for links written in templates.
PAGE_SOURCES = {name: page.source for name, page in REFERENCE_PAGES.items()}
ROADMAP = "roadmap.md"  # hand-written; its steps come from the roadmap macro


def rule(rule_id: str) -> Address:
    """A rule's generated page."""
    return Address(f"rules/{rule_id}.md")


def practice(rule_id: str, practice_name: str) -> Address:
    return Address(rule(rule_id).source, f"practice-{slug(practice_name)}")


def rule_practices(rule_id: str) -> Address:
    """The practices section of a rule's page."""
    return Address(rule(rule_id).source, "practices")


def assessment_question(question_id: str) -> Address:
    """A question on the assessment page."""
    return Address("assessment/index.md", f"question-{question_id}")


def step(step_id: str) -> Address:
    return Address(ROADMAP, f"step-{step_id}")


def metric(metric_id: str) -> Address:
    return Address(PAGE_SOURCES["metrics"], metric_id)


def metric_owner(function_id: str) -> Address:
    """The metric catalogue's group of metrics one function owns."""
    return Address(PAGE_SOURCES["metrics"], f"owner-{function_id}")


def metric_group(group: str) -> Address:
    """The metric catalogue's part for one group: revenue metrics or RevOps' own process."""
    return Address(PAGE_SOURCES["metrics"], f"group-{group}")


def forum(forum_id: str) -> Address:
    return Address(PAGE_SOURCES["rhythm"], forum_id)


def intake() -> Address:
    """The one route for requests to RevOps, on the operating rhythm page."""
    return Address(PAGE_SOURCES["rhythm"], "intake")


def stage(stage_id: str) -> Address:
    return Address(PAGE_SOURCES["stages"], stage_id)


def stage_guide(stage_id: str) -> Address:
    """The operating guide at the end of a stage's section, where it has one."""
    return Address(PAGE_SOURCES["stages"], f"{stage_id}-guide")


def guide_topic(stage_id: str, topic_id: str) -> Address:
    return Address(PAGE_SOURCES["stages"], f"{stage_id}-{topic_id}")


def motion(motion_id: str) -> Address:
    return Address(PAGE_SOURCES["stages"], motion_id)


def domain(domain_id: str) -> Address:
    return Address(PAGE_SOURCES["domains"], domain_id)


def system(category_id: str) -> Address:
    """A category of revenue system on the tech-stack page."""
    return Address(PAGE_SOURCES["tech_stack"], category_id)


# What templates call as `address.<kind>(...)`: `{{ to_root }}{{ address.rule(id) }}` in a
# link, `{ #{{ address.step(id).anchor }}}` on the heading it points at.
TEMPLATE_ADDRESSES: dict[str, Callable[..., Address]] = {
    kind.__name__: kind
    for kind in (
        rule,
        practice,
        rule_practices,
        assessment_question,
        step,
        metric,
        metric_owner,
        metric_group,
        forum,
        intake,
        stage,
        stage_guide,
        guide_topic,
        motion,
        domain,
        system,
    )
}


# Served URLs, for reports and the browser bank.
def rule_path(rule_id: str) -> str:
    return rule(rule_id).url


def practice_path(rule_id: str, practice_name: str) -> str:
    return practice(rule_id, practice_name).url


def step_path(step_id: str) -> str:
    return step(step_id).url
