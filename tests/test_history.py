"""History over many assessments: --previous given several times, in any order."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.content.playbook import load_playbook
from revops.foundation.problems import InvalidInput
from revops.previous import Earlier, in_order

from .conftest import ROOT, examples
from .test_score_cli import TEAM_Q1, TEAM_Q2, score, write

PLAYBOOK = load_playbook(ROOT)
RULE = "continuous-improvement"
QUESTIONS = [q.id for q in PLAYBOOK.questions[RULE]]  # four, weight 1 each


def leader(tmp_path, date: str, levels: list[int]) -> str:
    answers = "".join(f"  {q}: {level}\n" for q, level in zip(QUESTIONS, levels, strict=True))
    return write(tmp_path, f"{date}.yaml", f"team: Northwind\ndate: {date}\nanswers:\n{answers}")


def report_of(*args: str) -> dict:
    result = score(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_three_earlier_assessments_in_any_order_make_one_history(tmp_path):
    now = leader(tmp_path, "2026-06-30", [4, 4, 3, 2])  # 3.25
    march = leader(tmp_path, "2026-03-31", [2, 4, 3, 2])  # 2.75
    last_year = leader(tmp_path, "2025-12-31", [2, 2, 2, 2])  # 2.00
    autumn = leader(tmp_path, "2025-09-30", [1, 1, 2, 2])  # 1.50
    report = report_of(now, "--previous", march, "--previous", autumn, "--previous", last_year)
    assert report["schema_version"] == 3
    assert [(h["date"], h["overall"], h["rules"][RULE]) for h in report["history"]] == [
        ("2025-09-30", 1.5, 1.5),
        ("2025-12-31", 2.0, 2.0),
        ("2026-03-31", 2.75, 2.75),
    ]
    assert report["comparison"]["overall"] == {"previous": 2.75, "current": 3.25, "delta": 0.5}
    # since March only the first question moved: 2 -> 4
    assert report["moved"] == [
        {
            "question_id": QUESTIONS[0],
            "question": PLAYBOOK.questions[RULE][0].text,
            "previous": 2.0,
            "current": 4.0,
            "delta": 2.0,
        }
    ]
    terminal = score(now, "--previous", march, "--previous", autumn, "--previous", last_year).stdout
    lines = terminal.splitlines()
    row = lines[next(i for i, line in enumerate(lines) if line.startswith("History")) + 1]
    assert row.split()[1:] == ["1.50", "2.00", "2.75", "3.25"]
    assert "What moved most since 2026-03-31" in terminal
    html = score(now, "--previous", march, "--previous", autumn, "--format", "html").stdout
    assert html.count("<polyline") == 2  # overall and the one rule scored each time
    assert 'aria-label="Overall: 1.50, 2.75, 3.25"' in html


def test_moved_lists_the_largest_changes_first(tmp_path):
    report = report_of(str(TEAM_Q2), "--previous", str(TEAM_Q1))
    deltas = [abs(change["delta"]) for change in report["moved"]]
    assert deltas == sorted(deltas, reverse=True) and len(deltas) == 5
    q1 = report_of(str(TEAM_Q1))
    means = {q: m for rule in q1["rules"] for q, m in rule["question_means"].items()}
    for change in report["moved"]:
        assert change["previous"] == round(means[change["question_id"]], 2)


def test_an_earlier_assessment_dated_like_the_current_one_is_refused(tmp_path):
    out = tmp_path / "report.json"
    now = leader(tmp_path, "2026-06-30", [4, 4, 3, 2])
    same = write(tmp_path, "same.yaml", (tmp_path / "2026-06-30.yaml").read_text(encoding="utf-8"))
    result = score(now, "--previous", same, "--format", "json", "--output", str(out))
    assert result.returncode == 1 and not out.exists()
    assert (
        f"{same}: is dated 2026-06-30, the same day as the assessment being scored "
        "(2026-06-30); --previous takes earlier assessments only"
    ) in result.stderr
    later = leader(tmp_path, "2026-09-30", [4, 4, 3, 2])
    assert "after the assessment being scored" in score(now, "--previous", later).stderr


def test_two_earlier_assessments_on_one_date_or_one_undated_are_refused(tmp_path):
    now = leader(tmp_path, "2026-06-30", [4, 4, 3, 2])
    march = leader(tmp_path, "2026-03-31", [2, 4, 3, 2])
    twin = write(tmp_path, "twin.yaml", (tmp_path / "2026-03-31.yaml").read_text(encoding="utf-8"))
    result = score(now, "--previous", march, "--previous", twin)
    assert result.returncode == 1
    assert (
        f"{twin}: is dated 2026-03-31, like {march}; give one assessment per date" in result.stderr
    )
    undated = write(tmp_path, "undated.csv", f"respondent,role,{QUESTIONS[0]}\nAnn,sales,3\n")
    result = score(now, "--previous", march, "--previous", undated)
    assert result.returncode == 1 and f"{undated}: has no date" in result.stderr
    assert score(now, "--previous", undated).returncode == 0  # alone, it needs no date


def test_a_version_1_report_is_still_read(tmp_path):
    earlier = report_of(str(TEAM_Q1))
    version_1 = {key: value for key, value in earlier.items() if key not in ("profile", "metrics")}
    version_1["schema_version"] = 1
    for rule in version_1["rules"]:
        for key in ("evidence", "readings", "readings_level", "calibration_gap", "miscalibrated"):
            rule.pop(key)
    path = write(tmp_path, "q1.json", json.dumps(version_1))
    report = report_of(str(TEAM_Q2), "--previous", path)
    assert report["history"][0]["overall"] == earlier["overall"]["score"]
    version_1["schema_version"] = 4
    result = score(str(TEAM_Q2), "--previous", write(tmp_path, "v4.json", json.dumps(version_1)))
    assert result.returncode == 1
    assert (
        "report schema_version 4 is not supported; this revops reads versions 1, 2 and 3"
        in result.stderr
    )


DATES = st.dates().map(lambda d: d.isoformat())


@settings(max_examples=examples(200), deadline=None, derandomize=True)
@given(dates=st.lists(DATES, min_size=1, max_size=6, unique=True), current=DATES)
def test_earlier_assessments_come_out_oldest_first_or_are_refused(dates, current):
    earlier = [Earlier(f"f{i}", date, None, {}) for i, date in enumerate(dates)]
    try:
        ordered = in_order(earlier, current)
    except InvalidInput:
        assert max(dates) >= current
        return
    assert [e.date for e in ordered] == sorted(dates)
    assert all(date < current for date in dates)
