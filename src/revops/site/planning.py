"""The planning model's tables for its reference page: the plan computed in
content/planning.py, turned into rows of text. Whole-currency rows are rounded so that they
add up to their rounded total (largest remainder), so every table reconciles as printed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from revops.content.planning import MONTHS, Plan, SegmentPlan, computed
from revops.content.planning_overlay import input_places
from revops.content.planning_schema import Assumption, CurveAssumption, PlanningModel
from revops.foundation.markdown import markdown_cell

# Input name -> how its value reads: a share, an amount of money, a count, months or a multiple.
SHARES = {"gross_retention", "expansion", "spread", "confidence", "attrition", "quota_buffer"}
SHARES |= {"share_of_new", "capacity_margin", "win_rate", "base_share", "variable_share", "cap"}
COUNTS = {"starting_reps", "hiring_pace"}


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns

    def markdown(self) -> str:
        align = " | ".join("---:" if right else "---" for right in self.numeric)
        lines = ["| " + " | ".join(self.headers) + " |", f"| {align} |"]
        lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in self.rows]
        return "\n".join(lines)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A table whose columns after the first are numbers, right-aligned."""
    numeric = tuple(i > 0 for i in range(len(headers)))
    return Table(tuple(headers), tuple(tuple(r) for r in rows), numeric)


def money(value: Fraction) -> str:
    return f"{round(value):,}"


def percent(value: Fraction | float, places: int = 1) -> str:
    text = f"{float(value) * 100:.{places}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def tenths(value: Fraction) -> str:
    return f"{float(value):.1f}"


def apportioned(values: Sequence[Fraction]) -> list[int]:
    """Whole numbers, each within one of its value, that add up to the rounded total."""
    total = round(sum(values, Fraction(0)))
    floors = [v.__floor__() for v in values]
    order = sorted(range(len(values)), key=lambda i: values[i] - floors[i], reverse=True)
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def with_total(values: Sequence[Fraction]) -> tuple[list[str], str]:
    rounded = apportioned(values)
    return [f"{v:,}" for v in rounded], f"{sum(rounded):,}"


def shown(name: str, value: float) -> str:
    if name in SHARES:
        return percent(value)
    if name in COUNTS:
        return f"{value:g}"
    if name == "backfill_lag":
        return f"{value:g} months"
    if name == "accelerator":
        return f"{value:g}×"
    return money(Fraction(str(value)))


def inputs(model: PlanningModel) -> Table:
    """Every input with its value and what it assumes, group by group."""
    parts = [("Target", model.target), ("Miss", model.miss), ("Team", model.team)]
    parts += [(segment.name, segment) for segment in model.segments]
    rows = []
    for group, part in parts:
        for name in type(part).model_fields:
            item = getattr(part, name)
            if isinstance(item, Assumption):
                rows.append((group, f"`{name}`", shown(name, item.value), item.assumes))
            elif isinstance(item, CurveAssumption):
                curve = " → ".join(percent(share) for share in item.value)
                rows.append((group, f"`{name}`", curve, item.assumes))
    return Table(("Group", "Input", "Value", "What it assumes"), tuple(rows), (False,) * 4)


def bookings(plan: Plan) -> Table:
    split, model = plan.bookings, plan.inputs.target
    parts, total = with_total([split.renewal, split.expansion, split.new])
    arithmetic = [
        f"{money(split.starting_arr)} × {percent(model.gross_retention.value)} gross retention",
        f"{money(split.starting_arr)} × {percent(model.expansion.value)} expansion",
        "target − kept − expansion",
    ]
    # "kept", not "renewal": starting ARR still contracted at year end includes contracts
    # not up for renewal this year, so it is larger than the year's renewal bookings
    names = ("Kept from starting ARR", "Expansion", "New")
    rows = list(zip(names, arithmetic, parts, strict=True))
    rows.append(("**Target: ARR at year end**", "", f"**{total}**"))
    headers = ("Bookings", "Arithmetic", plan.inputs.currency)
    return Table(headers, tuple(rows), (False, False, True))


