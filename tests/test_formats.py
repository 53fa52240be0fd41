"""The answer-file, report and bank schemas describe what revops really reads and writes, and a
broken copy of each is refused with a message that says where and what."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from revops.bank.build import bank
from revops.content.playbook import load_playbook

from .conftest import ROOT, revops

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
EXAMPLE = ROOT / "assessment" / "examples" / "single-leader.yaml"
BANK = bank(load_playbook(ROOT))


def schema(kind: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def as_json(data):
    return json.loads(json.dumps(data, default=str))  # YAML dates become text, as in JSON


def test_example_answer_file_points_at_and_matches_the_answers_schema():
    text = EXAMPLE.read_text(encoding="utf-8")
    match = MODELINE.match(text.splitlines()[0])
    assert match and (EXAMPLE.parent / match.group(1)).resolve() == (
        ROOT / "schemas" / "answers.schema.json"
    )
    jsonschema.validate(as_json(yaml.safe_load(text)), schema("answers"))


def test_a_broken_answer_file_fails_the_schema_and_the_cli_says_where(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    first_id = next(
        line.split(":")[0].strip()
        for line in text.splitlines()
        if re.match(r"^  [a-z-]+: [1-5]$", line)
    )
    broken = re.sub(rf"^  {first_id}: \d", f"  {first_id}: 9", text, count=1, flags=re.M)
    broken = broken.replace("team: ", "teem: ", 1)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json(yaml.safe_load(broken)), schema("answers"))
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = revops("score", str(path))
    assert result.returncode == 1
    line = broken.splitlines().index(f"  {first_id}: 9") + 1
    assert f"{path}:{line}: answer to '{first_id}': 9 is out of range" in result.stderr
    assert "unknown key 'teem'; did you mean 'team'?" in result.stderr


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    result = revops(
        "score",
        "assessment/examples/leadership-team-2026-q2.csv",
        "--previous",
        "assessment/examples/leadership-team-2026-q1.csv",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_generated_report_matches_the_report_schema(report):
    jsonschema.validate(report, schema("report"))
    documented = set(schema("report")["properties"])
    assert set(report) <= documented, f"undocumented fields: {set(report) - documented}"


def test_a_broken_report_fails_the_schema_and_is_refused_as_previous(report, tmp_path):
    broken = json.loads(json.dumps(report))
    del broken["rules"][1]["id"]
    broken["overall"]["score"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema("report"))
    path = tmp_path / "previous.json"
    text = json.dumps(broken, indent=2)
    path.write_text(text, encoding="utf-8")
    result = revops("score", "assessment/examples/single-leader.yaml", "--previous", str(path))
    assert result.returncode == 1
    score_line = text.splitlines().index('    "score": "high",') + 1
    assert (
        f"{path}:{score_line}: not a complete revops JSON report: 'score' must be a "
        "number, not the text 'high'"
    ) in result.stderr
    assert "missing required field 'id'" in result.stderr


def test_the_bank_the_page_scores_with_matches_the_bank_schema():
    data = bank(load_playbook(ROOT))
    jsonschema.validate(data, schema("bank"))
    data["rules"][0]["questions"][0]["weight"] = "heavy"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema("bank"))


def test_the_report_format_page_lists_every_field_of_the_model(built_site):
    from revops.reports.format_page import field_rows

    page = (built_site / "assessment" / "report-format" / "index.html").read_text(encoding="utf-8")
    rows = field_rows()
    assert len(rows) > 40
    for path, *_ in rows:
        assert f"<code>{path}</code>" in page, path
    assert "Mean of the scored rules; null if none is scored." in page


VALUES = [
    None,
    1,
    3,
    5,
    0,
    6,
    2.0,
    True,
    "4",
    " n/a ",
    "N/A",
    "Unknown",
    "",
    "~",
    "null",
    "three",
    "03",
    [],
    {},
    {"level": 4, "evidence": "https://x"},
    {"level": "n/a"},
    {"level": 3, "owner": "Dana", "checked": "2026-05-01"},
    {"evidence": "x"},
    {"level": 3, "proof": "x"},
    {"level": 3, "checked": "soon"},
    {"level": 3, "owner": 5},
]
DATES = ["2026-06-30", "30.06.2026", "2026-02-31", 20260630, None, "", dt.date(2026, 6, 30)]
TEAMS = ["Northwind", "  ", "", None, 5, " Acme "]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    team=st.sampled_from(TEAMS),
    date=st.sampled_from(DATES),
    values=st.lists(st.sampled_from(VALUES), max_size=4),
    person=st.sampled_from([None, {}, {"name": "A"}, {"role": 3}, {"nick": "x"}, "Ann"]),
    extra=st.booleans(),
)
def test_the_quick_check_accepts_exactly_what_the_answer_model_accepts(
    team, date, values, person, extra
):
    """answers._well_formed spares a valid file the cost of loading pydantic; it must never
    accept what the AnswerFile model refuses, nor read a value differently."""
    from pydantic import ValidationError

    from revops.answers.documents import _well_formed, question_ids
    from revops.answers.model import AnswerFile

    known = question_ids(BANK)
    data = {
        "team": team,
        "date": date,
        "answers": dict(zip(list(known)[: len(values)], values, strict=True)),
    }
    if person is not None:
        data["respondent"] = person
    if extra:
        data["notes"] = "x"
    quick = _well_formed(data, "f.yaml", known)
    try:
        model = AnswerFile.model_validate(data)
    except ValidationError:
        model = None
    assert (quick is None) == (model is None), (data, quick, model)
    if model is not None:
        assert (quick.team, quick.date, dict(quick.answers), dict(quick.evidence)) == (
            model.team,
            model.date,
            {key: value for key, (value, _) in model.answers.items()},
            {key: found for key, (_, found) in model.answers.items() if found is not None},
        )
