"""The scoring formula, pinned on hand-computed examples and checked by properties."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revops.advice.history import compare
from revops.advice.recommendations import recommend
from revops.answers.documents import Respondent, Responses
from revops.bank.build import bank as bank_of
from revops.content.playbook import load_playbook
from revops.scoring import fast, formula
from revops.scoring.formula import Roles, Scale, round_half_up

from .conftest import ROOT, examples

PLAYBOOK = load_playbook(ROOT)
PLAYBOOK_BANK = bank_of(PLAYBOOK)
SCALE = Scale.of(PLAYBOOK_BANK)
QUESTION_IDS = [q.id for q in PLAYBOOK.all_questions]


def score(people: list[Respondent], bank: dict = PLAYBOOK_BANK) -> formula.Result:
    """The fast scorer's result, checked equal to the plain formula's on every call."""
    fast_result = fast.score(bank, Responses(people))
    assert formula.score(bank, Responses(people)) == fast_result
    return fast_result


def person(answers: dict, role: str | None = None, name: str | None = None) -> Respondent:
    return Respondent("test", "Team", None, name, role, dict(answers))


def rule_result(result, rule_id):
    return next(r for r in result.rules if r.id == rule_id)


def ids(rule_id: str) -> list[str]:
    return [q.id for q in PLAYBOOK.questions[rule_id]]


def test_weighted_mean_leaves_out_na_and_unknown():
    q = PLAYBOOK.questions["data-and-insights"]
    weighted = bank_of(PLAYBOOK)  # the first question counts double here
    weighted["rules"][0]["questions"][0]["weight"] = 2
    assert [x["weight"] for x in weighted["rules"][0]["questions"]][:3] == [2, 1, 1]
    answers = {q[0].id: 4, q[1].id: 2, q[2].id: "n/a", q[3].id: "unknown", q[4].id: 3}
    rule = rule_result(score([person(answers)], weighted), "data-and-insights")
    # (2*4 + 1*2 + 2*3) / (2 + 1 + 2) = 16 / 5 = 3.2; the plain mean (4 + 2 + 3) / 3 = 3.0
    assert rule.score == 3.2 and rule.level == 3 and rule.level_name == "Defined"
    assert rule.unweighted == 3.0
    assert (rule.answered, rule.questions, rule.not_applicable, rule.unknown) == (3, len(q), 1, 1)


def test_the_money_questions_weigh_two_in_the_playbook_score():
    """Measurement as the playbook weighs it: its two money questions (quota setting,
    forecast accuracy) count 2, the other four 1, worked out by hand."""
    weights = {question.id: question.weight for question in PLAYBOOK.questions["measurement"]}
    assert weights == {
        "measure-kpi-definitions": 1,
        "measure-target-setting": 1,
        "measure-early-warning": 1,
        "measure-reporting": 1,
        "measure-quota-setting": 2,
        "measure-forecast-accuracy": 2,
    }
    levels = dict(zip(weights, [4, 4, 3, 4, 1, 2], strict=True))
    rule = rule_result(score([person(levels)]), "measurement")
    # (4 + 4 + 3 + 4 + 2*1 + 2*2) / (1 + 1 + 1 + 1 + 2 + 2) = 21 / 8 = 2.625 -> 2.63
    assert rule.score == 2.63 and rule.level == 2
    # (4 + 4 + 3 + 4 + 1 + 2) / 6 = 3.0: the weights moved it from level 3 to level 2
    assert rule.unweighted == 3.0


def test_fewer_than_half_answered_is_insufficient_not_zero():
    q = ids("alignment")
    result = score([person({q[0]: 5, q[1]: "n/a", q[2]: "unknown"})])
    rule = rule_result(result, "alignment")
    assert rule.status == "insufficient" and rule.score is None and rule.level is None
    advice = recommend(PLAYBOOK_BANK, result.rules, 3)
    assert "alignment" not in [r.rule_id for r in advice]


def test_rounding_is_half_up():
    q = ids("alignment")
    a = person({q[0]: 1, q[1]: 1, q[2]: 1, q[3]: 1})
    b = person({q[0]: 1, q[1]: 1, q[2]: 2, q[3]: 1})
    # question means 1, 1, 1.5, 1 -> 4.5 / 4 = 1.125 -> 1.13 (banker's rounding gives 1.12)
    assert rule_result(score([a, b]), "alignment").score == 1.13
    assert round_half_up(0.125, 2) == 0.13


def test_level_bands_are_whole_numbers_reached():
    assert [SCALE.level_of(s) for s in (1.0, 1.99, 2.0, 3.5, 4.99, 5.0)] == [1, 1, 2, 3, 4, 5]


def test_overall_is_the_mean_of_scored_rules():
    answers = {}
    for i, rule in enumerate(PLAYBOOK.rules[:4]):
        answers |= {qid: i + 1 for qid in ids(rule.id)}  # rules score 1, 2, 3, 4; rest empty
    result = score([person(answers)])
    assert result.score == 2.5 and result.level == 2
    asked = sum(len(ids(rule.id)) for rule in PLAYBOOK.rules[:4])
    assert result.coverage == round(asked / len(QUESTION_IDS), 2)


def test_team_spread_misalignment_and_function_means():
    q = ids("alignment")
    sales = person({x: 5 for x in q}, role="sales")
    success = person({x: 1 for x in q}, role="customer success")
    marketing = person({x: 3 for x in q}, role="marketing")
    rule = rule_result(score([sales, success, marketing]), "alignment")
    assert rule.score == 3.0
    assert (rule.spread.min, rule.spread.max, rule.spread.respondents) == (1.0, 5.0, 3)
    assert rule.spread.stdev == 1.63  # population sd of 5, 1, 3 = sqrt(8/3)
    assert rule.misaligned
    assert rule.by_role == {"customer success": 1.0, "marketing": 3.0, "sales": 5.0}
    close = rule_result(score([marketing, person({x: 4 for x in q})]), "alignment")
    assert not close.misaligned and close.spread.max - close.spread.min == 1


def test_recommendations_take_the_lowest_rules_and_the_next_level():
    answers = {}
    for i, rule in enumerate(PLAYBOOK.rules):
        answers |= {qid: [5, 2, 1, 3, 4, 5, 5, 5, 5, 2][i] for qid in ids(rule.id)}
    recs = recommend(PLAYBOOK_BANK, score([person(answers)]).rules, 3)
    assert [r.rule_id for r in recs] == [PLAYBOOK.rules[i].id for i in (2, 1, 9)]
    first = recs[0]
    rule = PLAYBOOK.rules[2]
    assert (first.level, first.next_level) == (1, 2)
    assert first.next_level_description == rule.maturity[2]
    assert first.actions[0].next_option == PLAYBOOK.questions[rule.id][0].options[2]
    assert first.practices[0][1].startswith(f"rules/{rule.id}/#practice-")


def test_comparison_gives_change_per_rule():
    q = ids("alignment")
    result = score([person({x: 4 for x in q})])
    comparison = compare(PLAYBOOK_BANK, result, {"alignment": 2.5}, 2.5)
    change = next(c for c in comparison.rules if c.id == "alignment")
    assert (change.previous, change.current, change.delta) == (2.5, 4.0, 1.5)
    other = next(c for c in comparison.rules if c.id == "measurement")
    assert other.delta is None


ANSWER = st.one_of(st.integers(1, 5), st.sampled_from(["n/a", "unknown", None]))
SHEET = st.fixed_dictionaries({qid: ANSWER for qid in QUESTION_IDS})
ROLE = st.sampled_from(["sales", "marketing", "customer success", None])


def scores(result) -> list:
    return (
        [result.score]
        + [r.score for r in result.rules]
        + [s for r in result.rules for s in r.by_role.values()]
    )


@pytest.mark.parametrize("value,expected", [(5, 5), (1, 1)])
def test_all_top_or_all_bottom_answers(value, expected):
    result = score([person({qid: value for qid in QUESTION_IDS})])
    assert {r.level for r in result.rules} == {expected}
    assert result.level == expected and result.score == float(expected)


@settings(max_examples=examples(150), deadline=None)
@given(sheets=st.lists(SHEET, min_size=1, max_size=4), data=st.data())
def test_raising_one_answer_never_lowers_a_score(sheets, data):
    before = score([person(s, role="sales") for s in sheets])
    which = data.draw(st.integers(0, len(sheets) - 1))
    raisable = [q for q, v in sheets[which].items() if isinstance(v, int) and v < 5]
    if not raisable:
        return
    qid = data.draw(st.sampled_from(raisable))
    raised = [dict(s) for s in sheets]
    raised[which][qid] += 1
    after = score([person(s, role="sales") for s in raised])
    for old, new in zip(scores(before), scores(after), strict=True):
        assert old is None and new is None or new >= old


@settings(max_examples=examples(100), deadline=None)
@given(sheets=st.lists(st.tuples(SHEET, ROLE), min_size=1, max_size=5), seed=st.integers())
def test_order_of_answers_and_respondents_changes_nothing(sheets, seed):
    shuffle = random.Random(seed)
    people = [person(s, role=r) for s, r in sheets]
    reordered = []
    for p in people:
        items = list(p.answers.items())
        shuffle.shuffle(items)
        reordered.append(person(dict(items), role=p.role))
    shuffle.shuffle(reordered)
    a, b = score(people), score(reordered)
    assert scores(a) == scores(b)
    assert [r.spread for r in a.rules] == [r.spread for r in b.rules]
    assert [r.misaligned for r in a.rules] == [r.misaligned for r in b.rules]
    assert [x.rule_id for x in recommend(PLAYBOOK_BANK, a.rules, 3)] == [
        x.rule_id for x in recommend(PLAYBOOK_BANK, b.rules, 3)
    ]


@settings(max_examples=examples(100), deadline=None)
@given(sheets=st.lists(SHEET, min_size=1, max_size=3))
def test_not_applicable_scores_exactly_like_unanswered(sheets):
    with_na = score([person(s) for s in sheets])
    blanked = score(
        [person({q: (None if v == "n/a" else v) for q, v in s.items()}) for s in sheets]
    )
    dropped = score([person({q: v for q, v in s.items() if v != "n/a"}) for s in sheets])
    assert scores(with_na) == scores(blanked) == scores(dropped)
    assert [r.status for r in with_na.rules] == [r.status for r in blanked.rules]


@settings(max_examples=examples(60), deadline=None)
@given(sheets=st.lists(SHEET, min_size=2, max_size=4))
def test_fast_per_respondent_scores_equal_scoring_each_alone(sheets):
    """own_scores (the loop used for spread) is a faster copy of rule_score: they agree."""
    team = score([person(s) for s in sheets])
    for rule in PLAYBOOK.rules:
        alone = [rule_result(score([person(s)]), rule.id).score for s in sheets]
        scored = [s for s in alone if s is not None]
        spread = rule_result(team, rule.id).spread
        if len(scored) >= 2:
            assert (spread.min, spread.max) == (min(scored), max(scored))
        else:
            assert spread is None


def test_own_spread_agrees_whether_added_a_byte_at_a_time_or_one_by_one():
    """The fast path and the loop it falls back to for very large rules give the spread of
    the same own scores to the last bit, and the plain formula agrees with both."""
    rng = random.Random(7)
    rule = PLAYBOOK_BANK["rules"][0]
    values = [1, 2, 3, 4, 5, "n/a", "unknown", None]
    columns = [[rng.choice(values) for _ in range(500)] for _ in rule["questions"]]
    coder = fast.Coder(SCALE.levels)
    coded = [coder.encode(column) for column in columns]
    packed = fast.own_spread(SCALE, coder, rule["questions"], coded)
    own = fast.own_scores_one_by_one(SCALE, coder, rule["questions"], coded)
    roles = Roles.of([person({}) for _ in range(500)])
    plain = formula.plain_tally(SCALE, rule["questions"], columns, roles).spread
    assert packed == formula.spread_of(SCALE, own) == plain
    assert any(s is None for s in own) and len(set(own)) > 5 and packed.respondents < 500
    heavy = [{**q, "weight": 5} for q in rule["questions"]] * 3  # 5 x 5 x 12 > 255: no byte
    assert fast.own_spread(SCALE, coder, heavy, coded * 3) == formula.spread_of(
        SCALE, fast.own_scores_one_by_one(SCALE, coder, heavy, coded * 3)
    )


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from([None, 1.0, 1.17, 2.33, 2.5, 3.67, 4.83, 5.0]), max_size=60))
def test_the_spread_of_keys_is_the_spread_of_the_scores_to_the_last_bit(own):
    """Summing each key's score, with 0.0 for a respondent without one, gives the very
    floats that spread_of's sums over the scores alone give."""
    exact = Scale(SCALE.levels, SCALE.names, {**SCALE.parameters, "decimals": 17})  # unrounded
    keys = [-1 if score is None else int(score * 100) for score in own]
    scores = dict(zip(keys, own, strict=True))
    expected = formula.spread_of(exact, own)
    assert fast.spread_of_keys(exact, keys, scores.__getitem__) == expected


