"""The planning model: its arithmetic against figures worked out by hand, inputs that make no
sense refused by `revops validate` at their line, a company overlay's own plan, and the page."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest

from revops.content import planning
from revops.content.planning import compute
from revops.content.planning_overlay import planning_with_overlay
from revops.content.planning_schema import PlanningModel
from revops.foundation.problems import InvalidInput

from .conftest import revops
from .test_reference_site import page
from .test_site import PLAYBOOK


def note(value) -> dict:
    return {"value": value, "assumes": "A figure for the test."}


# A plan small enough to work out by hand. One segment, no attrition, a two-month ramp.
SMALL = {
    "company": "Test Company",
    "currency": "USD",
    "year": 2027,
    "summary": "A plan for the tests.",
    "target": {
        "starting_arr": note(10_000_000),
        "ending_arr": note(12_000_000),
        "gross_retention": note(0.9),
        "expansion": note(0.05),
    },
    "miss": {"spread": note(0.1), "confidence": note(0.5)},
    "team": {
        "attrition": note(0),
        "backfill_lag": note(0),
        "quota_buffer": note(0.2),
        "other_sales_costs": note(500_000),
    },
    "segments": [
        {
            "id": "direct",
            "name": "Direct",
            "share_of_new": note(1),
            "starting_reps": note(4),
            "hiring_pace": note(1),
            "capacity_margin": note(0),
            "ramped_productivity": note(600_000),
            "average_deal": note(25_000),
            "win_rate": note(0.25),
            "ramp": note([0.5, 1]),
            "on_target_earnings": note(200_000),
            "base_share": note(0.6),
            "variable_share": note(0.4),
            "accelerator": note(2),
            "cap": note(3),
        }
    ],
}


def small(**changes) -> PlanningModel:
    """The small plan with some inputs changed, e.g. team__attrition=0.12."""
    data = copy.deepcopy(SMALL)
    for name, value in changes.items():
        place = data
        *path, last = name.split("__")
        for part in path:
            place = place["segments"][0] if part == "segment" else place[part]
        place[last]["value"] = value
    return PlanningModel.model_validate(data)


def test_bookings_pipeline_capacity_and_hiring_by_hand():
    plan = compute(small())
    # renewal 10,000,000 × 0.9; expansion 10,000,000 × 0.05; new 12,000,000 − both
    assert plan.bookings.renewal == 9_000_000
    assert plan.bookings.expansion == 500_000
    assert plan.bookings.new == 2_500_000
    (segment,) = plan.segments
    # 4 ramped sellers close 4 × 600,000 = 2,400,000 < 2,500,000, so one hire is needed:
    # started in month 1 at half speed, then full: 0.5 × 50,000 + 11 × 50,000 = 575,000
    assert segment.hires == 1
    assert segment.months[0].capacity == 225_000  # (4 + 0.5) × 600,000 / 12
    assert segment.months[1].capacity == 250_000  # 5 × 50,000
    assert segment.capacity == 2_975_000  # 225,000 + 11 × 250,000
    # quota from capacity: 600,000 × 1.2 per ramped seller; 2,975,000 × 1.2 for the year
    assert segment.pay.quota == 720_000
    assert segment.quota_total == 3_570_000
    # confidence 0.5 gives z = 0, so no margin: coverage is 1 / 0.25
    assert plan.z == 0 and plan.margin == 1 and segment.coverage == 4
    # Q2 holds 750,000 of 2,975,000 capacity: 2,500,000 × 750 / 2975 of the target
    q2 = segment.pipeline[1]
    assert q2.bookings == Fraction(2_500_000 * 750, 2975)
    assert round(q2.bookings, 2) == Fraction("630252.10")
    assert round(q2.deals, 2) == Fraction("25.21")  # ÷ 25,000 a deal
    assert round(q2.opportunities, 2) == Fraction("100.84")  # ÷ 0.25 win rate
    assert round(q2.pipeline, 2) == Fraction("2521008.40")  # 100.84 × 25,000


def test_capacity_margin_sizes_the_hires_by_hand():
    # target 2,500,000 × 1.2 = 3,000,000 to hire for; one hire gives 2,975,000, short of it.
    # A second starts in month 2: months 1 and 2 at 4.5 and 5.5 sellers, then 6 for ten
    # months: (4.5 + 5.5 + 60) × 50,000 = 3,500,000
    (segment,) = compute(small(segment__capacity_margin=0.2)).segments
    assert segment.sized_for == 3_000_000 and segment.target == 2_500_000
    assert segment.hires == 2
    assert segment.capacity == 3_500_000
    # a margin of 0.1 (2,750,000) is met by the one hire, as with no margin
    assert compute(small(segment__capacity_margin=0.1)).segments[0].hires == 1


def test_pay_cost_and_forecast_by_hand():
    plan = compute(small())
    pay = plan.segments[0].pay
    # variable 200,000 × 0.4 = 80,000; rate 80,000 / 720,000; twice that above quota
    assert pay.variable == 80_000 and pay.rate == Fraction(1, 9)
    assert pay.payout(Fraction(1)) == 80_000
    assert pay.payout(Fraction(2)) == 240_000  # 80,000 + 720,000 × 2/9
    assert pay.payout(Fraction(3)) == 400_000  # 80,000 + 1,440,000 × 2/9, the cap
    assert pay.payout(Fraction(4)) == 400_000  # nothing above the cap
    # 5 sellers paid all year: 5 × 200,000 at quota; at 1/1.2 attainment
    # 5 × (120,000 + 80,000 / 1.2) = 933,333.33. Each cost is divided by the bookings its
    # attainment brings: at quota (1,000,000 + 500,000) / 3,570,000 of quota assigned; at the
    # plan's attainment (933,333.33 + 500,000) / 2,975,000 of capacity, not / 2,500,000 target
    assert plan.segments[0].pay_at_target == 1_000_000
    assert round(plan.cost_of_sales_at_quota, 4) == Fraction("0.4202")
    assert round(plan.cost_of_sales, 4) == Fraction("0.4818")
    # Q1: 10,000,000 + 725,000 new + 125,000 expansion − 250,000 churn
    assert plan.forecast[0].ending_arr == 10_600_000
    assert plan.forecast[-1].ending_arr == 12_475_000  # + 2,975,000 + 500,000 − 1,000,000
    assert all(holds for _, holds in plan.reconciliation)


def test_changing_attrition_and_lag_moves_capacity_by_hand():
    months = compute(small(team__attrition=0.12, team__backfill_lag=1)).segments[0].months
    # 1% leave each month end. Month 2: 3.96 + 0.99 sellers, all ramped
    assert months[0].leavers == Fraction("0.05")  # 5 × 0.01
    assert months[1].capacity == Fraction("4.95") * 50_000
    # Month 3: the 0.05 who left after month 1 are replaced, at half speed
    assert months[2].backfills == Fraction("0.05")
    assert months[2].capacity == (Fraction("3.9204") + Fraction("0.9801") + Fraction("0.025")) * (
        50_000
    )


def test_changing_the_target_or_confidence_moves_the_plan():
    plan = compute(small(target__ending_arr=12_100_000))
    assert plan.bookings.new == 2_600_000  # 100,000 more to sell
    assert plan.segments[0].hires == 1  # 2,975,000 still covers it
    margin = compute(small(miss__confidence=0.8))
    # z(0.8) = 0.8416 to four places: 1 / (1 − 0.8416 × 0.1) = 1 / 0.91584
    assert margin.z == Fraction("0.8416")
    assert margin.margin == 1 / Fraction("0.91584")
    assert round(margin.segments[0].coverage, 3) == Fraction("4.368")  # 1.0919 / 0.25


def test_a_broken_sum_stops_the_plan(monkeypatch):
    monkeypatch.setattr(planning, "reconcile", lambda plan: [("capacity adds up", False)])
    with pytest.raises(planning.PlanningError, match="does not reconcile: capacity adds up"):
        compute(small())


def test_validate_stops_when_the_arithmetic_does_not_reconcile(monkeypatch):
    from revops.content.loader import load_content
    from revops.content.planning_checks import planning_model_reconciles

    content = load_content(PLAYBOOK.root)
    assert list(planning_model_reconciles(content)) == []
    monkeypatch.setattr(planning, "reconcile", lambda plan: [("quota adds up", False)])
    # a model read afresh: the plan of one model object is computed once (planning.computed)
    (found,) = planning_model_reconciles(load_content(PLAYBOOK.root))
    assert found[0].file == "playbook/planning-model.yaml"
    assert "does not reconcile: quota adds up" in found[1]


BAD_INPUTS = [
    ("    win_rate:\n      value: 0.2\n", "    win_rate:\n      value: 1.2\n",
     "segment 'enterprise': 'win_rate' is 1.2; it must be a share above 0 and at most 1"),
    ("    value: 0.2\n    assumes: >-\n      Share of sellers",
     "    value: 1.2\n    assumes: >-\n      Share of sellers",
     "team: 'attrition' is 1.2; it must be a share of sellers from 0 to 1 (100%) a year"),
    ("value: [0.25, 0.5, 0.75, 1]", "value: [0.25, 0.5, 0.75, 0.9]",
     "segment 'mid-market': 'ramp' ends at 0.9; it must rise to 1 (full productivity)"),
    ("value: [0.25, 0.5, 0.75, 1]", f"value: [{', '.join(['0.5'] * 12)}, 1]",
     "segment 'mid-market': 'ramp' runs 13 months; a ramp within the year has at most 12"),
    ("      value: 0.5\n      assumes: Share of on-target earnings paid as commission",
     "      value: 0.45\n      assumes: Share of on-target earnings paid as commission",
     "segment 'mid-market': the pay mix 'base_share' 0.5 + 'variable_share' 0.45 = 0.95"),
    ("    value: 1400000", "    value: -1400000",
     "team: 'other_sales_costs' is -1,400,000; it must be an amount, 0 or more"),
    ("      value: 0.6\n", "      value: 0.5\n",
     "the segments' 'share_of_new' add up to 0.9; they must add up to 1"),
    ("    win_rate:\n      value: 0.25\n      assumes: Share of closed mid-market opportunities "
     "won, counted by deals, last four quarters.\n", "",
     "missing required field 'win_rate'; add it here"),
]  # fmt: skip


@pytest.mark.parametrize(
    "before, after, message",
    BAD_INPUTS,
    ids=["win-rate", "attrition", "ramp-short", "ramp-long", "pay-mix", "negative", "split",
         "missing"],
)  # fmt: skip
def test_validate_names_the_bad_input_and_its_place(project, before, after, message):
    path = project / "playbook" / "planning-model.yaml"
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    result = revops("validate", "--root", str(project))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if message in line]
    assert line.startswith("playbook/planning-model.yaml:")
    where = line.split(": ")[0].split(":")
    assert len(where) == 3 and all(part.isdigit() for part in where[1:])


def test_an_overlay_gives_a_company_its_own_plan(tmp_path):
    model = PLAYBOOK.reference.planning
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("planning:\n  target.ending_arr: 30500000\n", encoding="utf-8")
    own = compute(planning_with_overlay(model, overlay))
    before = compute(model)
    # 500,000 more ARR at year end is 500,000 more new bookings, split 60/40
    assert own.bookings.new == before.bookings.new + 500_000
    assert own.segments[0].target == before.segments[0].target + 300_000
    assert own.segments[1].target == before.segments[1].target + 200_000
    assert own.bookings.renewal == before.bookings.renewal  # nothing else moves


def test_an_overlays_bad_planning_input_is_refused_at_its_line(tmp_path):
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        "planning:\n  team.attrition: 0.3\n  segments.enterprise.win_rat: 0.3\n",
        encoding="utf-8",
    )
    result = revops("validate", "--overlay", str(overlay))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"{overlay}:3:3: unknown planning input 'segments.enterprise.win_rat'; did you mean "
        "'segments.enterprise.win_rate'?"
    ) in result.stderr
    overlay.write_text("planning:\n  segments.enterprise.cap: 0.5\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"overlay.yaml:2:28: segment 'enterprise': 'cap'"):
        planning_with_overlay(PLAYBOOK.reference.planning, overlay)


def test_the_page_shows_every_table_and_says_the_totals_reconcile(built_site):
    html = page(built_site, "planning")
    plan = compute(PLAYBOOK.reference.planning)
    for heading in (
        "Inputs", "Bookings by type", "Pipeline needed", "Capacity by month", "Hiring plan",
        "Quota and buffer", "Pay plan", "Cost of sales", "The forecast the plan implies",
    ):  # fmt: skip
        assert f">{heading}<" in html
    assert html.count("<table>") >= 10
    assert "The totals reconcile." in html
    assert f"{round(plan.bookings.new):,}" in html  # 6,480,000 of new bookings
    assert f"{round(plan.segments[0].capacity):,}" in html
    example = page(built_site, "worked_example")
    assert 'href="../planning-model/"' in example
    assert f"{round(plan.bookings.target):,}" in example


def test_the_page_built_with_an_overlay_shows_the_companys_plan(tmp_path):
    from revops.site.pages import generated_pages

    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("planning:\n  target.ending_arr: 30500000\n", encoding="utf-8")
    (planning_page,) = [
        p for p in generated_pages(PLAYBOOK, overlay) if p.source.endswith("planning-model.md")
    ]
    text = planning_page.render()
    assert 'Adapted by the company overlay overlay.yaml"' in text
    assert "`target.ending_arr`." in text
    assert "| **Target: ARR at year end** |  | **30,500,000** |" in text
    assert "| New | target − kept − expansion | 6,980,000 |" in text  # 6,480,000 + 500,000
