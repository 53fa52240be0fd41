"""`revops plan`: rules in the advice's order with the largest gap next, a level at a time,
placed by quarter within each function's load; each figure below worked out by hand."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json

import pytest

from revops.advice.assessment import advise
from revops.advice.plan import make_plan, quarter_end
from revops.advice.targets import OPTION, Target
from revops.answers.respondents import Respondent, Responses
from revops.scoring import fast

from .conftest import ROOT, revops
from .test_csv_injection import formula_cells, overlay_adding

BANK = json.loads((ROOT / "tests/cases/bank.json").read_text(encoding="utf-8"))
OWNERS = {
    "pipe-stages": "Sales",
    "pipe-reviews": "Sales",
    "pipe-forecast": "Sales",
    "hand-sla": "Sales",
    "hand-feedback": "Marketing",
    "tool-crm": "RevOps",
}


def linked_bank() -> dict:
    bank = copy.deepcopy(BANK)
    for rule in bank["rules"]:
        for question in rule["questions"]:
            owner = OWNERS[question["id"]]
            question["plan"] = {
                "process": "p",
                "owner": owner.lower(),
                "owner_name": owner,
                "forum": "f",
                "forum_name": "Weekly review",
                "metric": "m",
                "metric_name": "Win rate",
            }
    return bank


def planned(load: int = 2, quarters: int = 2):
    """Ann: pipeline (1 + 2 + 2) / 3 = 1.67, handoffs (2 + 3) / 2 = 2.5, tooling 2.0; every
    rule aims at 3, so the gaps are 1.33, 0.5 and 1.0."""
    bank = linked_bank()
    answers = {"pipe-stages": 1, "pipe-reviews": 2, "pipe-forecast": 2}
    answers |= {"hand-sla": 2, "hand-feedback": 3, "tool-crm": 2}
    people = Responses([Respondent("ann.yaml", "T", None, "Ann", "sales", answers)])
    result = fast.score(bank, people)
    targets = {rule: Target(3, OPTION) for rule in ("pipeline", "handoffs", "tooling")}
    assessment = advise(bank, result, targets=targets)
    return make_plan(bank, assessment, dt.date(2027, 1, 1), quarters, load)


def test_rules_by_gap_a_level_at_a_time_the_weakest_question_first():
    """Pipeline first (gap 1.33): to 2 only pipe-stages (1) is below; to 3, stages, reviews,
    forecast. Tooling (gap 1.0) next, then handoffs (0.5), where hand-feedback is at 3."""
    plan = planned(load=9)
    assert [(i.rule_id, i.level, i.question_id) for i in plan.items] == [
        ("pipeline", 2, "pipe-stages"),
        ("pipeline", 3, "pipe-stages"),
        ("pipeline", 3, "pipe-reviews"),
        ("pipeline", 3, "pipe-forecast"),
        ("tooling", 3, "tool-crm"),
        ("handoffs", 3, "hand-sla"),
    ]
    first = plan.items[0]
    assert (first.owner, first.forum, first.metric) == ("Sales", "Weekly review", "Win rate")
    assert first.action == "S2"  # the question's option at level 2


def test_items_fill_each_functions_load_quarter_by_quarter_and_mark_an_overload():
    """Load 2: Sales takes pipe-stages twice in Q1, reviews and forecast in Q2; RevOps' CRM
    item fits Q1; Sales' handoffs item fits nowhere, so it goes in Q2, overloaded."""
    plan = planned(load=2)
    assert [(i.question_id, i.quarter, i.overloaded) for i in plan.items] == [
        ("pipe-stages", 1, False),
        ("pipe-stages", 1, False),
        ("pipe-reviews", 2, False),
        ("pipe-forecast", 2, False),
        ("tool-crm", 1, False),
        ("hand-sla", 2, True),
    ]
    assert [(o.owner, o.quarter, o.items, o.load) for o in plan.overloads] == [("Sales", 2, 3, 2)]


def test_a_level_never_comes_before_the_level_below_it():
    """Load 1: pipe-stages to 2 takes Sales' Q1; to 3 it cannot go earlier than Q1 and Q1 is
    full, so Q2; reviews and forecast then overload Q2, never Q1."""
    plan = planned(load=1)
    pipeline = [(i.level, i.quarter) for i in plan.items if i.rule_id == "pipeline"]
    assert pipeline == [(2, 1), (3, 2), (3, 2), (3, 2)]
    for item in plan.items:
        before = [o for o in plan.items if o.rule_id == item.rule_id and o.level < item.level]
        assert all(o.quarter <= item.quarter for o in before)