def pipeline(plan: Plan, segment: SegmentPlan) -> Table:
    due, total = with_total([p.bookings for p in segment.pipeline])
    value, value_total = with_total([p.pipeline for p in segment.pipeline])
    rows = [
        (f"Q{p.quarter}", due[i], tenths(p.deals), tenths(p.opportunities), value[i])
        for i, p in enumerate(segment.pipeline)
    ]
    deals = sum((p.deals for p in segment.pipeline), Fraction(0))
    opportunities = sum((p.opportunities for p in segment.pipeline), Fraction(0))
    rows.append(("Year", total, tenths(deals), tenths(opportunities), value_total))
    headers = ("Quarter", "New bookings", "Won deals", "Opportunities", "Pipeline at start")
    return table(headers, rows)


def capacity(segment: SegmentPlan) -> Table:
    """Month by month: who is paid, how ramped they are, what they can close, their quota."""
    months = segment.months
    closes, closes_total = with_total([m.capacity for m in months])
    quota, quota_total = with_total([m.quota for m in months])
    rows = [
        (
            str(m.month),
            str(m.hires),
            tenths(m.backfills),
            tenths(m.paid),
            tenths(m.ramped_equivalent),
            tenths(m.leavers),
            closes[i],
            quota[i],
        )
        for i, m in enumerate(months)
    ]
    ramped = sum((m.ramped_equivalent for m in months), Fraction(0)) / MONTHS
    rows.append(("Year", str(segment.hires), "", "", f"{tenths(ramped)} avg", "", closes_total,
                 quota_total))  # fmt: skip
    headers = ("Month", "New roles", "Backfills", "Paid sellers", "Ramped equivalent")
    return table(headers + ("Leavers", "Capacity", "Quota"), rows)


def hiring(plan: Plan) -> Table:
    headers = ["Month"]
    for s in plan.segments:
        headers += [f"{s.name}: new roles", f"{s.name}: backfills", f"{s.name}: sellers"]
    rows = []
    for index in range(MONTHS):
        row = [str(index + 1)]
        for s in plan.segments:
            month = s.months[index]
            row += [str(month.hires), tenths(month.backfills), tenths(month.paid)]
        rows.append(row)
    year = ["Year"]
    for s in plan.segments:
        backfills = sum((m.backfills for m in s.months), Fraction(0))
        year += [str(s.hires), tenths(backfills), f"{tenths(s.months[-1].paid)} at the end"]
    return table(headers, [*rows, year])


def quota(plan: Plan) -> Table:
    rows = []
    for s, segment in zip(plan.segments, plan.inputs.segments, strict=True):
        rows.append(
            (
                s.name,
                money(Fraction(str(segment.ramped_productivity.value))),
                money(s.pay.quota),
                money(s.target),
                money(s.sized_for),
                money(s.capacity),
                money(s.quota_total),
                money(s.capacity - s.target),
            )
        )
    headers = ("Segment", "Ramped productivity", "Quota per ramped seller", "Target", "Sized for")
    return table(headers + ("Capacity", "Quota assigned", "Capacity − target"), rows)


def pay(plan: Plan) -> Table:
    rows = []
    for s in plan.segments:
        p = s.pay
        payouts: Sequence[str] = [f"{money(p.payout(a))} ({percent(a, 0)})" for a in p.examples]
        rows.append(
            (s.name, money(p.on_target_earnings), money(p.base), money(p.variable),
             money(p.quota), percent(p.rate, 2), percent(p.accelerated_rate, 2), *payouts)
        )  # fmt: skip
    headers = ("Segment", "OTE", "Base", "Variable", "Quota", "Commission rate")
    payouts = ("Payout at quota", "Payout halfway to cap", "Payout at cap")
    return table(headers + ("Rate above quota", *payouts), rows)


