"""Company overlays: the same report as editing the content, and clear messages when wrong."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from revops.cli.main import main as revops_main

from .conftest import ROOT, mkdocs_build, revops, serve

EXAMPLE = ROOT / "overlays" / "example.yaml"
TEAM = ROOT / "assessment" / "examples" / "leadership-team-2026-q2.csv"
HIDDEN, POLICY, REWEIGHED, ADDED = (
    "tech-training-enablement",
    "cust-churn-risk",
    "insights-forecasting",
    "northwind-partner-handoff",
)


def team_with_added_answers(folder: Path) -> Path:
    """The example team's answers, with answers to the overlay's own question."""
    with TEAM.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[0].append(ADDED)
    for row, answer in zip(rows[1:], ["2", "3", "n/a", "1", "2"], strict=True):
        row.append(answer)
    path = folder / "team.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def edit_questions(project: Path, rule: str, change) -> None:
    path = project / "assessment" / "questions" / f"{rule}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["questions"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def scores(*args: str) -> dict:
    result = revops("score", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return {
        "overall": report["overall"],
        "rules": report["rules"],
        "recommendations": report["recommendations"],
    }


def test_an_overlay_scores_as_the_same_edits_made_to_the_content(project, tmp_path):
    overlay = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    added = dict(overlay["add_questions"][0])
    added.pop("rule")
    edit_questions(
        project,
        "technology-and-people",
        lambda qs: qs.remove(next(q for q in qs if q["id"] == HIDDEN)),
    )
    edit_questions(
        project,
        "customer-centricity",
        lambda qs: qs.remove(next(q for q in qs if q["id"] == POLICY)),
    )
    edit_questions(
        project,
        "data-and-insights",
        lambda qs: next(q for q in qs if q["id"] == REWEIGHED).update(
            weight=2, weight_reason="the board reviews forecasts monthly"
        ),
    )
    edit_questions(project, "alignment", lambda qs: qs.append(added))
    answers = team_with_added_answers(tmp_path)
    edited = scores(
        str(answers), "--root", str(project), "--ignore-column", HIDDEN, "--ignore-column", POLICY
    )
    overlaid = scores(str(answers), "--overlay", str(EXAMPLE))
    assert overlaid == edited
    assert overlaid != scores(str(TEAM))


def test_the_report_names_the_overlay_and_its_organisation(tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text(f"respondent,role,{REWEIGHED}\nAnn,sales,3\n", encoding="utf-8")
    result = revops("score", str(answers), "--overlay", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["team"] == "Northwind Software"
    assert report["content"]["overlay"]["file"] == "example.yaml"
    assert report["content"]["overlay"]["not_applicable"] == [POLICY]
    terminal = revops("score", str(answers), "--overlay", str(EXAMPLE))
    assert (
        "Company overlay example.yaml applied: 1 question hidden, 1 question not "
        "applicable by policy" in " ".join(terminal.stdout.split())
    )
    plain = json.loads(revops("score", str(answers), "--format", "json").stdout)
    assert "overlay" not in plain["content"]
    assert plain["content"]["bank"] != report["content"]["bank"]


def test_template_and_form_follow_the_overlay():
    sheet = revops("template", "--format", "csv", "--overlay", str(EXAMPLE))
    assert sheet.returncode == 0, sheet.stderr
    header = sheet.stdout.splitlines()[-2].split(",")
    assert ADDED in header and HIDDEN not in header and POLICY not in header
    form = revops("form", "--overlay", str(EXAMPLE))
    assert "How are deals brought in by resellers handed to the sales team?" in form.stdout
    yaml_sheet = revops("template", "--overlay", str(EXAMPLE))
    assert f"  {ADDED}: null" in yaml_sheet.stdout


def test_validate_reports_what_the_overlay_changes():
    result = revops("validate", "--overlay", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(
        "overlay example.yaml: 1 question hidden, 1 question not applicable by policy, "
        "1 weight changed, 1 question added, 2 planning inputs set"
    )


BAD = [
    (
        "hide_questions: [tech-revops-skils]\n",
        "1:18: unknown question 'tech-revops-skils'; did you mean 'tech-revops-skills'?",
    ),
    (
        "hide_rules: [experimentaton]\n",
        "1:14: unknown rule 'experimentaton'; did you mean 'experimentation'?",
    ),
    (
        "weights:\n  measure-early-warning: 9\n",
        "2:3: 'measure-early-warning' input should be less than or equal to 5",
    ),
    (
        "hide_questions: [exp-test-design, exp-scope, exp-decisions, exp-price-changes]\n"
        "not_applicable: [exp-test-size]\n",
        "2:18: this leaves rule 'experimentation' with no question; hide the rule",
    ),
    (
        "prefix: acme\nadd_questions:\n  - id: acme-partners\n    rule: alignment\n"
        "    text: How are partners briefed?\n    options: {1: a, 2: b, 3: c, 4: d}\n",
        "6:14: give all 5 options, one per level 1, 2, 3, 4, 5",
    ),
    (
        "add_questions:\n  - id: partners\n    rule: alignment\n    text: How are partners?\n"
        "    options: {1: a, 2: b, 3: c, 4: d, 5: e}\n",
        "2:9: an added question needs the overlay's `prefix`",
    ),
    (
        "prefix: acme\nadd_questions:\n  - id: acme-partners\n    rule: alignmen\n"
        "    text: How are partners?\n    options: {1: a, 2: b, 3: c, 4: d, 5: e}\n",
        "4:11: unknown rule 'alignmen'; did you mean 'alignment'?",
    ),
    (
        "prefix: acme\nadd_questions:\n  - id: acme-targets\n    rule: alignment\n"
        "    text: How are targets set for sales, marketing and customer success\n"
        "    options: {1: a, 2: b, 3: c, 4: d, 5: e}\n",
        "5:11: reads the same as the text of question 'alignment-shared-targets' once case",
    ),
    (
        "prefix: acme\nadd_questions:\n  - id: acme-partners\n    rule: alignment\n"
        "    text: How are partners briefed?\n"
        "    evidence: {3: A list., 4: A report., 5: A report.}\n"
        "    options: {1: a, 2: b, 3: c, 4: d, 5: e}\n",
        "6:45: the evidence hint for level 5 repeats level 4's",
    ),
    (
        "prefix: acme\nadd_questions:\n  - id: acme-partners\n    rule: alignment\n"
        "    text: How are partners briefed?\n    evidence: {3: A list., 4: A report.}\n"
        "    options: {1: a, 2: b, 3: c, 4: d, 5: e}\n",
        "6:15: no evidence hint for level 5; give one for every level from 3 up",
    ),
    (
        "prefix: acme\nadd_questions:\n  - id: acme-partners\n    rule: alignment\n"
        "    text: How are partners briefed?\n    evidence: One text for every level.\n"
        "    options: {1: a, 2: b, 3: c, 4: d, 5: e}\n",
        "6:5: 'evidence': give one evidence hint per level",
    ),
    ("colour: blue\n", "1:1:"),
    ("hide_questions: [a\n", "2:1: invalid YAML"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_faulty_overlay_is_refused_with_its_place_and_keeps_the_output(tmp_path, text, message):
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(text, encoding="utf-8")
    output = tmp_path / "report.html"
    output.write_text("the report from before", encoding="utf-8")
    commands = [["validate"], ["score", str(TEAM), "--output", str(output)]]
    if text == BAD[0][0]:  # every command refuses it alike; once is enough for the others
        commands += [["template"], ["form"]]
    for command in commands:
        result = revops(*command, "--overlay", str(overlay))
        assert result.returncode == 1, (command, result.stdout)
        assert f"{overlay}:{message}" in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr
    assert output.read_text(encoding="utf-8") == "the report from before"


def test_a_missing_overlay_is_exit_1(tmp_path):
    result = revops("score", str(TEAM), "--overlay", str(tmp_path / "nowhere.yaml"))
    assert result.returncode == 1
    assert "nowhere.yaml" in result.stderr and "Traceback" not in result.stderr


def test_answers_to_questions_the_overlay_hides_are_left_out(tmp_path):
    """A hidden question answered in a file counts as if it were not there."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        f"team: T\ndate: 2026-06-30\nanswers:\n  {HIDDEN}: 5\n  {POLICY}: 1\n  {REWEIGHED}: 3\n",
        encoding="utf-8",
    )
    result = revops("score", str(answers), "--overlay", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    rules = {rule["id"]: rule for rule in json.loads(result.stdout)["rules"]}
    assert rules["technology-and-people"]["score"] is None
    assert rules["customer-centricity"]["score"] is None


@pytest.mark.slow
def test_the_site_builds_with_the_overlay_and_the_page_scores_as_the_cli(
    browser, tmp_path, monkeypatch
):
    monkeypatch.setenv("REVOPS_OVERLAY", "overlays/example.yaml")
    site = tmp_path / "site"
    built = mkdocs_build(ROOT, site)
    assert built.returncode == 0, built.stderr
    html = (site / "assessment" / "index.html").read_text(encoding="utf-8")
    assert "Adapted for Northwind Software by the company overlay example.yaml" in html
    assert f'name="{ADDED}"' in html
    assert f'name="{HIDDEN}"' not in html and f'name="{POLICY}"' not in html
    answers = team_with_added_answers(tmp_path)  # answers the hidden questions too
    out = tmp_path / "cli.json"
    with serve(site) as address:
        assert (
            revops_main(
                [
                    "score",
                    str(answers),
                    "--overlay",
                    str(EXAMPLE),
                    "--format",
                    "json",
                    "--site-url",
                    address,
                    "--output",
                    str(out),
                ]
            )
            == 0
        )
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(address + "assessment/", wait_until="networkidle")
        assert page.input_value("#revops-team") == "Northwind Software"
        page.set_input_files("#revops-import-team", str(answers))
        page.wait_for_function(
            "document.getElementById('revops-import-status').textContent.startsWith('Added')"
        )
        on_page = page.evaluate("JSON.parse(JSON.stringify(window.revopsReport))")
        context.close()
    assert not errors, errors
    cli = json.loads(out.read_text(encoding="utf-8"))
    for key in ("overall", "rules", "recommendations"):
        assert on_page[key] == cli[key], key


@pytest.mark.slow
def test_the_site_build_fails_on_a_faulty_overlay(project, monkeypatch):
    (project / "overlay.yaml").write_text("hide_rules: [experimentaton]\n", encoding="utf-8")
    monkeypatch.setenv("REVOPS_OVERLAY", "overlay.yaml")
    built = mkdocs_build(project, project / "site")
    assert built.returncode != 0
    assert "the company overlay is invalid" in built.stderr
    assert "overlay.yaml:1:14: unknown rule 'experimentaton'" in built.stderr
