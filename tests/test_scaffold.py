"""`revops new` scaffolding, TODO warnings, and the CI validation step on a broken copy."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, mkdocs_build, revops, run


@pytest.mark.slow
def test_new_rule_writes_files_that_validate_and_build(project, tmp_path):
    result = revops("new", "rule", "forecasting", "--root", str(project))
    assert result.returncode == 0, result.stderr
    rule = project / "playbook/rules/11-forecasting.yaml"
    questions = project / "assessment/questions/forecasting.yaml"
    assert f"wrote {rule}" in result.stdout and f"wrote {questions}" in result.stdout
    checked = revops("validate", "--root", str(project))
    assert checked.returncode == 0, checked.stderr
    assert "OK: 11 rules" in checked.stdout and "warnings)" in checked.stdout
    assert re.search(
        r"warning: playbook/rules/11-forecasting.yaml:\d+:\d+: TODO left in the "
        r"text",
        checked.stderr,
    )
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert (tmp_path / "site/rules/forecasting/index.html").exists()


def test_new_question_appends_to_the_rule(project):
    before = (project / "assessment/questions/alignment.yaml").read_text(encoding="utf-8")
    result = revops("new", "question", "alignment", "--root", str(project))
    assert result.returncode == 0, result.stderr
    after = (project / "assessment/questions/alignment.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")) and "- id: alignment-todo-1" in after
    checked = revops("validate", "--root", str(project))
    assert checked.returncode == 0
    assert "assessment/questions/alignment.yaml" in checked.stderr and "TODO" in checked.stderr


def test_new_refuses_bad_or_taken_ids(project):
    for args, message in (
        (["rule", "Bad_Id"], "is not a valid id"),
        (["rule", "alignment"], "already exists"),
        (["question", "nope"], "unknown rule 'nope'"),
    ):
        result = revops("new", *args, "--root", str(project))
        assert result.returncode == 2 and message in result.stderr
    assert not list((project / "playbook/rules").glob("11-*"))


def test_clean_content_has_no_warnings():
    result = revops("validate")
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.slow
def test_ci_validation_step_fails_on_a_broken_rule(project):
    path = project / "playbook/rules/02-alignment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("practices:", "practises:"))
    result = run(["make", "--no-print-directory", "-s", "validate", f"ROOT={project}"], cwd=ROOT)
    assert result.returncode != 0
    assert "playbook/rules/02-alignment.yaml:" in result.stderr
    assert "unknown key 'practises'; did you mean 'practices'?" in result.stderr


@pytest.mark.slow
def test_new_metric_and_forum_validate_and_build(project, tmp_path):
    metric = revops(
        "new", "metric", "expansion-pipeline", "--owner", "customer-success", "--root", str(project)
    )
    assert metric.returncode == 0, metric.stderr
    assert f"wrote {project / 'playbook/metrics/customer-success.yaml'}" in metric.stdout
    forum = revops("new", "forum", "renewal-review", "--root", str(project))
    assert forum.returncode == 0, forum.stderr
    checked = revops("validate", "--root", str(project))
    assert checked.returncode == 0, checked.stderr
    assert re.search(
        r"playbook/metrics/customer-success\.yaml:\d+:\d+: TODO left in the text", checked.stderr
    )
    assert "metric 'expansion-pipeline' is used by no rule" in checked.stderr
    assert re.search(
        r"playbook/operating-rhythm\.yaml:\d+:\d+: TODO left in the text", checked.stderr
    )
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    rhythm = (tmp_path / "site/reference/operating-rhythm/index.html").read_text("utf-8")
    catalogue = (tmp_path / "site/reference/metrics/index.html").read_text("utf-8")
    assert 'id="renewal-review"' in rhythm and 'id="expansion-pipeline"' in catalogue


def test_new_metric_or_forum_refuses_bad_input(project):
    before = {p: p.read_text(encoding="utf-8") for p in (project / "playbook").rglob("*.yaml")}
    for args, message in (
        (["metric", "win-rate"], "metric 'win-rate' already exists"),
        (["metric", "x", "--owner", "procurement"], "unknown function 'procurement'"),
        (["metric", "Bad Id"], "is not a valid id"),
        (["forum", "forecast-call"], "forum 'forecast-call' already exists"),
    ):
        result = revops("new", *args, "--root", str(project))
        assert result.returncode == 2 and message in result.stderr, result.stderr
    after = {p: p.read_text(encoding="utf-8") for p in (project / "playbook").rglob("*.yaml")}
    assert after == before
