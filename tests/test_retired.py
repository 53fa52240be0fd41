"""Retired questions, evidence hints and weight reasons: what contributors and leaders see."""

from __future__ import annotations

import json
from pathlib import Path

from revops.content.playbook import load_playbook

from .conftest import ROOT, revops

PLAYBOOK = load_playbook(ROOT)
QUESTIONS = "assessment/questions/success-and-failure.yaml"  # it has no retired: list yet


def retire_first_question(project: Path) -> tuple[str, str]:
    """Give the first success-and-failure question a new id and retire the old one; (old, new)."""
    path = project / QUESTIONS
    text = path.read_text(encoding="utf-8")
    old = PLAYBOOK.questions["success-and-failure"][0].id
    new = f"{old}-v2"
    text = text.replace(f"  - id: {old}\n", f"  - id: {new}\n", 1)
    text += (
        f"retired:\n  - id: {old}\n    replaced_by: {new}\n"
        "    reason: it asked two things at once\n"
    )
    path.write_text(text, encoding="utf-8")
    for example in (project / "assessment" / "examples").iterdir():
        example.write_text(example.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return old, new


def test_an_answer_file_naming_a_retired_question_is_told_its_replacement(project, tmp_path):
    old, new = retire_first_question(project)
    assert revops("validate", "--root", str(project)).returncode == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"team: T\ndate: 2026-06-30\nanswers:\n  {old}: 3\n", encoding="utf-8")
    result = revops("score", str(answers), "--root", str(project))
    assert result.returncode == 1
    assert (
        f"{answers}:4: question '{old}' was retired: it asked two things at once; "
        f"answer '{new}' instead" in result.stderr
    )
    sheet = tmp_path / "team.csv"
    sheet.write_text(f"respondent,role,{old}\nAnn,sales,3\n", encoding="utf-8")
    result = revops("score", str(sheet), "--root", str(project))
    assert result.returncode == 1 and f"question '{old}' was retired" in result.stderr


def test_an_earlier_assessment_may_answer_retired_questions(project, tmp_path):
    old, new = retire_first_question(project)
    earlier = tmp_path / "earlier.csv"
    earlier.write_text(f"respondent,role,{old},{new}\nAnn,sales,2,3\n", encoding="utf-8")
    now = tmp_path / "now.csv"
    now.write_text(f"respondent,role,{new}\nAnn,sales,4\n", encoding="utf-8")
    result = revops(
        "score", str(now), "--previous", str(earlier), "--root", str(project), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert f"answers to 1 retired question left out ({old})" in result.stderr
    assert json.loads(result.stdout)["comparison"] is not None
    earlier_yaml = tmp_path / "earlier.yaml"  # an answer file, read by the other reader
    earlier_yaml.write_text(
        f"team: T\ndate: 2026-03-31\nanswers:\n  {old}: 2\n  {new}: 3\n", encoding="utf-8"
    )
    result = revops("score", str(now), "--previous", str(earlier_yaml), "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert f"{earlier_yaml}: answers to 1 retired question left out ({old})" in result.stderr


def test_retired_ids_must_not_be_reused_and_replacements_must_exist(project):
    path = project / QUESTIONS
    current = PLAYBOOK.questions["success-and-failure"][1].id
    path.write_text(
        path.read_text(encoding="utf-8")
        + (
            f"retired:\n  - id: {current}\n    reason: gone\n"
            "  - id: an-old-question\n    replaced_by: no-such-question\n    reason: gone\n"
        ),
        encoding="utf-8",
    )
    result = revops("validate", "--root", str(project))
    assert result.returncode == 1
    assert f"'{current}' is still a question in {QUESTIONS}" in result.stderr
    assert (
        "unknown question 'no-such-question'; the replacement must be a current question"
        in result.stderr
    )


def test_a_weight_above_one_needs_its_reason(project):
    path = project / QUESTIONS
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    options:\n", "    weight: 3\n    options:\n", 1), encoding="utf-8"
    )
    result = revops("validate", "--root", str(project))
    assert result.returncode == 1
    assert "weight 3 needs a `weight_reason`" in result.stderr


def test_evidence_hints_show_in_the_sheet_and_on_the_page(built_site):
    """Each claimed level's hint shows under that level's option in the sheet, and labelled
    with its level on the page."""
    hinted = [q for q in PLAYBOOK.all_questions if q.evidence]
    assert len(hinted) == len(PLAYBOOK.all_questions), "every question names its evidence"
    sheet = " ".join(revops("template").stdout.replace("#", " ").split())
    page = " ".join((built_site / "assessment" / "index.html").read_text(encoding="utf-8").split())
    for question in hinted:
        assert sorted(question.evidence) == [3, 4, 5], question.id
        for level, hint in question.evidence.items():
            words = " ".join(hint.split())
            option = " ".join(question.options[level].split())
            assert f"{level}: {option} (what shows it: {words})" in sheet, (question.id, level)
            escaped = words.replace("'", "&#39;")
            assert f'<span class="revops-level">{level}</span> {escaped}</li>' in page, (
                question.id,
                level,
            )
