"""Ids, page paths and anchors are defined once (revops/foundation/ids.py,
revops/content/addresses.py) and the schemas, rule file names, `revops new`, the templates
and the browser bank all use them."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from revops.bank.build import bank
from revops.content import addresses
from revops.content.addresses import Address, practice_path, rule_path, slug, step_path
from revops.content.playbook import RULE_FILE, load_playbook
from revops.foundation.ids import ID_MAX_LENGTH, ID_PATTERN, is_id
from revops.site.pages import reference_page, render, rule_page

from .conftest import ROOT, revops

PLAYBOOK = load_playbook(ROOT)
TEMPLATES = sorted((ROOT / "src/revops/templates/site").glob("*.j2"))

# How a link target in a site template may begin: an address from addresses.py, a reference
# page by name, the reference index's own loop, or a published source's URL.
ALLOWED_TARGETS = (
    "{{ to_root }}{{ address.",
    "#{{ address.",
    "{{ to_root }}{{ pages.",
    "{{ to_root }}{{ page.source }}",
    "{{ r.url }}",
)
# Pieces of an address typed by hand: a rule path, a prefixed anchor, a page with an anchor
# glued on, a Markdown file name.
HAND_TYPED = re.compile(r"rules/|#(?:step|practice|owner)-|\}\}#|[\w-]\.md\b")
HEADING_ANCHOR = re.compile(r"\{ #([^\s}]+)\}")


def hand_typed_addresses(text: str) -> list[str]:
    found = [match.group(0) for match in HAND_TYPED.finditer(text)]
    found += [
        text[m.start() : m.end() + 30]
        for m in re.finditer(r"\]\(", text)
        if not text.startswith(ALLOWED_TARGETS, m.end())
    ]
    return found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_site_template_types_an_address_by_hand(template):
    assert hand_typed_addresses(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "line",
    [
        "-   **[{{ rule.title }}]({{ to_root }}rules/{{ rule.id }}.md)**",
        "### {{ practice.name }} { #practice-{{ practice.name | slug }}}",
        "- [{{ step.title }}](../roadmap.md#step-{{ step.id }}): {{ step.purpose | cell }}",
        "## {{ loop.index }}. {{ step.title }} { #step-{{ step.id }}}",
        "Motion: [{{ m.name }}]({{ to_root }}{{ pages.stages }}#{{ ex.motion }}).",
        "| [{{ source.name }}](#{{ source.id }}) |",
        "- [{{ function.name }}](#owner-{{ function.id }}):",
    ],
)
def test_the_template_check_catches_addresses_typed_by_hand(line):
    assert hand_typed_addresses(line), line


def test_served_urls_keep_the_shape_reports_and_the_bank_use():
    assert rule_path("forecasting") == "rules/forecasting/"
    assert (
        practice_path("forecasting", "Hold a weekly call!")
        == "rules/forecasting/#practice-hold-a-weekly-call"
    )
    assert step_path("baseline") == "roadmap/#step-baseline"
    assert addresses.metric("arr").url == "reference/metrics/#arr"
    assert str(addresses.metric("arr")) == "reference/metrics.md#arr"
    assert str(addresses.rule("forecasting")) == "rules/forecasting.md"
    assert Address("index.md").url == ""
    assert Address("reference/index.md", "x").url == "reference/#x"


def _headings() -> dict[str, set[str]]:
    """The heading anchors of every generated page, by Markdown source under docs/."""
    pages = {addresses.rule(rule.id).source: rule_page(PLAYBOOK, rule) for rule in PLAYBOOK.rules}
    pages[addresses.ROADMAP] = render("roadmap.md.j2", playbook=PLAYBOOK, to_root="")
    for name in ("metrics", "rhythm", "stages", "domains", "tech_stack"):
        pages[addresses.PAGE_SOURCES[name]] = reference_page(PLAYBOOK, name)
    found = defaultdict(set)
    for source, text in pages.items():
        found[source].update(HEADING_ANCHOR.findall(text))
    return found


def _every_address() -> list[Address]:
    ref = PLAYBOOK.reference
    found = [addresses.intake()]
    for rule in PLAYBOOK.rules:
        found += [addresses.rule_practices(rule.id)]
        found += [addresses.practice(rule.id, p.name) for p in rule.practices]
    found += [addresses.step(s.id) for s in PLAYBOOK.roadmap.steps]
    found += [addresses.metric(i) for i in ref.metrics]
    found += [addresses.metric_owner(f.id) for f, items in ref.metrics_by_owner("revenue") if items]
    found += [addresses.metric_group(m.group) for m in ref.metrics.values()]
    found += [addresses.forum(i) for i in ref.forums]
    found += [addresses.stage(s.id) for s in ref.stages.stages]
    found += [addresses.motion(m.id) for m in ref.stages.motions]
    found += [addresses.domain(d.id) for d in ref.domains.domains]
    found += [addresses.system(c.id) for c in ref.tech_stack.categories]
    return found


def test_every_address_is_a_heading_on_its_page():
    headings = _headings()
    every = _every_address()
    missing = [str(a) for a in every if a.anchor not in headings[a.source]]
    assert missing == []
    assert len(every) > 100  # the check saw the real content


def test_every_path_in_the_browser_bank_is_a_page_or_heading():
    served = {
        Address(source, anchor).url for source, anchors in _headings().items() for anchor in anchors
    }
    served |= {Address(source).url for source in _headings()}
    paths = [
        path
        for rule in bank(PLAYBOOK)["rules"]
        for path in [rule["path"]] + [item["path"] for item in rule["practices"] + rule["steps"]]
    ]
    assert [path for path in paths if path not in served] == []
    assert any("#practice-" in path for path in paths) and any("#step-" in p for p in paths)


def test_the_published_schemas_carry_the_one_id_pattern():
    schema = json.loads((ROOT / "schemas/rule.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["id"]["pattern"] == ID_PATTERN
    assert schema["properties"]["id"]["maxLength"] == ID_MAX_LENGTH


@pytest.mark.parametrize(
    "text, valid",
    [
        ("pipeline-coverage", True),
        ("a", True),
        ("q2-2024", True),
        ("a" * ID_MAX_LENGTH, True),
        ("", False),
        ("Bad", False),
        ("a--b", False),
        ("-a", False),
        ("a-", False),
        ("a_b", False),
        ("a\n", False),
        ("a" * (ID_MAX_LENGTH + 1), False),
    ],
)
def test_what_an_id_is(text, valid):
    assert is_id(text) is valid


def test_rule_file_names_use_the_id_pattern():
    assert RULE_FILE.match("11-win-rate.yaml").group(1, 2) == ("11", "win-rate")
    for name in ("1-win-rate.yaml", "11-Win.yaml", "11-win--rate.yaml", "11-win.yml"):
        assert RULE_FILE.match(name) is None, name


def test_practice_anchors_are_ids():
    assert slug("Hold a weekly forecast call!") == "hold-a-weekly-forecast-call"
    names = [p.name for rule in PLAYBOOK.rules for p in rule.practices]
    assert [name for name in names if not is_id(slug(name))] == []


def test_new_refuses_an_id_longer_than_the_schema_allows(project):
    too_long = "a" * (ID_MAX_LENGTH + 1)
    result = revops("new", "rule", too_long, "--root", str(project))
    assert result.returncode == 2
    assert f"'{too_long}' is not a valid id" in result.stderr
    assert f"at most {ID_MAX_LENGTH} characters" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((project / "playbook/rules").glob("11-*"))
