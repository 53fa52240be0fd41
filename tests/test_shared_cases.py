"""The language-neutral cases in tests/cases, run against the Python readers and scorer.

tests/js/shared-cases.test.js runs the same files against the page's scripts under node, so
the two implementations agree wherever a case does not list an intended difference.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import random
import re
import subprocess
from pathlib import Path

import pytest

from revops.advice.assessment import advise
from revops.advice.history import compare
from revops.advice.plan import make_plan, quarter_end
from revops.advice.plan_limits import DEFAULT_LOAD, DEFAULT_QUARTERS, MAX_QUARTERS
from revops.advice.plan_model import UNOWNED
from revops.advice.targets import choose_targets
from revops.answers.documents import Respondent, Responses, drop_repeats, load_answer_files
from revops.api import _check_plan_end, assess_dump
from revops.bank.build import bank as bank_of
from revops.bank.model import Bank
from revops.content.playbook import load_playbook
from revops.foundation.problems import InvalidInput
from revops.foundation.values import Evidence
from revops.previous import Earlier, in_order, load_earlier
from revops.reports import texts
from revops.reports.build import build_report
from revops.reports.plan_formats import render_plan
from revops.scoring import fast

from .conftest import ROOT

CASES = ROOT / "tests/cases"
BANK = json.loads((CASES / "bank.json").read_text(encoding="utf-8"))
READING = sorted(CASES.glob("reading-*.json"))
OUTCOMES = ("accepted", "accepted_count", "refused", "problems")


def cases_in(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cases"]


def case_params(paths: list[Path]) -> list:
    return [
        pytest.param(case, id=f"{path.stem}: {case['name']}")
        for path in paths
        for case in cases_in(path)
    ]


def file_bytes(case: dict) -> bytes:
    if "base64" in case:
        return base64.b64decode(case["base64"])
    if "parts" in case:
        return "".join(text * times for text, times in case["parts"]).encode("utf-8")
    return case["text"].encode("utf-8")


def expected(case: dict, language: str) -> dict:
    """What this language should do: the shared outcome, unless the case lists a difference."""
    outcome = case.get("differs", {}).get(language, case)
    return {key: outcome[key] for key in OUTCOMES if key in outcome}


def respondent_dict(respondent: Respondent) -> dict:
    read = {
        "team": respondent.team,
        "date": respondent.date.isoformat() if respondent.date else None,
        "name": respondent.name,
        "role": respondent.role,
        "answers": dict(respondent.answers),
    }
    if respondent.profile:  # only files that name the company's stage or motion
        read["profile"] = respondent.profile
    if respondent.readings:  # only files that give metric readings
        read["metrics"] = respondent.readings
    if respondent.targets:  # only files that give a target
        read["targets"] = respondent.targets
    if respondent.evidence:  # only answers written with their evidence
        read["evidence"] = {
            question_id: {
                "text": found.text,
                "owner": found.owner,
                "checked": found.checked.isoformat() if found.checked else None,
            }
            for question_id, found in respondent.evidence.items()
        }
    return read


def read_in_python(case: dict, folder: Path) -> dict:
    """Read the case's file as `revops score` reads answers or --previous, from disk; with
    `one_per_person`, one answer set per person as the report counts them (people.py)."""
    path = folder / case["file"]
    path.write_bytes(file_bytes(case))
    try:
        if case.get("read_as") == "previous":
            earlier = load_earlier(path, BANK)
            return {"accepted": {"overall": earlier.overall, "rules": earlier.rules}}
        respondents = load_answer_files([path], BANK)
        if case.get("one_per_person"):  # as `revops score` keeps them
            respondents, _ = drop_repeats(respondents)
    except InvalidInput as error:
        return {
            "refused": "\n".join(problem.message for problem in error.problems),
            "problems": [(problem.line, problem.message) for problem in error.problems],
        }
    return {
        "accepted": [respondent_dict(r) for r in respondents],
        "notice": "\n".join(respondents.notices),
    }


@pytest.mark.parametrize("case", case_params(READING))
def test_reading_case(case, tmp_path):
    want, got = expected(case, "python"), read_in_python(case, tmp_path)
    if case.get("notice"):  # e.g. the encoding a CSV was read in
        assert case["notice"] in got.get("notice", ""), got
    if "problems" in want:  # the file's whole list, in order: [line, part of the message]
        assert "problems" in got, f"accepted, but should be refused with {want['problems']!r}"
        assert [line for line, _ in got["problems"]] == [line for line, _ in want["problems"]], got
        for (_, message), (_, part) in zip(got["problems"], want["problems"], strict=True):
            assert part in message, (message, part)
    elif "refused" in want:
        assert "refused" in got, (
            f"accepted, but should be refused with {want['refused']!r}. {case.get('note', '')}"
        )
        assert want["refused"] in got["refused"]
    elif "accepted_count" in want:
        assert "accepted" in got, got.get("refused")
        assert len(got["accepted"]) == want["accepted_count"]
    else:
        assert got.get("accepted") == want["accepted"], got.get("refused")


def with_parameters(case: dict) -> dict:
    bank = json.loads(json.dumps(BANK))
    bank["parameters"].update(case.get("parameters", {}))
    return bank


def python_report(case: dict) -> dict:
    bank = with_parameters(case)
    respondents = [
        Respondent(
            "case",
            None,
            None,
            r["name"],
            r["role"],
            r["answers"],
            {
                question_id: Evidence(text or None)
                for question_id, text in r.get("evidence", {}).items()
            },
        )
        for r in case["respondents"]
    ]
    history = [
        Earlier("case", e["date"], e["overall"], e["rules"], e["question_means"])
        for e in case.get("history", [])
    ]
    return scored_report(bank, respondents, case, in_order(history, None) if history else [])


def scored_report(bank: dict, respondents: list, team: dict, earlier: list) -> dict:
    """The report's dump for respondents scored as `revops score` scores them, with the
    options, previous scores and history a case (or a random team) gives."""
    result = fast.score(bank, Responses(respondents))
    assessment = advise(
        bank,
        result,
        top=team.get("top", 3),
        profile=team.get("profile"),
        readings=team.get("readings"),
        earlier=earlier,
        targets=choose_targets(
            bank, team.get("targets", {}), (team.get("profile") or {}).get("stage")
        ),
    )
    if "plan" in team and assessment.targets:  # as `revops plan` makes it (api.assessment_of)
        options = team["plan"]
        start = dt.date.fromisoformat(options["start"])
        plan = make_plan(bank, assessment, start, options["quarters"], options["load"])
        assessment = assessment._replace(plan=plan)
    if "previous" in team and not earlier:
        previous = team["previous"]
        comparison = compare(bank, result, previous["rules"], previous["overall"])
        assessment = assessment._replace(comparison=comparison)
    return build_report(assessment, bank["parameters"], "https://example.org/").dump()


def check_report(report: dict, expect: dict) -> None:
    """Compare a report (the JSON of `revops score`) with what a scoring case expects."""
    if "overall" in expect:
        assert report["overall"] == expect["overall"]
    rules = {rule["id"]: rule for rule in report["rules"]}
    for rule_id, fields in expect.get("rules", {}).items():
        assert {key: rules[rule_id][key] for key in fields} == fields, rule_id
    recommendations = {r["rule"]: r for r in report["recommendations"]}
    if "recommendations" in expect:
        assert [r["rule"] for r in report["recommendations"]] == expect["recommendations"]
    for rule_id, actions in expect.get("actions", {}).items():
        assert [
            [a["question_id"], a["next_option"]] for a in recommendations[rule_id]["actions"]
        ] == actions
    for rule_id, (level, name, description) in expect.get("next_levels", {}).items():
        found = recommendations[rule_id]
        assert (found["next_level"], found["next_level_name"], found["next_level_description"]) == (
            level,
            name,
            description,
        )
    if "misaligned_recommendations" in expect:
        assert [r["rule"] for r in report["recommendations"] if r["misaligned"]] == expect[
            "misaligned_recommendations"
        ]
    if "comparison" in expect:
        assert report["comparison"] == expect["comparison"]
    for key in ("profile", "metrics", "history", "moved"):
        if key in expect:
            assert report[key] == expect[key], key
    for rule_id, (reason, later, guidance) in expect.get("reasons", {}).items():
        found = recommendations[rule_id]
        assert (found["reason"], found["later"], found["guidance"]) == (reason, later, guidance)
    for rule_id, unevidenced in expect.get("unevidenced", {}).items():
        assert recommendations[rule_id]["unevidenced"] == unevidenced, rule_id


@pytest.mark.parametrize("case", case_params([CASES / "scoring.json"]))
def test_scoring_case(case):
    check_report(python_report(case), case["expect"])


PLAN = json.loads((CASES / "plan.json").read_text(encoding="utf-8"))


def plan_report(case: dict) -> dict:
    """The report `revops plan` formats, for a plan case's respondents and options."""
    respondents = [
        Respondent(
            "case",
            case.get("team"),
            dt.date.fromisoformat(p["date"]),
            p["name"],
            p["role"],
            p["answers"],
        )
        for p in case["respondents"]
    ]
    options = {key: case[key] for key in ("targets", "quarters", "load", "start") if key in case}
    return assess_dump(BANK, respondents, **case["profile"], **options)


