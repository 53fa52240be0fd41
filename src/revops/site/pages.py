"""Render playbook content into Markdown pages with the Jinja templates in templates/site.

Knows nothing about MkDocs: the glue in scripts/ passes pages through.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache, partial
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from revops.content import addresses
from revops.content.addresses import PAGE_SOURCES, REFERENCE_PAGES, TEMPLATE_ADDRESSES, slug
from revops.content.planning_overlay import planning_with_overlay
from revops.content.playbook import Playbook
from revops.content.schema import Rule
from revops.foundation.markdown import markdown_cell
from revops.site import pictures
from revops.site.generated import REFERENCE_INDEX, RULES_INDEX, GeneratedPage
from revops.site.planning import money, percent, plan_of, planning_page

PLANNING_FORMATS = SimpleNamespace(money=money, percent=percent)


def _reading(value: float, unit: str) -> str:
    """A threshold as a reader writes it: 0.85, 85%, 12 months."""
    if unit == "ratio":
        return f"{value:.2f}" if round(value, 2) == value else f"{value:g}"
    if unit == "percent":
        return f"{value:g}%"
    return f"{value:g} {unit.removesuffix('s') if value == 1 else unit}"


def reading_bands(thresholds) -> list[tuple[int, str]]:
    """Each level, lowest first, with the readings that suggest it, from a metric's
    `suggests` (reference_schema.LevelThresholds); a threshold belongs to its own level."""
    bars = {
        level: _reading(value, thresholds.unit)
        for level, value in sorted(thresholds.levels.items())
    }
    top = max(bars)
    more, less = ("or more", "under") if thresholds.higher_is_better else ("or less", "over")
    rows = [(min(bars) - 1, f"{less} {bars[min(bars)]}")]
    for level in sorted(bars):
        if level == top:
            rows.append((level, f"{bars[level]} {more}"))
        elif thresholds.higher_is_better:
            rows.append((level, f"{bars[level]} to under {bars[level + 1]}"))
        else:
            rows.append((level, f"over {bars[level + 1]} up to {bars[level]}"))
    return rows


def _link(item, kind: str, to_root: str) -> str:
    """A Markdown link to an item with an id, e.g. kind 'step': [its title or name](address)."""
    name = getattr(item, "title", None) or item.name
    return f"[{name}]({to_root}{TEMPLATE_ADDRESSES[kind](item.id)})"


def _yaml_string(text: str) -> str:
    """A front-matter value: JSON strings are valid YAML and need no further escaping."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("revops", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        cell=markdown_cell, front=_yaml_string, slug=slug, link=_link, bands=reading_bands
    )
    env.globals.update(
        pages=PAGE_SOURCES,
        address=SimpleNamespace(**TEMPLATE_ADDRESSES),
        picture=SimpleNamespace(
            operating_model=pictures.operating_model_svg,
            roadmap=pictures.roadmap_svg,
            interlocks=pictures.interlocks_svg,
            ladder=pictures.ladder_svg,
        ),
        figure=figure,
    )
    env.bytecode_cache = _bytecode_cache(env)
    return env


def _bytecode_cache(env: Environment) -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs, as Python keeps .pyc files: compiling them is
    the largest part of the content layer's own cost in a fresh build. An entry serves only
    the same template source, Jinja and Python version (Jinja checks these) and environment
    settings (the digest in its file name). REVOPS_TEMPLATE_CACHE=off turns it off."""
    if os.environ.get("REVOPS_TEMPLATE_CACHE") == "off":
        return None
    settings = (
        env.autoescape,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.undefined.__name__,
        sorted(env.filters),
        sorted(env.globals),
    )
    digest = hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
    try:
        return FileSystemBytecodeCache(pattern=f"__revops_{digest}_%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


def figure(svg: str) -> str:
    """A picture as a raw HTML block that Markdown leaves whole (a bare <svg> would land in a
    paragraph, and names in it could read as emphasis)."""
    return f'\n<figure class="revops-figure">\n{svg}\n</figure>\n\n'


def render(template: str, **context) -> str:
    return environment().get_template(f"site/{template}").render(**context)


def rule_page(playbook: Playbook, rule: Rule) -> str:
    number = playbook.rules.index(rule) + 1
    return render(
        "rule.md.j2",
        playbook=playbook,
        rule=rule,
        number=number,
        to_root="../",
        steps=playbook.steps_advancing(rule.id),
        questions=playbook.questions.get(rule.id, []),
    )


def reference_page(playbook: Playbook, name: str, **context) -> str:
    """One generated reference page, e.g. name 'metrics' for the metric catalogue."""
    page = REFERENCE_PAGES[name]
    to_root = "../" * page.source.count("/")
    return render(
        page.template,
        playbook=playbook,
        ref=playbook.reference,
        page=page,
        to_root=to_root,
        **context,
    )


def generated_pages(playbook: Playbook, overlay: Path | None = None) -> list[GeneratedPage]:
    """Every page made from the model, in nav order. Any site generator's glue can write
    these out or register them; the MkDocs hook does the latter."""
    pages = [
        GeneratedPage(
            addresses.rule(rule.id).source,
            rule.title,
            RULES_INDEX,
            playbook.rule_files[rule.id],
            partial(rule_page, playbook, rule),
        )
        for rule in playbook.rules
    ]
    for name, spec in REFERENCE_PAGES.items():
        pages.append(
            GeneratedPage(
                spec.source,
                spec.title,
                REFERENCE_INDEX,
                spec.yaml,
                partial(_reference_page_with_data, playbook, name, overlay),
            )
        )
    return pages


def _reference_page_with_data(playbook: Playbook, name: str, overlay: Path | None) -> str:
    if name == "worked_example":
        from revops.site.example import example_scores  # scoring is only needed for this page

        plan = plan_of(playbook.reference.planning)
        scores = example_scores(playbook)
        return reference_page(playbook, name, scores=scores, plan=plan, fmt=PLANNING_FORMATS)
    if name == "planning":
        model = playbook.reference.planning
        changed = planning_with_overlay(model, overlay) if overlay else model
        page = planning_page(changed, model, overlay.name if overlay else "")
        return reference_page(playbook, name, planning=page, fmt=PLANNING_FORMATS)
    return reference_page(playbook, name)
