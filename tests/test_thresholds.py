"""A metric's `suggests`: thresholds that turn a reading into the maturity level it suggests
for one rule. The shipped ones are honest, a broken one is refused at its line, and the
metric catalogue shows them."""

from __future__ import annotations

import copy
import dataclasses
import json
import re

import jsonschema
import pytest
import yaml

from revops.answers.readings import level_for
from revops.content.playbook import load_playbook
from revops.content.reference_schema import LevelThresholds
from revops.site.pages import reading_bands, reference_page

from .conftest import ROOT
from .test_reference_site import page
from .test_validate import edit, validate

PLAYBOOK = load_playbook(ROOT)
SUGGESTING = {m.id: m.suggests for m in PLAYBOOK.reference.metrics.values() if m.suggests}
REVOPS = "playbook/metrics/revops.yaml"
# The start of forecast accuracy's thresholds, which the broken copies below change.
FORECAST = (
    "      rule: data-and-insights\n      higher_is_better: true\n      unit: ratio\n"
    "      levels:\n        2: 0.70\n        3: 0.80\n        4: 0.90\n        5: 0.95\n"
    "      basis: heuristic\n"
)


SOURCE = (
    "        publisher: A survey house\n        report: A survey\n        year: 2024\n"
    "        sample: 100 companies\n        url: https://example.org/survey\n"
    "        read_in: primary\n"
)
PUBLICATION = {
    "publisher": "A survey house",
    "report": "A payback survey",
    "year": 2024,
    "sample": "100 companies",
    "url": "https://example.org/survey",
    "read_in": "primary",
}


def thresholds(higher: bool = True, levels=None, **extra) -> LevelThresholds:
    levels = levels or (
        {2: 0.7, 3: 0.8, 4: 0.9, 5: 0.95} if higher else {2: 24, 3: 18, 4: 12, 5: 6}
    )
    return LevelThresholds.model_validate(
        {
            "rule": "measurement",
            "higher_is_better": higher,
            "unit": "ratio" if higher else "months",
            "levels": levels,
            "basis": "heuristic",
            "note": "Assumed.",
            "reasoning": "Chosen.",
            **extra,
        }
    )


def test_shipped_thresholds_cover_several_rules_and_name_no_invented_source():
    assert 6 <= len(SUGGESTING) <= 12
    assert len({s.rule for s in SUGGESTING.values()}) >= 6  # most rules can be checked
    for metric_id, suggests in SUGGESTING.items():
        # The rule the reading speaks for lists the metric, so its page links to it.
        assert metric_id in PLAYBOOK.rule(suggests.rule).metrics, metric_id
        if suggests.basis == "heuristic":
            assert suggests.source is None
        assert suggests.note.strip() and suggests.reasoning.strip(), metric_id


def as_bank_spec(suggests: LevelThresholds) -> dict:
    """The thresholds as the question bank carries them to the scorer (bank.readings)."""
    return {
        "higher_is_better": suggests.higher_is_better,
        "levels": {str(level): bar for level, bar in suggests.levels.items()},
    }


def test_a_reading_suggests_the_highest_level_whose_threshold_it_reaches():
    higher = as_bank_spec(thresholds())
    assert [level_for(higher, r) for r in (0.2, 0.7, 0.79, 0.8, 0.9, 0.95, 1.0)] == [
        1,
        2,
        2,
        3,
        4,
        5,
        5,
    ]
    lower = as_bank_spec(thresholds(higher=False))
    assert [level_for(lower, r) for r in (30, 24, 20, 18, 12, 6, 1)] == [1, 2, 2, 3, 4, 5, 5]


def test_the_page_bands_read_in_the_stated_direction():
    assert reading_bands(thresholds()) == [
        (1, "under 0.70"),
        (2, "0.70 to under 0.80"),
        (3, "0.80 to under 0.90"),
        (4, "0.90 to under 0.95"),
        (5, "0.95 or more"),
    ]
    assert reading_bands(thresholds(higher=False))[::4] == [
        (1, "over 24 months"),
        (5, "6 months or less"),
    ]
    assert reading_bands(thresholds(higher=False))[2] == (3, "over 12 months up to 18 months")


def line_in_forecast(project, fragment: str) -> int:
    """The line of the first fragment after forecast accuracy's id."""
    lines = (project / REVOPS).read_text(encoding="utf-8").splitlines()
    start = lines.index("  - id: forecast-accuracy")
    return next(i for i, line in enumerate(lines[start:], start + 1) if fragment in line)