def cost(plan: Plan) -> Table:
    other = plan.other_costs
    at_target, total_at_target = with_total([*(s.pay_at_target for s in plan.segments), other])
    expected, total_expected = with_total([*(s.pay_expected for s in plan.segments), other])
    names = [f"{s.name} sellers' pay" for s in plan.segments] + ["Other sales costs"]
    rows: list[tuple[str, ...]] = [
        (name, at_target[i], expected[i]) for i, name in enumerate(names)
    ]
    rows.append(("**Total**", f"**{total_at_target}**", f"**{total_expected}**"))
    # each column divides by the bookings its attainment brings, so cost and bookings match
    # summed from the quota table's rounded figures, so the two tables agree to the unit
    booked = [
        sum(round(getattr(s, name)) for s in plan.segments) for name in ("quota_total", "capacity")
    ]
    rows.append(("New bookings at that attainment", *(f"{b:,}" for b in booked)))
    ratios = [plan.cost_of_sales_at_quota, plan.cost_of_sales]
    rows.append(("**Cost of sales**", *(f"**{float(r):.2f}**" for r in ratios)))
    return table(("Cost", "Every seller at quota", "At the plan's attainment"), rows)


def forecast(plan: Plan) -> Table:
    """Quarter by quarter; ARR is carried from the rounded figures, so each row adds up."""
    quarters = plan.forecast
    columns = [apportioned([getattr(q, name) for q in quarters]) for name in FORECAST_COLUMNS]
    arr, rows = round(plan.bookings.starting_arr), []
    for i, q in enumerate(quarters):
        new, low, expansion, churn = (column[i] for column in columns)
        arr += new + expansion - churn
        rows.append((f"Q{q.quarter}", f"{new:,}", f"{low:,}", f"{expansion:,}", f"−{churn:,}",
                     f"{arr:,}"))  # fmt: skip
    new, low, expansion, churn = (sum(column) for column in columns)
    rows.append(("Year", f"{new:,}", f"{low:,}", f"{expansion:,}", f"−{churn:,}", f"{arr:,}"))
    headers = ("Quarter", "New bookings", f"Low ({percent(plan.inputs.miss.confidence.value)})")
    return table(headers + ("Expansion", "Churn", "ARR at quarter end"), rows)


FORECAST_COLUMNS = ("new", "low", "expansion", "churn")


@dataclass(frozen=True)
class PlanningPage:
    """What the planning model's page shows: the plan and its tables."""

    plan: Plan
    inputs: Table
    bookings: Table
    pipelines: tuple[tuple[SegmentPlan, Table], ...]
    capacities: tuple[tuple[SegmentPlan, Table], ...]
    hiring: Table
    quota: Table
    pay: Table
    cost: Table
    forecast: Table
    overlay: str  # the company overlay's file name, "" for the playbook's inputs
    changed: tuple[str, ...]  # the inputs it sets, e.g. "segments.enterprise.win_rate"


def plan_of(model: PlanningModel) -> Plan:
    """The plan for `model`, computed once for the content's check, the planning page and the
    worked example of one build (all take the playbook's model; the plan is frozen)."""
    return computed(model)


def planning_page(model: PlanningModel, playbook: PlanningModel, overlay: str) -> PlanningPage:
    """The page for `model`: the playbook's inputs, or those a company overlay changed."""
    plan = plan_of(model)
    before, after = model_values(playbook), model_values(model)
    return PlanningPage(
        plan,
        inputs(model),
        bookings(plan),
        tuple((s, pipeline(plan, s)) for s in plan.segments),
        tuple((s, capacity(s)) for s in plan.segments),
        hiring(plan),
        quota(plan),
        pay(plan),
        cost(plan),
        forecast(plan),
        overlay,
        tuple(name for name in after if after[name] != before.get(name)),
    )


def model_values(model: PlanningModel) -> dict[str, object]:
    """Each input's name as an overlay gives it, and its value: tells which an overlay set."""
    data, values = model.model_dump(), {}
    for name, loc in input_places(model).items():
        item = data
        for part in loc:
            item = item[part]
        values[name] = item["value"]
    return values
