"""The planning model's arithmetic: from the inputs in playbook/planning-model.yaml to bookings,
pipeline, capacity, hiring, quota, pay, cost of sales and the forecast the plan implies.

Pure functions of the inputs. Sums are kept as exact fractions, so a total is the sum of its
parts to the cent and the reconciliation at the end is an equality, not a tolerance; only
the page rounds. Capacity comes from productivity and quota from capacity plus the buffer,
never the reverse."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist

from revops.content.planning_schema import PlanningModel, Segment

MONTHS = 12
QUARTERS = ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12))


def exact(number: float) -> Fraction:
    """A YAML number as the decimal its text shows (0.1 is one tenth, not a binary float)."""
    return Fraction(str(number))


@dataclass(frozen=True)
class Bookings:
    starting_arr: Fraction
    target: Fraction  # ARR on the last day of the year
    renewal: Fraction  # starting ARR kept: starting ARR x gross retention
    expansion: Fraction  # starting ARR x expansion share
    new: Fraction  # what is left of the target for new customers

    @property
    def churn(self) -> Fraction:
        return self.starting_arr - self.renewal


@dataclass(frozen=True)
class Month:
    """One month of one segment's sales team."""

    month: int
    hires: int  # new roles starting this month
    backfills: Fraction  # sellers replacing leavers, in expected full-time sellers
    paid: Fraction  # sellers on the payroll this month
    leavers: Fraction  # expected to leave at the month's end
    ramped_equivalent: Fraction  # sellers weighted by their share of full productivity
    capacity: Fraction  # new bookings the team can close this month
    quota: Fraction  # quota assigned for the month


@dataclass(frozen=True)
class Pay:
    on_target_earnings: Fraction
    base: Fraction
    variable: Fraction
    quota: Fraction  # a ramped seller's annual quota
    rate: Fraction  # commission per unit of bookings up to quota: variable / quota
    accelerated_rate: Fraction  # above quota, up to the cap
    cap: Fraction  # attainment above which nothing more is paid

    def payout(self, attainment: Fraction) -> Fraction:
        """Variable pay at an attainment (1 = 100% of quota)."""
        if attainment <= 1:
            return self.rate * self.quota * attainment
        above = min(attainment, self.cap) - 1
        return self.variable + self.accelerated_rate * self.quota * above

    @property
    def examples(self) -> tuple[Fraction, ...]:
        """The attainments the page shows: quota, halfway to the cap, and the cap."""
        return (Fraction(1), (1 + self.cap) / 2, self.cap)


@dataclass(frozen=True)
class Pipeline:
    quarter: int
    bookings: Fraction  # the segment's new-bookings target for the quarter
    deals: Fraction  # won deals needed: bookings / average deal
    opportunities: Fraction  # closed opportunities needed: deals / win rate
    pipeline: Fraction  # opportunity value at the quarter's start, with the margin


@dataclass(frozen=True)
class SegmentPlan:
    id: str
    name: str
    target: Fraction  # new bookings this segment is to sell
    sized_for: Fraction  # the target plus the capacity margin: what hiring aims at
    hires: int  # new roles the plan opens
    months: tuple[Month, ...]
    cohort_capacity: Fraction  # the year's capacity summed seller by seller
    pay: Pay
    pipeline: tuple[Pipeline, ...]
    coverage: Fraction  # pipeline / bookings at each quarter's start
    pay_at_target: Fraction  # a year's pay if every seller reaches quota
    pay_expected: Fraction  # a year's pay at the attainment the plan expects

    @property
    def capacity(self) -> Fraction:
        return sum((m.capacity for m in self.months), Fraction(0))

    @property
    def quota_total(self) -> Fraction:
        return sum((m.quota for m in self.months), Fraction(0))

    def quarter(self, months: tuple[int, ...]) -> Fraction:
        return sum((m.capacity for m in self.months if m.month in months), Fraction(0))


@dataclass(frozen=True)
class Quarter:
    quarter: int
    new: Fraction  # new bookings the team's capacity delivers
    low: Fraction  # the same at the chosen confidence, with the miss spread taken off
    expansion: Fraction
    churn: Fraction
    ending_arr: Fraction


@dataclass(frozen=True)
class Plan:
    inputs: PlanningModel
    bookings: Bookings
    z: Fraction  # the normal quantile of the chosen confidence
    margin: Fraction  # pipeline multiplier for the miss: 1 / (1 - z x spread)
    buffer: Fraction
    segments: tuple[SegmentPlan, ...]
    other_costs: Fraction
    forecast: tuple[Quarter, ...]

    @property
    def capacity(self) -> Fraction:
        return sum((s.capacity for s in self.segments), Fraction(0))

    @property
    def pay_expected(self) -> Fraction:
        return sum((s.pay_expected for s in self.segments), Fraction(0))

    @property
    def quota_total(self) -> Fraction:
        return sum((s.quota_total for s in self.segments), Fraction(0))

    @property
    def pay_at_target(self) -> Fraction:
        return sum((s.pay_at_target for s in self.segments), Fraction(0))

    @property
    def cost_of_sales(self) -> Fraction:
        """Sales cost per unit of new bookings when sellers close at capacity: the pay that
        attainment earns plus other costs, over the bookings it brings (capacity)."""
        return (self.pay_expected + self.other_costs) / self.capacity

    @property
    def cost_of_sales_at_quota(self) -> Fraction:
        """The same if every seller reaches quota: pay at target over the quota assigned."""
        return (self.pay_at_target + self.other_costs) / self.quota_total

    @property
    def reconciliation(self) -> list[tuple[str, bool]]:
        """Each total the page shows, and whether it equals the sum it stands for."""
        return reconcile(self)