def check_plan(report: dict, expect: dict) -> None:
    plan = report["plan"]
    assert plan["start"] == expect["start"]
    items = [
        [
            i["rule_id"],
            i["level"],
            i["question_id"],
            i["owner"],
            i["quarter"],
            i["due"],
            i["overloaded"],
        ]
        for i in plan["items"]
    ]
    assert items == expect["items"]
    assert [[o["owner"], o["quarter"], o["items"]] for o in plan["overloads"]] == expect[
        "overloads"
    ]
    if "markdown" in expect:
        assert render_plan(report, "markdown") == "\n".join(expect["markdown"]) + "\n"
        assert render_plan(report, "csv") == "\r\n".join(expect["csv"])


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=f"plan.json: {c['name']}") for c in PLAN["cases"]]
)
def test_plan_case(case):
    check_plan(plan_report(case), case["expect"])


def test_plan_defaults_and_quarter_ends():
    assert PLAN["defaults"] == {
        "quarters": DEFAULT_QUARTERS,
        "max_quarters": MAX_QUARTERS,
        "load": DEFAULT_LOAD,
        "unowned": UNOWNED,
    }
    for start, quarter, last_day in PLAN["quarter_ends"]:
        assert quarter_end(dt.date.fromisoformat(start), quarter).isoformat() == last_day
        _check_plan_end(dt.date.fromisoformat(start), quarter)  # in time: no error
    for start, quarters in PLAN["after_9999"]:
        with pytest.raises(InvalidInput, match="ends after 9999"):
            _check_plan_end(dt.date.fromisoformat(start), quarters)