def test_due_dates_are_the_last_day_of_each_three_month_period():
    plan = planned(load=2)
    assert {i.quarter: i.due for i in plan.items} == {
        1: dt.date(2027, 3, 31),
        2: dt.date(2027, 6, 30),
    }
    assert quarter_end(dt.date(2026, 6, 30), 1) == dt.date(2026, 9, 29)
    assert quarter_end(dt.date(2027, 11, 30), 1) == dt.date(2028, 2, 28)  # no 30 February
    assert quarter_end(dt.date(2027, 1, 15), 8) == dt.date(2029, 1, 14)
    for item in plan.items:
        assert dt.date(2027, 1, 1) <= item.due <= quarter_end(dt.date(2027, 1, 1), 2)


Q1 = "assessment/examples/leadership-team-2026-q1.csv"
Q2 = "assessment/examples/leadership-team-2026-q2.csv"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarters", "0"], "--quarters must be 1 to 8, not 0"),
        (["--quarters", "9"], "--quarters must be 1 to 8, not 9"),
        (["--load", "0"], "--load must be 1 or more, not 0"),
        (["--start", "30/06/2026"], "--start"),
        (["--target", "alignment=9"], "the target must be a level from 1 to 5"),
        (
            ["--stage", "scale-up", "--start", "9999-10-01"],
            "start: a plan from 9999-10-01 over 2 quarters ends after 9999",
        ),
    ],
)
def test_bad_options_exit_2_and_write_nothing(tmp_path, args, message):
    out = tmp_path / "plan.csv"
    result = revops("plan", Q2, "--format", "csv", "--output", str(out), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_a_plan_may_end_in_the_last_month_a_date_holds(tmp_path):
    out = tmp_path / "plan.csv"
    result = revops(
        "plan",
        Q2,
        "--stage",
        "scale-up",
        "--start",
        "9999-06-30",
        "--format",
        "csv",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "12/29/9999" in out.read_text(encoding="utf-8")  # quarter 2: the day before 9999-12-30


def test_the_plan_is_written_whole_with_the_tracker_header(tmp_path):
    out = tmp_path / "plan.csv"
    result = revops(
        "plan", Q2, "--previous", Q1, "--stage", "scale-up", "--format", "csv", "--output", str(out)
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == [
        "Summary",
        "Description",
        "Due Date",
        "Labels",
        "Labels",
        "Labels",
        "Owner",
        "Quarter",
        "Question",
    ]
    assert len(rows) > 1 and all(len(row) == 9 for row in rows)
    assert {row[2] for row in rows[1:]} <= {"09/29/2026", "12/29/2026"}


def test_a_plan_without_targets_says_how_to_get_them():
    result = revops("plan", Q2)
    assert result.returncode == 0
    assert "no rule has a target" in result.stderr and "--stage" in result.stderr


def test_an_overlay_question_cannot_start_a_formula_in_the_tracker_csv(tmp_path):
    """The overlay's question is answered 1 by a leader; its text becomes a plan item's
    title. Read back as a spreadsheet reads it, no cell starts a formula."""
    overlay = overlay_adding(tmp_path, '=HYPERLINK("http://x.example","Open the guide")')
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "team: T\ndate: 2026-06-30\nrespondent: {name: Ann, role: sales}\n"
        "answers:\n  acme-payload: 1\n  alignment-shared-funnel: 2\n"
        "  alignment-shared-targets: 2\n  alignment-lead-handoff: 2\n",
        encoding="utf-8",
    )
    result = revops(
        "plan",
        str(answers),
        "--overlay",
        str(overlay),
        "--target",
        "alignment=3",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    assert "HYPERLINK" in result.stdout
    assert formula_cells(result.stdout) == []


def test_the_plan_in_html_alone_and_inside_the_html_report(tmp_path):
    args = (Q2, "--stage", "scale-up")
    plan = revops("plan", *args, "--format", "html")
    assert plan.returncode == 0, plan.stderr
    report = revops("score", *args, "--format", "html").stdout
    data = json.loads(revops("score", *args, "--format", "json").stdout)["plan"]
    first = data["items"][0]
    for html in (plan.stdout, report):
        assert "<h2>Improvement plan</h2>" in html
        assert html.count("<li><strong>") >= len(data["items"])
        assert f"<h3>Quarter 1, due {first['due']}</h3>" in html
    markdown = revops("plan", *args, "--format", "markdown").stdout
    assert markdown.count("- [ ] **") == len(data["items"])


def test_an_overload_says_how_many_quarters_the_function_needs():
    """The example team's plan overloads RevOps at a load of 4; the warning names the fewest
    quarters its items take at the load, and with that many nothing is overloaded."""
    busy = ("plan", Q2, "--stage", "scale-up", "--load", "4")
    out = revops(*busy, "--format", "json")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    owned = sum(item["owner"] == "RevOps" for item in plan["items"])
    need = -(-owned // plan["load"])
    assert plan["overloads"] and 2 < need <= 8
    assert (
        f"RevOps carries {owned} items: at --load 4 they need at least {need} quarters "
        f"(--quarters {need})"
    ) in out.stderr
    roomy = revops(*busy, "--quarters", str(need), "--format", "json")
    assert json.loads(roomy.stdout)["overloads"] == []
    assert "carries" not in roomy.stderr