class PlanningError(ValueError):
    """The inputs give no plan (or the plan does not reconcile): says why."""


def bookings(model: PlanningModel) -> Bookings:
    target = model.target
    starting = exact(target.starting_arr.value)
    renewal = starting * exact(target.gross_retention.value)
    expansion = starting * exact(target.expansion.value)
    ending = exact(target.ending_arr.value)
    return Bookings(starting, ending, renewal, expansion, ending - renewal - expansion)


def miss_margin(model: PlanningModel) -> tuple[Fraction, Fraction]:
    """(z, margin): if quarterly bookings miss plan by a normal spread σ, pipeline sized for
    plan / (1 - z σ) reaches plan with the chosen confidence."""
    z = exact(round(NormalDist().inv_cdf(model.miss.confidence.value), 4))
    return z, 1 / (1 - z * exact(model.miss.spread.value))


def ramp_share(segment: Segment, tenure: int) -> Fraction:
    """Share of full productivity in a month of tenure (1 = the first month)."""
    curve = segment.ramp.value
    return exact(curve[tenure - 1]) if tenure <= len(curve) else Fraction(1)


def hiring_starts(hires: int, pace: int) -> dict[int, int]:
    """Month -> new roles starting then: as many as the pace allows, from the first month."""
    starts: dict[int, int] = {}
    for month in range(1, MONTHS + 1):
        starts[month] = min(pace, hires - sum(starts.values()))
    return starts


def simulate(model: PlanningModel, segment: Segment, hires: int) -> tuple[list[Month], Fraction]:
    """One segment's year month by month, and its capacity summed seller group by group.

    A leaver goes at a month's end; the seat is filled `backfill_lag` months later by a
    seller who starts the ramp again. Leavers are expected values, so they are fractions."""
    monthly_attrition = exact(model.team.attrition.value) / MONTHS
    lag = int(model.team.backfill_lag.value)
    productivity = exact(segment.ramped_productivity.value) / MONTHS
    quota = productivity * (1 + exact(model.team.quota_buffer.value))
    starts = hiring_starts(hires, int(segment.hiring_pace.value))
    groups: list[list] = [[-MONTHS * 10, exact(segment.starting_reps.value), Fraction(0)]]
    backfills: dict[int, Fraction] = {}
    months = []
    for month in range(1, MONTHS + 1):
        backfill = backfills.get(month, Fraction(0))
        groups += [[month, Fraction(starts[month]), Fraction(0)], [month, backfill, Fraction(0)]]
        ramped = Fraction(0)
        for group in groups:
            weighted = group[1] * ramp_share(segment, month - group[0] + 1)
            ramped += weighted
            group[2] += weighted * productivity  # this group's capacity so far
        paid = sum((group[1] for group in groups), Fraction(0))
        for group in groups:
            group[1] *= 1 - monthly_attrition
        leavers = paid * monthly_attrition
        if month + 1 + lag <= MONTHS:
            backfills[month + 1 + lag] = backfills.get(month + 1 + lag, Fraction(0)) + leavers
        months.append(
            Month(
                month, starts[month], backfill, paid, leavers, ramped, ramped * productivity,
                ramped * quota,
            )
        )  # fmt: skip
    return months, sum((group[2] for group in groups), Fraction(0))


def hires_needed(model: PlanningModel, segment: Segment, target: Fraction) -> int:
    """The fewest new roles whose capacity, with the starting team, reaches the target; the
    most the hiring pace allows in a year if none does (the page then shows the gap)."""
    most = int(segment.hiring_pace.value) * MONTHS
    low, high = 0, most
    while low < high:  # capacity grows with every hire, so the fewest is found by halving
        middle = (low + high) // 2
        months, _ = simulate(model, segment, middle)
        if sum((m.capacity for m in months), Fraction(0)) >= target:
            high = middle
        else:
            low = middle + 1
    return low


def pay_plan(model: PlanningModel, segment: Segment) -> Pay:
    ote = exact(segment.on_target_earnings.value)
    variable = ote * exact(segment.variable_share.value)
    quota = exact(segment.ramped_productivity.value) * (1 + exact(model.team.quota_buffer.value))
    rate = variable / quota
    return Pay(
        ote,
        ote * exact(segment.base_share.value),
        variable,
        quota,
        rate,
        rate * exact(segment.accelerator.value),
        exact(segment.cap.value),
    )