SENTENCES = cases_in(CASES / "sentences.json")


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=f"{c['function']}: {c['sentence']}") for c in SENTENCES]
)
def test_sentence_case(case):
    given = case["given"]
    arguments = ARGUMENTS.get(case["function"], lambda given: (given,))(given)
    found = getattr(texts, case["function"])(*arguments)
    assert ("\n".join(found) if isinstance(found, list) else found) == case["sentence"]


# Sentence functions that take more than the one value `given` holds.
ARGUMENTS = {"inconsistent_text": lambda given: (given["rule"], given["parameters"])}


def test_the_cases_are_well_formed():
    """Each case has one outcome, a unique name, and a reason for any difference it lists;
    the bank is one the content model could produce (weights are whole numbers 1 to 5)."""
    Bank.model_validate(BANK)
    assert all(q["weight"] in range(1, 6) for rule in BANK["rules"] for q in rule["questions"])
    for path in READING:
        names = set()
        for case in cases_in(path):
            assert case["name"] not in names, case["name"]
            names.add(case["name"])
            assert sum(key in case for key in OUTCOMES) == 1, case["name"]
            assert sum(key in case for key in ("text", "base64", "parts")) == 1, case["name"]
            assert re.fullmatch(r"[\w.-]+\.[a-z]+", case["file"]), case["file"]
            if "differs" in case:
                assert set(case["differs"]) - {"reason"} <= {"python", "js"}, case["name"]
                assert len(case["differs"]["reason"]) > 60, case["name"]


def test_a_wrong_expectation_fails(tmp_path):
    """The runner can fail: a case whose expected outcome is wrong is caught."""
    case = {
        "name": "wrong",
        "file": "x.yaml",
        "text": "team: T\ndate: 2026-06-30\nanswers: {}\n",
        "refused": "anything",
    }
    with pytest.raises(AssertionError):
        test_reading_case(case, tmp_path)
    scoring = cases_in(CASES / "scoring.json")[0]
    wrong = {**scoring, "expect": {**scoring["expect"], "recommendations": ["tooling"]}}
    with pytest.raises(AssertionError):
        test_scoring_case(wrong)
    planned = PLAN["cases"][0]
    reversed_items = {**planned["expect"], "items": planned["expect"]["items"][::-1]}
    with pytest.raises(AssertionError):
        check_plan(plan_report(planned), reversed_items)


# Evidence parameters a bank may set: (evidence_from_level, unevidenced_cap), None for absent.
EVIDENCE_PARAMETERS = [
    (None, None),
    (None, None),
    (None, 2),
    (None, 3),
    (4, None),
    (4, 3),
    (2, 1),
    (5, 4),
]


def random_evidence(rng: random.Random, answers: dict) -> dict:
    """Evidence for some answers, whatever their level; an empty text stands for none."""
    texts = ["https://crm.example/report", "pipeline review notes", ""]
    return {q: rng.choice(texts) for q in answers if rng.random() < 0.3}


