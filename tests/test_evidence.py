"""Evidence on answers, as a leader gives it: in a YAML file, a CSV column, and with the
optional cap that makes a rating without proof count for less."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.answers.documents import Respondent, Responses
from revops.bank.build import bank
from revops.content.playbook import load_playbook
from revops.foundation.values import Evidence
from revops.scoring.formula import EvidenceCount, Scale, score_rule

from .conftest import ROOT, examples
from .test_score_cli import score, write

PLAYBOOK = load_playbook(ROOT)
HINTS = {q.id: q.evidence for q in PLAYBOOK.all_questions}  # question id -> level -> hint
HEAD = "team: Northwind\ndate: 2026-06-30\nrespondent: {name: Ann, role: sales}\nanswers:\n"
# data-and-insights: three questions of weight 1 and the forecasting question, of weight 2
INSIGHTS = """  insights-decision-first: {level: 4, evidence: https://wiki.example/decisions}
  insights-data-quality: {level: 5, owner: Dana}
  insights-analysis-to-action: 3
  insights-forecasting: 2
"""


def report_of(*args: str) -> dict:
    result = score(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def rule(report: dict, rule_id: str) -> dict:
    return next(r for r in report["rules"] if r["id"] == rule_id)


def test_claims_and_evidence_are_counted_and_do_not_change_the_score(tmp_path):
    report = report_of(write(tmp_path, "ann.yaml", HEAD + INSIGHTS))
    insights = rule(report, "data-and-insights")
    # 4 (evidence), 5 (an owner but no evidence), 3 (none) are claims; 2 is not
    assert insights["evidence"] == {"claims": 3, "evidenced": 1}
    assert insights["score"] == 3.2  # (4 + 5 + 3 + 2 x 2) / 5, as without evidence
    assert report["parameters"]["evidence_from_level"] == 3


def test_the_cap_counts_a_claim_without_evidence_at_that_level(project, tmp_path):
    scoring = project / "assessment/scoring.yaml"
    scoring.write_text(
        scoring.read_text(encoding="utf-8") + "unevidenced_cap: 2\n", encoding="utf-8"
    )
    answers = write(tmp_path, "ann.yaml", HEAD + INSIGHTS)
    report = report_of(answers, "--root", str(project))
    insights = rule(report, "data-and-insights")
    assert insights["score"] == 2.4  # (4 + 2 + 2 + 2 x 2) / 5
    assert insights["question_means"]["insights-data-quality"] == 2
    assert insights["evidence"] == {"claims": 3, "evidenced": 1}
    terminal = " ".join(score(answers, "--root", str(project)).stdout.split())  # unwrapped
    assert (
        "1 of 3 answers at level 3 or above name their evidence; those without count as "
        "level 2 at most"
    ) in terminal
    recommendation = next(r for r in report["recommendations"] if r["rule"] == "data-and-insights")
    assert recommendation["unevidenced"] == {
        "count": 2,
        "claims": [
            {
                "question_id": "insights-data-quality",
                "question": "How is the quality of CRM and other revenue data looked after?",
                "respondent": "Ann",
                "level": 5,
                "hint": HINTS["insights-data-quality"][5],
            },
            {
                "question_id": "insights-analysis-to-action",
                "question": "What happens after an analysis is delivered?",
                "respondent": "Ann",
                "level": 3,
                "hint": HINTS["insights-analysis-to-action"][3],
            },
        ],
    }
    assert (
        "Check first: 2 answers at the evidence level name no evidence: "
        "How is the quality of CRM and other revenue data looked after? (Ann, 5), "
        "What happens after an analysis is delivered? (Ann, 3)" in terminal
    )
    # each claim with the hint for the level it claims, not for another
    hint = " ".join(HINTS["insights-data-quality"][5].split())
    assert (
        "- How is the quality of CRM and other revenue data looked after? At level 5, look "
        f"for: {hint}" in terminal
    )
    assert " ".join(HINTS["insights-data-quality"][4].split()) not in terminal


def test_a_cap_below_what_claims_nothing_is_refused_by_validate(project):
    scoring = project / "assessment/scoring.yaml"
    scoring.write_text(
        scoring.read_text(encoding="utf-8") + "unevidenced_cap: 1\n", encoding="utf-8"
    )
    result = score(str(project / "assessment/examples/single-leader.yaml"), "--root", str(project))
    assert result.returncode == 1
    assert "scoring.yaml" in result.stderr and "use 2 or more" in result.stderr


def test_every_format_lists_the_claims_to_check_first(tmp_path):
    answers = write(
        tmp_path,
        "ann.yaml",
        HEAD + INSIGHTS.replace("{level: 4, evidence: https://wiki.example/decisions}", "1"),
    )
    report = report_of(answers, "--top", "10")
    recommendation = next(r for r in report["recommendations"] if r["rule"] == "data-and-insights")
    assert recommendation["unevidenced"]["count"] == 2
    for fmt in ("terminal", "markdown", "html"):
        text = " ".join(score(answers, "--top", "10", "--format", fmt).stdout.split())
        # The question in words; its id kept as the link target or the tooltip.
        question = "How is the quality of CRM and other revenue data looked after?"
        shown = {
            "terminal": f"{question} (Ann, 5)",
            "markdown": f"[{question}](https://revops-playbook.github.io/revops-playbook/"
            "assessment/#question-insights-data-quality) (Ann, 5)",
            "html": f'<span title="{question} (insights-data-quality)">{question}</span> (Ann, 5)',
        }[fmt]
        assert shown in text, fmt
        assert "insights-data-quality (Ann" not in text, fmt
        assert "0 of 2 answers at level 3 or above name their evidence" in text, fmt
        hint = HINTS["insights-data-quality"][5].replace("'", "&#39;" if fmt == "html" else "'")
        assert f"At level 5, look for: {' '.join(hint.split())}" in text, fmt


def test_a_csv_evidence_column_backs_the_answers_beside_it(tmp_path):
    csv = write(
        tmp_path,
        "team.csv",
        "respondent,role,team,date,insights-data-quality,"
        "insights-data-quality:evidence\n"
        "Ann,sales,Northwind,2026-06-30,4,https://wiki.example/dictionary\n"
        "Bo,cs,Northwind,2026-06-30,3,\n",
    )
    insights = rule(report_of(csv), "data-and-insights")
    assert insights["evidence"] == {"claims": 2, "evidenced": 1}


def test_a_bad_evidence_mapping_gets_its_line_and_nothing_is_written(tmp_path):
    out = tmp_path / "report.json"
    answers = write(
        tmp_path,
        "ann.yaml",
        HEAD + "  insights-decision-first: 3\n"
        "  insights-data-quality: {evidence: https://x}\n"
        "  insights-forecasting: {level: 3, proof: x}\n",
    )
    result = score(answers, "--format", "json", "--output", str(out))
    assert result.returncode == 1 and not out.exists()
    assert (
        f"{answers}:6: answer to 'insights-data-quality': an answer written as a mapping "
        "needs 'level'" in result.stderr
    )
    assert f"{answers}:7: answer to 'insights-forecasting': unknown key 'proof'" in result.stderr


LEVELS = st.sampled_from([1, 2, 3, 4, 5, "n/a", "unknown", None])
INSIGHT_QUESTIONS = len(PLAYBOOK.questions["data-and-insights"])


@settings(max_examples=examples(150), deadline=None, derandomize=True)
@given(
    team=st.lists(
        st.lists(
            st.tuples(LEVELS, st.sampled_from(["", "link", None])),
            min_size=INSIGHT_QUESTIONS,
            max_size=INSIGHT_QUESTIONS,
        ),
        min_size=1,
        max_size=6,
    ),
    cap=st.sampled_from([None, 2, 3, 4]),
)
def test_evidence_counts_and_the_cap_hold_for_any_team(team, cap):
    """Claims are the answers of level 3 or more; the cap never raises a score, and changes
    nothing when every claim names its evidence."""
    questions = [q.id for q in PLAYBOOK.questions["data-and-insights"]]
    respondents = [
        Respondent(
            "t",
            None,
            None,
            f"p{i}",
            None,
            {q: level for q, (level, _) in zip(questions, row, strict=True)},
            {
                q: Evidence(text or None)
                for q, (_, text) in zip(questions, row, strict=True)
                if text is not None
            },
        )
        for i, row in enumerate(team)
    ]
    plain = bank(PLAYBOOK)
    capped = {**plain, "parameters": {**plain["parameters"], "unevidenced_cap": cap}}
    rule_def = next(r for r in plain["rules"] if r["id"] == "data-and-insights")
    before, after = (
        score_rule(Scale.of(plain), rule_def, Responses(respondents)),
        score_rule(Scale.of(capped), rule_def, Responses(respondents)),
    )
    answers = [cell for row in team for cell in row]
    claims = sum(isinstance(level, int) and level >= 3 for level, _ in answers)
    evidenced = sum(isinstance(level, int) and level >= 3 and bool(text) for level, text in answers)
    assert before.evidence == after.evidence == EvidenceCount(claims, evidenced)
    if before.score is not None:
        assert after.score <= before.score
        if claims == evidenced or cap is None:
            assert after.score == before.score
