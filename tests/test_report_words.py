"""Reports in a leader's words: question texts and metric names where ids were, the ids kept in
the JSON report, as Markdown link targets and as HTML tooltips; the terminal within 100
columns, tried on the longest texts."""

from __future__ import annotations

import json
import math

from revops.content.playbook import load_playbook
from revops.reports import render
from revops.reports.terminal import WIDTH

from .conftest import ROOT, revops

PLAYBOOK = load_playbook(ROOT)
EXAMPLES = ROOT / "assessment/examples"
Q1, Q2 = EXAMPLES / "leadership-team-2026-q1.csv", EXAMPLES / "leadership-team-2026-q2.csv"
LONGEST_QUESTION = max((q.text for q in PLAYBOOK.all_questions), key=len)
LONGEST_TITLE = max((r.title for r in PLAYBOOK.rules), key=len)


def report_of(*args: str) -> dict:
    result = revops(
        "score",
        str(Q2),
        "--previous",
        str(Q1),
        "--stage",
        "scale-up",
        "--reading",
        "data-completeness=0.74",
        "--format",
        "json",
        *args,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def longest(report: dict) -> dict:
    """The report with every text that a line holds made as long as content allows, and
    longer: titles past the rule column, long names, six earlier assessments."""
    for rule in report["rules"]:
        rule["title"] = LONGEST_TITLE + " and a Second Clause Past the Column"
        rule["misaligned"] = True
        for reading in rule.get("readings") or []:
            reading["name"] = "Share of opportunities with a complete and verified next step"
    for rec in report["recommendations"]:
        rec["title"] = LONGEST_TITLE
        for claim in rec["unevidenced"]["claims"]:
            claim["question"] = LONGEST_QUESTION
            claim["respondent"] = "Maximiliane Alexandra von Hohenzollern-Sigmaringen"
    report["team"] = "Northwind Software International Holdings, Revenue Operations EMEA " * 2
    earlier = report["history"][0]
    report["history"] = [{**earlier, "date": f"2025-0{month}-28"} for month in range(1, 7)]
    return report


def test_the_terminal_keeps_within_100_columns_on_the_longest_texts():
    for report in (report_of(), longest(report_of())):
        lines = render(report, "terminal").splitlines()
        too_long = [
            line for line in lines if len(line) > WIDTH and not line.strip().startswith("<http")
        ]
        assert not too_long, too_long
    text = render(longest(report_of()), "terminal")
    assert "The earliest 4 assessments left out here to fit" in text
    assert "Maximiliane Alexandra von" in text


def test_words_where_ids_were_and_ids_kept_as_links_and_tooltips():
    report = report_of()
    claim = next(
        claim for rec in report["recommendations"] for claim in rec["unevidenced"]["claims"]
    )
    assert claim["question_id"] and claim["question"]  # the JSON report keeps both
    terminal = " ".join(render(report, "terminal").split())
    assert "Data completeness 0.74 suggests level 3" in terminal
    assert "data-completeness" not in terminal and claim["question_id"] not in terminal
    markdown = render(report, "markdown")
    assert (
        "[Data completeness](https://revops-playbook.github.io/revops-playbook/reference/metrics/"
        "#data-completeness) 0.74 suggests level 3" in markdown
    )
    assert f"/assessment/#question-{claim['question_id']}) ({claim['respondent']}, " in markdown
    html = render(report, "html")
    assert '<span title="data-completeness">Data completeness</span> 0.74' in html
    assert f'({claim["question_id"]})">' in html
    moved = report["moved"][0]
    assert f'<li title="{moved["question_id"]}">{moved["question"]} ' in html.replace("&#39;", "'")
    assert f"/assessment/#question-{moved['question_id']}) {moved['previous']:.2f} -> " in markdown


def test_a_long_question_is_shortened_where_claims_are_listed_and_whole_in_its_tooltip():
    report = longest(report_of())
    terminal = " ".join(render(report, "terminal").split())
    assert LONGEST_QUESTION not in terminal.split("Check first:")[1].split("Roadmap:")[0]
    assert "…" in terminal
    html = render(report, "html")
    assert f'title="{LONGEST_QUESTION} (' in html.replace("&#39;", "'")


def rules_answered(tmp_path, count: int) -> str:
    """An id CSV where one person answers every question of the first `count` rules at 2."""
    ids = [q.id for rule in PLAYBOOK.rules[:count] for q in PLAYBOOK.questions[rule.id]]
    path = tmp_path / f"rules-{count}.csv"
    path.write_text(
        "respondent,role,team,date," + ",".join(ids) + "\n"
        "Ann,sales,T,2026-06-30," + ",".join("2" for _ in ids) + "\n",
        encoding="utf-8",
    )
    return str(path)


def test_the_headline_gives_a_level_only_once_enough_rules_have_a_score(tmp_path):
    """As the page says it: below min_answered_fraction of the rules, the mean and what it
    averages, and no level; at it, the level and how many rules it covers."""
    total = len(PLAYBOOK.rules)
    needed = math.ceil(PLAYBOOK.scoring.min_answered_fraction * total)
    partial = (
        f"2.00 across 2 of {total} rules; answer more for an overall level"
        f" (it needs a score in {needed} of the {total} rules)"
    )
    two = rules_answered(tmp_path, 2)
    terminal = " ".join(revops("score", two).stdout.split())
    assert f"Overall {partial}" in terminal
    assert "level 2 Emerging" not in terminal.split("Rule")[0]
    markdown = revops("score", two, "--format", "markdown").stdout
    assert f"**Overall: 2.00 across 2 of {total} rules**; answer more" in markdown
    html = " ".join(revops("score", two, "--format", "html").stdout.split())
    assert f"<strong>2.00 across 2 of {total} rules</strong>; answer more" in html
    enough = " ".join(revops("score", rules_answered(tmp_path, needed)).stdout.split())
    assert f"Overall 2.00 level 2 Emerging, across {needed} of {total} rules" in enough


def test_the_profile_is_named_as_the_playbook_names_it():
    report = report_of("--motion", "sales-led")
    assert report["profile"] == {
        "stage": "scale-up",
        "stage_name": "Scale-up",
        "motion": "sales-led",
        "motion_name": "Sales-led",
    }
    terminal = revops("score", str(Q2), "--stage", "scale-up", "--motion", "sales-led").stdout
    assert "What to do next, for the Scale-up stage, the Sales-led motion" in terminal