def random_team(rng: random.Random, bank: dict) -> dict:
    ids = [q["id"] for rule in bank["rules"] for q in rule["questions"]]
    choices = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, "n/a", "unknown", None, None]
    people = [
        {
            "name": rng.choice([f"p{i}", f"p{i}", None]),
            "role": rng.choice(["sales", "marketing", "finance", None]),
            "answers": {q: rng.choice(choices) for q in ids if rng.random() < 0.9},
        }
        for i in range(rng.choice([1, 1, 2, 3, 5, 12]))
    ]
    for person in people:
        if rng.random() < 0.6:
            person["evidence"] = random_evidence(rng, person["answers"])
    team = {"respondents": people}
    from_level, cap = rng.choice(EVIDENCE_PARAMETERS)
    parameters = {
        key: value
        for key, value in (("evidence_from_level", from_level), ("unevidenced_cap", cap))
        if value is not None
    }
    if parameters:
        team["parameters"] = parameters
    if rng.random() < 0.3:
        team["previous"] = {
            "overall": rng.choice([None, 2.5, 3.14]),
            "rules": {rule["id"]: rng.choice([None, 1.5, 2.25, 4.0]) for rule in bank["rules"]},
        }
    elif rng.random() < 0.4:  # a history: earlier assessments in any order, with their means
        dates = rng.sample(
            ["2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"], rng.choice([1, 2, 3])
        )
        team["history"] = [
            {
                "date": date,
                "overall": rng.choice([None, 2.5, 3.14]),
                "rules": {rule["id"]: rng.choice([None, 1.5, 2.25, 4.0]) for rule in bank["rules"]},
                "question_means": {
                    q: rng.choice([None, 1.0, 2.5, 3.25, 4.75]) for q in ids if rng.random() < 0.8
                },
            }
            for date in dates
        ]
    guides = bank["profiles"]
    team["profile"] = {
        "stage": rng.choice([None, *[g["id"] for g in guides["stages"]]]),
        "motion": rng.choice([None, *[g["id"] for g in guides["motions"]]]),
    }
    rules = [rule["id"] for rule in bank["rules"]]
    team["targets"] = {
        rule: rng.choice([1, 2, 3, 4, 5]) for rule in rng.sample(rules, rng.choice([0, 0, 1, 3]))
    }
    team["plan"] = {
        "start": rng.choice(["2026-06-30", "2026-01-31", "2024-02-29", "2025-11-30", "2026-12-31"]),
        "quarters": rng.choice([1, 2, 2, 3, 8]),
        "load": rng.choice([1, 2, 3, 3, 5]),
    }
    team["readings"] = {
        metric: rng.choice([0.0, 0.5, 0.72, 0.85, 0.9, 1.0])
        for metric in bank["readings"]
        if rng.random() < 0.4
    }
    return team


def test_random_teams_score_alike_in_both_languages():
    """A differential check beyond the hand-worked cases: 300 random teams on the real bank,
    scored by Python and by the page's scorer under node, give the same report fields, their
    targets (the stage's and some given per rule) and improvement plans included."""
    bank = bank_of(load_playbook(ROOT))
    rng = random.Random(20261123)
    teams = [random_team(rng, bank) for _ in range(300)]
    node = subprocess.run(
        ["node", str(ROOT / "tests/js/score-json.js")],
        capture_output=True,
        text=True,
        check=True,
        input=json.dumps({"bank": bank, "siteRoot": "https://example.org/", "teams": teams}),
    )
    js_reports = json.loads(node.stdout)
    for team, js in zip(teams, js_reports, strict=True):
        parameters = {**bank["parameters"], **team.get("parameters", {})}
        respondents = [
            Respondent(
                "random",
                None,
                None,
                p["name"],
                p["role"],
                p["answers"],
                {
                    question_id: Evidence(text or None)
                    for question_id, text in p.get("evidence", {}).items()
                },
            )
            for p in team["respondents"]
        ]
        history = [
            Earlier("earlier", e["date"], e["overall"], e["rules"], e["question_means"])
            for e in team.get("history", [])
        ]
        python = scored_report(
            {**bank, "parameters": parameters},
            respondents,
            team,
            in_order(history, None) if history else [],
        )
        for key in ("overall", "rules", "recommendations", "profile", "metrics"):
            assert python[key] == js[key], (key, team)
        for key in ("comparison", "history", "moved", "plan"):
            assert python.get(key) == js.get(key), (key, team)
    planned = [js for js in js_reports if js.get("plan")]
    assert len(planned) > 100 and sum(len(js["plan"]["items"]) for js in planned) > 1000
    assert any(js["plan"]["overloads"] for js in planned)
