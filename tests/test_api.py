"""revops.assess, the library's front door: the documented example runs, every parameter is
documented on docs/api.md, and it behaves as the page says."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import warnings

import pytest

import revops
from revops.answers.documents import Respondent
from revops.bank.build import bank
from revops.content.playbook import load_playbook
from revops.reports.model import Report

from .conftest import ROOT

PAGE = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "assessment" / "examples"
LEADER = EXAMPLES / "single-leader.yaml"
Q1, Q2 = EXAMPLES / "leadership-team-2026-q1.csv", EXAMPLES / "leadership-team-2026-q2.csv"
PLAYBOOK = load_playbook(ROOT)


def code_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


@pytest.mark.parametrize("number", range(len(code_blocks(PAGE))))
def test_the_documented_examples_run(number, tmp_path):
    """Each example on the page runs as written, from the project folder."""
    done = subprocess.run(
        [sys.executable, "-c", code_blocks(PAGE)[number]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_every_parameter_of_assess_is_documented_and_no_other():
    headings = re.findall(r"^### `(\w+)`$", PAGE, re.M)
    assert headings == list(inspect.signature(revops.assess).parameters)


def test_every_report_field_is_on_the_page():
    rows = re.findall(r"^\| `(\w+)` \|", PAGE, re.M)
    assert rows == list(Report.model_fields)


def test_the_content_may_be_a_folder_a_playbook_or_a_bank():
    reports = [
        revops.assess(content, [LEADER]).dump()
        for content in (ROOT, str(ROOT), PLAYBOOK, bank(PLAYBOOK))
    ]
    for report in reports:
        del report["content"]  # names where the questions came from
    assert all(report == reports[0] for report in reports)


def test_read_answers_takes_any_mapping_as_its_bank_type_says():
    """read_answers declares its bank a Mapping: a read-only one is read as a dict is."""
    from types import MappingProxyType

    from revops.api import read_answers

    the_bank = bank(PLAYBOOK)
    as_dict = read_answers([LEADER, Q1], the_bank)
    read_only = read_answers([LEADER, Q1], MappingProxyType(the_bank))
    assert [r.answers for r in read_only] == [r.answers for r in as_dict]


def test_respondents_given_are_never_changed():
    answers = {q.id: 3 for q in PLAYBOOK.all_questions}
    people = [
        Respondent("crm", None, None, "Ann", "sales", answers),
        Respondent("crm", "Blue", None, "Bo", "finance", answers),
    ]
    before = [repr(person) for person in people]
    report = revops.assess(PLAYBOOK, people, team="Red", date="2026-06-30", anonymous=True)
    assert [repr(person) for person in people] == before
    assert report.team == "Blue, Red" and report.date == "2026-06-30"
    assert [(r.name, r.source) for r in report.respondents] == [
        ("sales 1", "answer file 1"),
        ("finance 1", "answer file 1"),
    ]


def test_a_file_and_the_same_answers_given_as_respondents_score_alike():
    from revops.answers.documents import load_answer_files

    read = load_answer_files([Q1], PLAYBOOK)
    assert revops.assess(ROOT, list(read)).dump() == revops.assess(ROOT, [Q1]).dump()


def test_earlier_values_and_earlier_files_give_the_same_history():
    first = revops.assess(ROOT, [Q1])
    earlier = revops.Earlier.of(str(Q1), first.date, first.overall.score, first.rules)
    from_file = revops.assess(ROOT, [Q2], previous=[Q1]).dump()
    from_value = revops.assess(ROOT, [Q2], previous=[earlier]).dump()
    assert from_value == from_file and from_file["moved"]


def test_bad_options_raise_invalid_input_naming_each():
    with pytest.raises(revops.InvalidInput) as raised:
        revops.assess(ROOT, [LEADER], top=-1, site_url="javascript:alert(1)", date_order="ymd")
    assert [p.path for p in raised.value.problems] == ["date_order", "site_url", "top"]
    with pytest.raises(revops.InvalidInput) as raised:
        revops.assess(ROOT, [LEADER], date="31/06/2026")
    assert str(raised.value).startswith("date: bad date '31/06/2026'")
    with pytest.raises(revops.InvalidInput, match=r"--reading: 'forecast-accuracy=.?x"):
        revops.assess(ROOT, [LEADER], readings={"forecast-accuracy": "x"})
    with pytest.raises(TypeError):
        revops.assess(42, [LEADER])


def test_a_bad_answer_file_raises_one_error_with_every_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("team: T\nanswers:\n  nope: 3\n  also-nope: 9\n", encoding="utf-8")
    with pytest.raises(revops.InvalidInput) as raised:
        revops.assess(ROOT, [bad, tmp_path / "missing.yaml"])
    paths = {problem.path for problem in raised.value.problems}
    assert paths == {str(bad), str(tmp_path / "missing.yaml")}
    assert len(raised.value.problems) >= 3


def test_notes_go_to_notify_or_else_to_warnings():
    answers = {q.id: 2 for q in PLAYBOOK.all_questions}
    twice = [Respondent(f"file {i}", None, None, "Ann", None, answers) for i in (1, 2)]
    heard: list[str] = []
    revops.assess(PLAYBOOK, twice, notify=heard.append)
    assert heard == [
        "warning: Ann answered twice (file 1 and file 2); only the later answers, in file 2, count"
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        revops.assess(PLAYBOOK, twice)
    assert [(w.category, str(w.message)) for w in caught] == [(revops.RevOpsWarning, heard[0])]


def test_print_shows_the_terminal_table():
    report = revops.assess(ROOT, [LEADER])
    assert str(report).startswith("RevOps maturity report: ")
    assert str(report) == revops.reports.render(report, "terminal")


def test_revops_names_only_what_it_exports():
    assert sorted(revops.__all__) == sorted(
        ["Earlier", "InvalidInput", "Problem", "Report", "Respondent", "RevOpsWarning"]
        + ["__version__", "assess"]
    )
    for name in revops.__all__:
        assert getattr(revops, name) is not None
    with pytest.raises(AttributeError):
        revops.no_such_thing  # noqa: B018


def test_options_and_assess_have_the_same_keywords_and_defaults():
    """assess_dump (what `revops score` calls) takes its options through Options: the same
    names and defaults as assess."""
    from revops.api import Options

    keywords = {
        name: parameter.default
        for name, parameter in inspect.signature(revops.assess).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    assert keywords == Options._field_defaults and set(Options._fields) == set(keywords)
