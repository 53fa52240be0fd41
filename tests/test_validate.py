"""`revops validate` on broken copies of the content: one test per kind of bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import revops

RULE = "playbook/rules/02-alignment.yaml"


def validate(project: Path) -> tuple[int, str]:
    result = revops("validate", "--root", str(project))
    assert "Traceback" not in result.stderr + result.stdout
    return result.returncode, result.stderr


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, relative: str, fragment: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def test_valid_content_prints_summary_and_exits_0():
    result = revops("validate")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"OK: 10 rules, \d+ questions, 5 roadmap steps, 5 levels, \d+ metrics "
        r"and \d+ forums in \d+ files are valid; 3 example answer files read\n",
        result.stdout,
    )


def test_root_option_and_wrong_root(tmp_path):
    code, err = validate(tmp_path)
    assert code == 1
    assert "no playbook/ and assessment/ folders here" in err


def test_invalid_yaml_syntax(project):
    edit(project, RULE, "title: Alignment is the North Star", "title: [Alignment is the North")
    code, err = validate(project)
    assert code == 1
    assert re.search(rf"^{RULE}:\d+:\d+: invalid YAML: .*check indentation", err, re.M)


def test_empty_file(project):
    (project / RULE).write_text("# just a comment\n", encoding="utf-8")
    code, err = validate(project)
    assert code == 1
    assert f"{RULE}:1:1: file is empty; add content or delete the file" in err


def test_missing_required_field(project):
    line = line_of(project, RULE, "summary:")
    text = (project / RULE).read_text(encoding="utf-8").splitlines(keepends=True)
    end = next(i for i in range(line, len(text)) if not text[i].startswith(" "))
    (project / RULE).write_text("".join(text[: line - 1] + text[end:]), encoding="utf-8")
    code, err = validate(project)
    assert code == 1
    assert f"{RULE}:2:1: missing required field 'summary'; add it here" in err


def test_wrong_type(project):
    edit(project, RULE, "title: Alignment is the North Star", "title: [a, list]")
    code, err = validate(project)
    line = line_of(project, RULE, "title:")
    assert code == 1
    assert f"{RULE}:{line}:1: 'title' must be text, not a list" in err


def test_unknown_key_suggests_the_right_one(project):
    edit(project, RULE, "practices:", "practises:")
    code, err = validate(project)
    line = line_of(project, RULE, "practises:")
    assert code == 1
    assert f"{RULE}:{line}:1: unknown key 'practises'; did you mean 'practices'?" in err


def test_duplicate_key(project):
    edit(project, RULE, "title: Alignment", "title: Again\ntitle: Alignment")
    code, err = validate(project)
    line = line_of(project, RULE, "title: Alignment")
    assert code == 1
    assert f"{RULE}:{line}:1: duplicate key 'title' (first used on line {line - 1})" in err


def test_duplicate_rule_id(project):
    source = (project / RULE).read_text(encoding="utf-8")
    (project / "playbook/rules/11-alignment.yaml").write_text(source, encoding="utf-8")
    code, err = validate(project)
    assert code == 1
    assert (
        "playbook/rules/11-alignment.yaml:2:5: duplicate rule id 'alignment', also in "
        f"{RULE}; give one of them another id" in err
    )


def test_duplicate_question_id(project):
    path = "assessment/questions/transparency.yaml"
    first_question = re.compile(r"questions:\n  - id: (\S+)")  # not a retired id
    first = first_question.search((project / path).read_text(encoding="utf-8")).group(1)
    other = first_question.search(
        (project / "assessment/questions/alignment.yaml").read_text(encoding="utf-8")
    ).group(1)
    edit(project, path, f"- id: {first}", f"- id: {other}")
    code, err = validate(project)
    assert code == 1
    assert f"duplicate question id '{other}', also in assessment/questions/alignment.yaml" in err


def test_reference_to_missing_rule(project):
    edit(project, "playbook/steps.yaml", "      - process-and-flexibility", "      - forecasting")
    code, err = validate(project)
    line = line_of(project, "playbook/steps.yaml", "- forecasting")
    assert code == 1
    assert (
        f"playbook/steps.yaml:{line}:9: unknown rule 'forecasting'; rule ids are defined "
        "in playbook/rules/" in err
    )


def test_alias_bomb_is_refused_quickly(project):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(ord("b"), ord("j")):
        previous = chr(i - 1)
        bomb.append(f"{chr(i)}: &{chr(i)} [" + ",".join([f"*{previous}"] * 9) + "]")
    (project / RULE).write_text("\n".join(bomb) + "\n", encoding="utf-8")
    code, err = validate(project)
    assert code == 1
    assert (
        f"{RULE}:2:1: aliases (*name) are not allowed (72 found; this is the first); "
        "write the value out in full" in err
    )


def test_oversized_file(project):
    with (project / RULE).open("a", encoding="utf-8") as handle:
        handle.write("# padding\n" * 120_000)
    code, err = validate(project)
    assert code == 1
    assert f"{RULE}:1:1: file is larger than 1000 kB" in err


def test_every_problem_is_reported_together(project):
    edit(project, RULE, "practices:", "practises:")
    edit(project, "playbook/steps.yaml", "      - process-and-flexibility", "      - nope")
    (project / "playbook/revops.yaml").write_text("", encoding="utf-8")
    code, err = validate(project)
    assert code == 1
    assert "unknown key 'practises'" in err and "unknown rule 'nope'" in err
    assert "playbook/revops.yaml:1:1: file is empty" in err
    assert err.strip().endswith("problems found")


@pytest.mark.parametrize("name", ["alignment.yaml", "2-alignment.yaml"])
def test_badly_named_rule_file(project, name):
    (project / RULE).rename(project / "playbook/rules" / name)
    code, err = validate(project)
    assert code == 1
    assert f"playbook/rules/{name}:1: rule files are named NN-<id>.yaml" in err


def test_questions_and_options_a_survey_export_could_not_tell_apart(project):
    relative = "assessment/questions/alignment.yaml"
    edit(
        project,
        relative,
        "text: How are targets set for sales, marketing and customer success?",
        "text: HOW are lifecycle stages such as lead, MQL, opportunity, and customer defined",
    )
    edit(
        project,
        relative,
        "      2: >-\n        Sales and marketing agree on definitions",
        "      2: Don't know.\n      9: >-\n        Sales and marketing agree on definitions",
    )
    code, errors = validate(project)
    assert code == 1
    text_line = line_of(project, relative, "text: HOW are lifecycle")
    assert (
        f"{relative}:{text_line}:11: reads the same as the text of question "
        "'alignment-shared-funnel'" in errors
    )
    option_line = line_of(project, relative, "2: Don't know.")
    assert (
        f"{relative}:{option_line}:7: reads the same as another option or a "
        "not-applicable or don't-know wording" in errors
    )
