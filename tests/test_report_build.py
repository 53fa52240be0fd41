"""The report is made one way (reports/build.py), as the pydantic Report that revops.assess
returns or as the plain values `revops score` writes without importing pydantic; the two are
the same report, byte for byte, in every format."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revops.advice.assessment import advise
from revops.advice.history import Earlier
from revops.answers.documents import Respondent, Responses
from revops.api import assess, assess_dump
from revops.bank.build import bank
from revops.content.playbook import load_playbook
from revops.reports import FORMATS, render
from revops.reports.build import ScoredAgainst, as_models, build_report, report_dump
from revops.scoring import fast

from .conftest import ROOT, examples

PLAYBOOK = load_playbook(ROOT)
BANK = bank(PLAYBOOK)
EXAMPLES = ROOT / "assessment" / "examples"
LEADER = EXAMPLES / "single-leader.yaml"
Q1, Q2 = EXAMPLES / "leadership-team-2026-q1.csv", EXAMPLES / "leadership-team-2026-q2.csv"
RUNS = {
    "single": ([LEADER], {}),
    "single-stage": ([LEADER], {"stage": "early", "motion": "product-led", "top": 5}),
    "q1-anonymous": ([Q1], {"anonymous": True, "readings": ["forecast-accuracy=0.82"]}),
    "q2-previous": ([Q2], {"previous": [Q1], "stage": "scale-up"}),
    "teams-together": ([Q1, LEADER], {"readings": {"data-completeness": 0.9}}),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", RUNS)
def test_the_model_and_the_plain_values_render_alike(name, fmt):
    files, options = RUNS[name]
    quiet = {**options, "notify": lambda text: None}
    assert render(assess(ROOT, files, **quiet), fmt) == render(
        assess_dump(ROOT, files, **quiet), fmt
    )


ANSWER = st.sampled_from([1, 2, 3, 4, 5, "n/a", "unknown", None])
QUESTIONS = [q.id for q in PLAYBOOK.all_questions]


@settings(max_examples=examples(40), deadline=None)
@given(
    sheets=st.lists(
        st.tuples(
            st.fixed_dictionaries({q: ANSWER for q in QUESTIONS}),
            st.sampled_from(["sales", "marketing", None]),
        ),
        min_size=1,
        max_size=4,
    ),
    top=st.integers(0, 5),
    history=st.booleans(),
)
def test_any_team_makes_the_same_report_either_way(sheets, top, history):
    people = Responses(
        Respondent("t", "T", None, f"p{i}", role, answers)
        for i, (answers, role) in enumerate(sheets)
    )
    result = fast.score(BANK, people)
    earlier = [Earlier.of("before", "2020-01-01", result.score, result.rules)] if history else []
    readings = {"forecast-accuracy": 0.6, "data-completeness": 1}  # a whole number too
    assessment = advise(BANK, result, top=top, earlier=earlier, readings=readings)
    content = ScoredAgainst("here", "0123", {"file": "o.yaml"})
    model = build_report(assessment, BANK["parameters"], "https://x.example/", content)
    plain = report_dump(assessment, BANK["parameters"], "https://x.example/", content)
    assert render(model, "json") == render(plain, "json")


def test_the_models_refuse_a_field_they_do_not_declare():
    with pytest.raises(TypeError, match="Spread has no field mean"):
        as_models("Spread", min=1.0, max=2.0, stdev=0.5, respondents=2, mean=1.5)


def test_scoring_one_file_does_not_import_pydantic():
    """Importing pydantic takes longer than scoring one answer file: `revops score` must
    not need it (the speed budget of scripts/bench_scoring.py)."""
    code = (
        "import sys; from revops.cli.main import main; "
        f"main(['score', {str(LEADER)!r}, '--format', 'json']); "
        "print(sorted(m for m in sys.modules if m.startswith('pydantic'))[:3], file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.stderr.strip().endswith("[]"), done.stderr


JSON_TEXT = st.text(alphabet=st.sampled_from(list('ab{}[], "\\:é\n')), max_size=8)
JSON_VALUE = st.recursive(
    st.none() | st.integers(-3, 3) | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(JSON_TEXT, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.dictionaries(JSON_TEXT, JSON_VALUE, max_size=3) | JSON_VALUE, max_size=5))
def test_a_list_in_the_json_report_has_each_item_on_a_line_as_dumped_alone(items):
    """to_json dumps a list of objects in one call and breaks it between them; what it
    writes is each item dumped alone, one to a line, whatever '}, {' a text or a nested list
    holds."""
    import json

    from revops.reports import to_json

    dumped = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in items)
    expected = f'  "list": [\n    {dumped}\n  ]' if items else '  "list": []'
    assert to_json({"list": items}) == "{\n" + expected + "\n}\n"


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.sampled_from(["name", "role", "source", "é\\", '"']), min_size=1, max_size=3, unique=True
    ),
    st.lists(
        st.lists(
            st.none() | JSON_TEXT | st.sampled_from(["", "\x1b", "\x7f", "}, {"]),
            min_size=3,
            max_size=3,
        ),
        max_size=6,
    ),
)
def test_objects_of_text_with_the_same_keys_are_written_as_dumped_alone(keys, rows):
    """A list of objects with the same keys and only text or null in them (a team's
    respondents) is written a value at a time: the same text as each item dumped alone."""
    import json

    from revops.reports import to_json

    items = [dict(zip(keys, row, strict=False)) for row in rows]
    dumped = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in items)
    expected = f'  "list": [\n    {dumped}\n  ]' if items else '  "list": []'
    text = "{\n" + expected + "\n}\n"
    assert to_json({"list": items}) == text.replace("\x7f", "\\u007f")