# (forecast accuracy's thresholds broken, the text the message points at, the message)
BROKEN = [
    (
        FORECAST.replace("4: 0.90", "4: 0.78"),
        "        4: 0.78",
        "'levels': level 4's threshold 0.78 breaks the order: it must be above level 3's 0.8, "
        "since higher readings are better",
    ),
    (
        FORECAST.replace("higher_is_better: true", "higher_is_better: false"),
        "        3: 0.80",
        "'levels': level 3's threshold 0.8 breaks the order: it must be below level 2's 0.7, "
        "since lower readings are better",
    ),
    (
        FORECAST.replace("        4: 0.90\n", ""),
        "      levels:",
        "'levels': missing threshold for level 4; give one for each of levels 2, 3, 4 and 5",
    ),
    (
        FORECAST.replace("      levels:\n", "      levels:\n        1: 0.50\n"),
        "        1: 0.50",
        "'levels': no threshold for level 1",
    ),
    (
        FORECAST.replace("basis: heuristic", "basis: source"),
        "      basis: source",
        "'basis': basis 'source' needs its source (publisher, report, year, sample, url and "
        "read_in); add a source, or say basis: heuristic",
    ),
    (
        FORECAST + "      source:\n" + SOURCE,
        "      source:",
        "'source': a heuristic names no source; remove source, or say basis: source",
    ),
    (
        FORECAST.replace("rule: data-and-insights", "rule: data-and-insight"),
        "data-and-insight",
        "unknown rule 'data-and-insight'; did you mean 'data-and-insights'? rule ids are defined "
        "in playbook/rules/",
    ),
]


@pytest.mark.parametrize(
    "new, line_text, message",
    BROKEN,
    ids=[
        "not-increasing",
        "not-decreasing",
        "missing-level",
        "level-1",
        "source-basis-without-source",
        "heuristic-with-source",
        "unknown-rule",
    ],
)
def test_a_broken_threshold_gives_one_message_at_its_place(project, new, line_text, message):
    """An ordering or basis problem points at its key; an unknown rule at the value."""
    edit(project, REVOPS, FORECAST, new)
    code, err = validate(project)
    assert code == 1
    problems = [line for line in err.splitlines() if line.startswith("playbook/")]
    line = line_in_forecast(project, line_text)
    text = (project / REVOPS).read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index(line_text.strip()) + 1
    assert len(problems) == 1, err
    assert problems[0].startswith(f"{REVOPS}:{line}:{column}: {message}"), err


def test_the_json_schema_asks_a_source_basis_for_its_source():
    schema = json.loads((ROOT / "schemas/metrics.schema.json").read_text(encoding="utf-8"))
    data = json.loads(
        json.dumps(yaml.safe_load((ROOT / REVOPS).read_text(encoding="utf-8")), default=str)
    )
    jsonschema.validate(data, schema)
    broken = copy.deepcopy(data)
    suggests = next(m["suggests"] for m in broken["metrics"] if "suggests" in m)
    suggests["basis"] = "source"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    suggests["source"] = dict(PUBLICATION)
    jsonschema.validate(broken, schema)
    suggests["source"]["read_in"] = "secondary"  # a secondary page is named
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    suggests["source"].update(page="A page", page_publisher="A blog")
    jsonschema.validate(broken, schema)


def test_a_sourced_threshold_names_its_source_and_year_on_the_page():
    metric = PLAYBOOK.reference.metrics["cac-payback"]
    sourced = thresholds(
        higher=False,
        basis="source",
        source=PUBLICATION,
    )
    metrics = {
        **PLAYBOOK.reference.metrics,
        metric.id: metric.model_copy(update={"suggests": sourced}),
    }
    playbook = dataclasses.replace(
        PLAYBOOK, reference=dataclasses.replace(PLAYBOOK.reference, metrics=metrics)
    )
    section = reference_page(playbook, "metrics").split("{ #cac-payback}", 1)[1]
    section = section.split("\n### ", 1)[0]
    assert (
        "come from a published source: A survey house, [*A payback survey*]"
        "(https://example.org/survey) (2024). Sample: 100 companies." in section
    )
    assert "heuristic" not in section
    assert "| 5 Optimising | 6 months or less |" in section


def test_catalogue_shows_what_a_reading_suggests(built_site):
    html = page(built_site, "metrics")
    for metric_id in PLAYBOOK.reference.metrics:
        section = html.split(f'id="{metric_id}"', 1)[1].split("<h3", 1)[0]
        suggests = SUGGESTING.get(metric_id)
        assert ("What a reading suggests" in section) == bool(suggests), metric_id
        if not suggests:
            continue
        assert f'href="../../rules/{suggests.rule}/"' in section
        assert "the playbook&rsquo;s heuristic" in section or "the playbook's heuristic" in section
        table = section.split("What a reading suggests", 1)[1].split("</table>", 1)[0]
        rows = re.findall(r"<tr>\s*<td>(\d) ([^<]+)</td>\s*<td>([^<]+)</td>", table)
        assert [int(level) for level, _, _ in rows] == [1, 2, 3, 4, 5]
        assert [name for _, name, _ in rows] == [PLAYBOOK.level(n).name for n in range(1, 6)]
        assert rows[-1][2].endswith("or more" if suggests.higher_is_better else "or less")
