"""Render playbook content into Markdown pages with the Jinja templates in templates/site.

Knows nothing about MkDocs: the glue in scripts/ passes pages through.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .content import Playbook, slug
from .schema import Rule


def markdown_cell(text: str) -> str:
    """Make text safe inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _yaml_string(text: str) -> str:
    """A front-matter value: JSON strings are valid YAML and need no further escaping."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("revops", "templates"), undefined=StrictUndefined,
                      autoescape=False, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(cell=markdown_cell, front=_yaml_string, slug=slug)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(f"site/{template}").render(**context)


def rule_page(playbook: Playbook, rule: Rule) -> str:
    number = playbook.rules.index(rule) + 1
    return render("rule.md.j2", playbook=playbook, rule=rule, number=number,
                  steps=playbook.steps_advancing(rule.id),
                  questions=playbook.questions.get(rule.id, []))