def pipeline_needed(
    segment: Segment, target: Fraction, months: list[Month], margin: Fraction
) -> tuple[Pipeline, ...]:
    """Each quarter's share of the target (in proportion to the capacity that quarter) and
    the deals, opportunities and pipeline it takes."""
    capacity = sum((m.capacity for m in months), Fraction(0))
    win_rate, deal = exact(segment.win_rate.value), exact(segment.average_deal.value)
    rows = []
    for number, quarter in enumerate(QUARTERS, start=1):
        share = sum((m.capacity for m in months if m.month in quarter), Fraction(0))
        due = target * share / capacity if capacity else Fraction(0)
        deals = due / deal
        rows.append(Pipeline(number, due, deals, deals / win_rate, due / win_rate * margin))
    return tuple(rows)


def segment_plan(model: PlanningModel, segment: Segment, new: Fraction, margin: Fraction):
    target = new * exact(segment.share_of_new.value)
    # capacity equal to the target meets it about half the time: hire for the margin above it
    sized_for = target * (1 + exact(segment.capacity_margin.value))
    hires = hires_needed(model, segment, sized_for)
    months, by_group = simulate(model, segment, hires)
    pay = pay_plan(model, segment)
    paid_months = sum((m.paid for m in months), Fraction(0)) / MONTHS  # seller-years
    buffer = exact(model.team.quota_buffer.value)
    return SegmentPlan(
        segment.id,
        segment.name,
        target,
        sized_for,
        hires,
        tuple(months),
        by_group,
        pay,
        pipeline_needed(segment, target, months, margin),
        margin / exact(segment.win_rate.value),
        paid_months * pay.on_target_earnings,
        paid_months * (pay.base + pay.variable / (1 + buffer)),  # attainment = 1 / (1 + buffer)
    )


def forecast(split: Bookings, segments: tuple[SegmentPlan, ...], z_spread: Fraction):
    """ARR quarter by quarter if the team sells at capacity, with expansion and churn spread
    evenly over the year."""
    arr, rows = split.starting_arr, []
    for number, quarter in enumerate(QUARTERS, start=1):
        new = sum((s.quarter(quarter) for s in segments), Fraction(0))
        expansion, churn = split.expansion / 4, split.churn / 4
        arr += new + expansion - churn
        rows.append(Quarter(number, new, new * (1 - z_spread), expansion, churn, arr))
    return tuple(rows)


def compute(model: PlanningModel) -> Plan:
    """The whole plan from its inputs. Raises PlanningError if it does not reconcile."""
    split = bookings(model)
    z, margin = miss_margin(model)
    segments = tuple(segment_plan(model, s, split.new, margin) for s in model.segments)
    z_spread = z * exact(model.miss.spread.value)
    plan = Plan(
        model,
        split,
        z,
        margin,
        exact(model.team.quota_buffer.value),
        segments,
        exact(model.team.other_sales_costs.value),
        forecast(split, segments, z_spread),
    )
    failed = [statement for statement, holds in reconcile(plan) if not holds]
    if failed:
        raise PlanningError("the planning model does not reconcile: " + "; ".join(failed))
    return plan


_computed: dict[int, tuple[PlanningModel, Plan]] = {}


def computed(model: PlanningModel) -> Plan:
    """compute(model), once for the same model object: a build checks the plan, then shows it
    on two pages (the model and the plan are frozen)."""
    kept = _computed.get(id(model))
    if kept is None or kept[0] is not model:
        if len(_computed) > 1:  # a served site's earlier builds: no longer shown
            _computed.clear()
        kept = _computed[id(model)] = (model, compute(model))
    return kept[1]


def reconcile(plan: Plan) -> list[tuple[str, bool]]:
    """Every total checked against the parts it is the sum of."""
    split, buffer = plan.bookings, plan.buffer
    checks = [
        (
            "renewal, expansion and new bookings add up to the ARR target",
            split.renewal + split.expansion + split.new == split.target,
        ),
        (
            "the segments' new-bookings targets add up to new bookings",
            sum((s.target for s in plan.segments), Fraction(0)) == split.new,
        ),
    ]
    for s in plan.segments:
        checks += [
            (f"{s.name}: monthly capacity adds up to the year's", s.capacity == s.cohort_capacity),
            (
                f"{s.name}: quota assigned = capacity × (1 + buffer)",
                s.quota_total == s.capacity * (1 + buffer),
            ),
            (
                f"{s.name}: quarterly pipeline targets add up to the segment's",
                sum((p.bookings for p in s.pipeline), Fraction(0)) == s.target,
            ),
        ]
    ending = plan.forecast[-1].ending_arr
    checks.append(
        (
            "the forecast's year-end ARR = target + capacity beyond new bookings",
            ending == split.target + plan.capacity - split.new,
        )
    )
    return checks