VALUES = st.sampled_from([1, 2, 3, 4, 5, "n/a", "unknown", None])


@settings(max_examples=examples(150), deadline=None)
@given(
    data=st.data(),
    rows=st.integers(0, 40),
    weights=st.lists(st.integers(1, 9), max_size=12),
    roles=st.lists(st.sampled_from(["sales", "marketing", "finance", None]), min_size=1),
)
def test_packed_tally_equals_the_plain_tally(data, rows, weights, roles):
    """fast.packed_tally gives exactly what formula.plain_tally defines: counts, each
    respondent's own score and each role's, for any weights (heavy ones too) and roles, and
    for a rule left without questions."""
    questions = [{"id": f"q{i}", "weight": w} for i, w in enumerate(weights)]
    columns = [data.draw(st.lists(VALUES, min_size=rows, max_size=rows)) for _ in questions]
    people = [person({}, role=roles[row % len(roles)]) for row in range(rows)]
    for grouped in (Roles.of(people), None):  # no respondents: roles without a group
        plain = formula.plain_tally(SCALE, questions, columns, grouped)
        assert fast.packed_tally(SCALE, questions, columns, grouped) == plain


@pytest.mark.parametrize("roles", [3, 31, 32, 33, 200])
def test_scores_by_role_agree_for_few_roles_and_for_many(roles):
    """Roles are counted in the question's bytes while roles x codes fit a byte (32 roles on
    a five-level scale), and summed over the rows sorted by role past it: both give the
    plain formula's scores, and the two ways agree where both apply."""
    rng = random.Random(roles)
    values = [1, 2, 3, 4, 5, "n/a", "unknown", None]
    questions = [{"id": f"q{i}", "weight": rng.randint(1, 5)} for i in range(6)]
    columns = [[rng.choice(values) for _ in range(400)] for _ in questions]
    people = [person({}, role=f"role {rng.randrange(roles)}") for _ in range(400)]
    grouped = Roles.of(people)
    plain = formula.plain_tally(SCALE, questions, columns, grouped)
    assert fast.packed_tally(SCALE, questions, columns, grouped) == plain
    coder = fast.Coder(SCALE.levels)
    coded = [coder.encode(column) for column in columns]
    if len(grouped.groups) * len(coder.code) <= fast.FIELD_LIMIT:
        by_role = fast.level_counts_by_role(coder, coded, grouped, {})
        assert by_role is not None
        counted = fast.role_sums(coder, by_role, grouped)
        assert counted == fast.sums_sorted_by_role(coder, coded, grouped)
