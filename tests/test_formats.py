"""The answer-file, report and bank schemas describe what revops really reads and writes, and a
broken copy of each is refused with a message that says where and what."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing

import jsonschema
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from revops.answers.documents import question_ids
from revops.bank.build import bank
from revops.content.playbook import load_playbook
from revops.foundation.problems import InvalidInput

from .conftest import ROOT, examples, revops

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


KNOWN = question_ids(BANK)
SHOWN = "f.yaml"
# Text a person types (no control or hidden characters, which the YAML reader refuses first).
TEXT = st.text(st.characters(categories=["L", "N", "P", "Zs"]), max_size=4)
JUNK = st.sampled_from([[], "", 0, False, "Ann", [1], 3.5, {}])
LABEL = st.none() | TEXT | st.integers(-1, 3) | st.booleans() | JUNK
ANSWER = (
    st.sampled_from(VALUES)
    | st.integers(-2, 8)
    | TEXT
    | st.fixed_dictionaries(
        {"level": st.sampled_from(VALUES[:12])},
        optional={"evidence": LABEL, "owner": LABEL, "checked": st.sampled_from(DATES), "x": LABEL},
    )
)
QUESTION_ID = st.sampled_from(
    [*list(KNOWN)[:6], *list(KNOWN.retired)[:2], "made-up", list(KNOWN)[0][:-1], 5, True]
)
PROFILE_ID = st.sampled_from(
    [*KNOWN.profiles["stage"], *KNOWN.profiles["motion"], "unicorn", None, 3]
)
METRIC_ID = st.sampled_from([*list(KNOWN.readings)[:3], "made-up-metric", 7])
READING = (
    st.none()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(-5, 200)
    | st.sampled_from(["x", True, 0.82, 82, "0.5"])
)


def mapping(keys, values, max_size=4):
    return st.none() | st.dictionaries(keys, values, max_size=max_size) | JUNK


# Any value each key may be given, valid or not.
ANY_VALUE = {
    "team": st.sampled_from(TEAMS) | TEXT,
    "date": st.sampled_from(DATES) | TEXT | st.datetimes(),
    "respondent": mapping(st.sampled_from(["name", "role", "nick"]), LABEL),
    "profile": mapping(st.sampled_from(["stage", "motion", "tier"]), PROFILE_ID),
    "metrics": mapping(METRIC_ID, READING),
    "answers": mapping(QUESTION_ID, ANSWER, max_size=6),
    "notes": LABEL,
    5: LABEL,
}
VALID_ANSWER = st.sampled_from([v for v in VALUES if v in VALUES[:3] or v in VALUES[8:13]]) | (
    st.fixed_dictionaries(
        {"level": st.sampled_from([1, 4, "n/a", None])},
        optional={
            "evidence": st.none() | TEXT,
            "owner": st.none() | TEXT,
            "checked": st.sampled_from([None, "", "2026-05-01", dt.date(2026, 5, 1)]),
        },
    )
)
# A file the model accepts, with every optional part it may have.
VALID_DOCUMENT = st.fixed_dictionaries(
    {
        "team": st.sampled_from(["Northwind", " Acme "]) | TEXT.filter(str.strip),
        "date": st.sampled_from(["2026-06-30", dt.date(2026, 6, 30)]) | st.datetimes(),
        "answers": st.none() | st.dictionaries(st.sampled_from(list(KNOWN)), VALID_ANSWER),
    },
    optional={
        "respondent": st.none()
        | st.fixed_dictionaries({}, optional={"name": st.none() | TEXT, "role": st.none() | TEXT}),
        "profile": st.none()
        | st.fixed_dictionaries(
            {},
            optional={
                "stage": st.sampled_from([None, *KNOWN.profiles["stage"]]),
                "motion": st.sampled_from([None, *KNOWN.profiles["motion"]]),
            },
        ),
        "metrics": st.none()
        | st.dictionaries(st.sampled_from(list(KNOWN.readings)), st.none() | st.floats(0, 1)),
    },
)


@st.composite
def documents(draw) -> dict:
    """A valid file with up to two keys left out or given any value, valid or not."""
    document = draw(VALID_DOCUMENT)
    for key in draw(st.sets(st.sampled_from(list(ANY_VALUE)), max_size=2)):
        if draw(st.booleans()):
            document.pop(key, None)
        else:
            document[key] = draw(ANY_VALUE[key])
    return document


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):  # a value used twice is written twice, as a person would
        return True


def _outcome(read, *args):
    """('accepted', respondent) or ('refused', every problem as path:line: message)."""
    try:
        return "accepted", read(*args)
    except InvalidInput as error:
        return "refused", [f"{p.path}:{p.line}: {p.message}" for p in error.problems]


@settings(max_examples=examples(600), deadline=None, derandomize=True)
@given(document=documents())
def test_the_fast_path_decides_as_the_answer_model_does(document):
    """answers.fast_path spares a valid file the cost of loading pydantic. For documents valid
    and not, written as YAML: it accepts exactly what the AnswerFile model and the bank checks
    accept, with the same respondent; and the reader, taking the fast path where it can, gives
    the same respondent or the same located messages as the model alone."""
    from revops.answers.answer_file import parse_answer_document, read_by_the_model
    from revops.answers.fast_path import well_formed
    from revops.foundation.yamlsource import parse_yaml

    text = yaml.dump(document, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
    located, problems = parse_yaml(text, SHOWN)
    assume(located is not None and not problems and isinstance(located.data, dict))
    data = located.data
    quick = well_formed(data, SHOWN, KNOWN)
    model = _outcome(read_by_the_model, data, located, SHOWN, KNOWN, [])
    assert (quick is not None) == (model[0] == "accepted"), (data, quick, model)
    if quick is not None:
        assert quick == model[1]
    else:
        assert model[1], "a refusal names at least one problem"
    assert _outcome(parse_answer_document, text, SHOWN, KNOWN) == model


def _readers(field) -> set:
    """The functions a model field's validators call, on the field or on a mapping's values."""
    found = {getattr(m, "func", None) for m in field.metadata}
    for argument in typing.get_args(field.annotation):
        for value in typing.get_args(argument):
            found |= {getattr(m, "func", None) for m in getattr(value, "__metadata__", ())}
    return found - {None}


def test_the_fast_path_restates_the_answer_model():
    """fast_path's tables are the AnswerFile model's fields: the same keys in the same order,
    required alike, and each value read by the function the model's validator calls (nested
    models: the same keys, each read by text_or_none)."""
    from revops.answers import fast_path
    from revops.answers.model import AnswerFile

    fields = AnswerFile.model_fields
    assert list(fast_path.FIELDS) == list(fields)
    assert [name for name, field in fields.items() if field.is_required()] == list(
        fast_path.REQUIRED
    )
    for name, kind in fast_path.FIELDS.items():
        field = fields[name]
        if isinstance(kind, fast_path.Labels):
            nested = typing.get_args(field.annotation)[0].model_fields
            assert tuple(nested) == kind.keys, name
            assert all(_readers(f) == {fast_path.text_or_none} for f in nested.values()), name
        elif isinstance(kind, fast_path.Each):
            assert typing.get_origin(typing.get_args(field.annotation)[0]) is dict, name
            assert _readers(field) == {kind.read}, name
        else:
            assert _readers(field) == {kind}, name


def test_a_value_the_model_refuses_is_refused_on_the_fast_path_too(tmp_path):
    """Found by the property test above: an empty list, empty text or 0 given as the
    respondent or the answers passed the fast path as if empty, and the model refuses them."""
    for line, message in [
        ("respondent: []", "'respondent' must be a mapping with name and role"),
        ("respondent: ''", "'respondent' must be a mapping with name and role"),
        ("answers: []", "'answers' must be a mapping of question id to answer"),
        ("answers: 0", "'answers' must be a mapping of question id to answer"),
    ]:
        path = tmp_path / "answers.yaml"
        text = "team: T\ndate: 2026-06-30\n" + line + "\n"
        path.write_text(text + ("" if line.startswith("answers") else "answers: {}\n"))
        result = revops("score", str(path))
        assert result.returncode == 1, line
        assert f"{path}:3: {message}" in result.stderr


def test_a_valid_answer_file_is_read_without_loading_pydantic(tmp_path):
    """The fast path's reason to be: reading a valid file costs no pydantic import (about
    0.1 s, the whole budget of a one-file run); a broken one loads the model to explain."""
    import subprocess
    import sys

    bank_file = tmp_path / "bank.json"
    bank_file.write_text(json.dumps(BANK), encoding="utf-8")
    probe = (
        "import json, sys\n"
        "from revops.answers.answer_file import parse_answer_document\n"
        "bank = json.load(open(sys.argv[1]))\n"
        "try:\n"
        "    parse_answer_document(sys.stdin.read(), 'f.yaml', bank)\n"
        "except Exception as error:\n"
        "    print(type(error).__name__)\n"
        "print('pydantic' in sys.modules)\n"
    )
    text = EXAMPLE.read_text(encoding="utf-8")
    for given_text, expected in [
        (text, "False\n"),
        (text.replace("team: ", "teem: ", 1), "InvalidInput\nTrue\n"),
    ]:
        result = subprocess.run(
            [sys.executable, "-c", probe, str(bank_file)],
            input=given_text,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout == expected, result.stderr
