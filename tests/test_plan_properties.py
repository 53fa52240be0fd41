"""Properties of `revops plan` over random answers, targets, starts, quarters and loads:
dates inside the quarters, no function over the load unless marked, a level never before
the level below, and only rules below their target (test_plan.py has the hand-worked cases)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from revops.advice.assessment import advise
from revops.advice.plan import make_plan, quarter_end
from revops.advice.targets import OPTION, Target
from revops.answers.respondents import Respondent, Responses
from revops.scoring import fast

from .test_plan import OWNERS, linked_bank

BANK = linked_bank()
RULES = [rule["id"] for rule in BANK["rules"]]
answer = st.one_of(st.integers(1, 5), st.none(), st.just("n/a"))
answers = st.fixed_dictionaries({question: answer for question in OWNERS})
targets = st.fixed_dictionaries({rule: st.integers(1, 5) for rule in RULES})
starts = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))


def plan_for(people, aims, start, quarters, load):
    responses = Responses(
        Respondent(f"{n}.yaml", "T", None, f"P{n}", "sales", given)
        for n, given in enumerate(people)
    )
    result = fast.score(BANK, responses)
    chosen = {rule: Target(level, OPTION) for rule, level in aims.items()}
    assessment = advise(BANK, result, targets=chosen)
    return assessment, make_plan(BANK, assessment, start, quarters, load)


@given(
    st.lists(answers, min_size=1, max_size=4),
    targets,
    starts,
    st.integers(1, 8),
    st.integers(1, 4),
)
def test_a_plan_keeps_its_dates_loads_and_order(people, aims, start, quarters, load):
    assessment, plan = plan_for(people, aims, start, quarters, load)
    last = quarter_end(start, quarters)
    for item in plan.items:
        assert 1 <= item.quarter <= quarters
        assert item.due == quarter_end(start, item.quarter)
        assert start < item.due <= last
        assert not item.overloaded or item.quarter == quarters
        rule = next(r for r in assessment.result.rules if r.id == item.rule_id)
        target = assessment.targets[item.rule_id]
        assert not target.met and rule.level is not None
        assert rule.level < item.level <= target.target.level
        below = [o for o in plan.items if o.rule_id == item.rule_id and o.level < item.level]
        assert all(o.quarter <= item.quarter for o in below)
    placed = Counter((i.owner, i.quarter) for i in plan.items if not i.overloaded)
    assert all(count <= load for count in placed.values())
    carried = Counter((i.owner, i.quarter) for i in plan.items)
    assert {(o.owner, o.quarter): o.items for o in plan.overloads} == {
        key: count for key, count in carried.items() if count > load
    }
    marked = {(i.owner, i.quarter) for i in plan.items if i.overloaded}
    assert marked <= {(o.owner, o.quarter) for o in plan.overloads}


@given(st.lists(answers, min_size=1, max_size=4), targets, starts, st.integers(1, 8))
def test_the_load_moves_items_between_quarters_but_never_adds_or_drops_one(
    people, aims, start, quarters
):
    _, tight = plan_for(people, aims, start, quarters, 1)
    _, loose = plan_for(people, aims, start, quarters, 3)
    steps = sorted((i.rule_id, i.level, i.question_id) for i in tight.items)
    assert steps == sorted((i.rule_id, i.level, i.question_id) for i in loose.items)


@given(starts, st.integers(1, 8))
def test_quarters_end_in_order_three_months_apart(start, quarters):
    ends = [quarter_end(start, q) for q in range(1, quarters + 1)]
    assert ends == sorted(set(ends))
    for q, end in enumerate(ends, start=1):
        following = end + dt.timedelta(days=1)  # the day the next quarter starts
        months = (following.year - start.year) * 12 + following.month - start.month
        assert months == 3 * q
        assert following.day == start.day or following.day < start.day  # a short month
