"""Render playbook content into Markdown pages with the Jinja templates in templates/site.

Knows nothing about MkDocs: the glue in scripts/ passes pages through.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .addresses import PAGE_SOURCES, REFERENCE_PAGES, slug
from .content import Playbook
from .schema import Rule


def markdown_cell(text: str) -> str:
    """Make text safe inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _step_link(step, to_root: str) -> str:
    return f"[{step.title}]({to_root}roadmap.md#step-{step.id})"


def _anchor_link(item, page: str) -> str:
    """A link to an item with an id and a name on one of the generated pages."""
    return f"[{item.name}]({page}#{item.id})"


def _yaml_string(text: str) -> str:
    """A front-matter value: JSON strings are valid YAML and need no further escaping."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("revops", "templates"), undefined=StrictUndefined,
                      autoescape=False, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(cell=markdown_cell, front=_yaml_string, slug=slug,
                       step_link=_step_link, anchor_link=_anchor_link)
    env.globals.update(pages=PAGE_SOURCES)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(f"site/{template}").render(**context)


def rule_page(playbook: Playbook, rule: Rule) -> str:
    number = playbook.rules.index(rule) + 1
    return render("rule.md.j2", playbook=playbook, rule=rule, number=number, to_root="../",
                  steps=playbook.steps_advancing(rule.id),
                  questions=playbook.questions.get(rule.id, []))


def reference_page(playbook: Playbook, name: str, **context) -> str:
    """One generated reference page, e.g. name 'metrics' for the metric catalogue."""
    page = REFERENCE_PAGES[name]
    to_root = "../" * page.source.count("/")
    return render(page.template, playbook=playbook, ref=playbook.reference, page=page,
                  to_root=to_root, **context)
