"""Hostile input gets one located message and exit 1 (2 for a bad option), never a traceback:
deep nesting, merge keys, tags, control characters and duplicate ids, in content, answer
files and previous reports; plus the capped problem list and the checked --site-url."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml

from revops.cli.main import main

from .conftest import ROOT, revops

RULE = "playbook/rules/02-alignment.yaml"
TITLE = "title: Alignment is the North Star"  # line 3 of RULE
PLAYBOOK_QUESTION = "alignment-shared-targets"
LEADER = ROOT / "assessment/examples/single-leader.yaml"
DEEP = "nested more than 50 levels deep; these files need only a few levels, so flatten it"


def run(*args: str) -> tuple[int, str]:
    """The command in this process (as the fuzz test runs it): forty start-ups saved."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code
    assert "Traceback" not in err.getvalue() + out.getvalue()
    return code, err.getvalue()


def plant(project: Path, old: str, new: str, relative: str = RULE) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_only(project: Path, where: str, message: str) -> None:
    """validate fails with exactly this one problem."""
    code, err = run("validate", "--root", str(project))
    assert code == 1
    assert err == f"{where}: {message}\n1 problem found\n"


@pytest.mark.parametrize(
    "title,where",
    [
        ("title: " + "[" * 10_000 + "]" * 10_000, "3:57"),  # the 50th, under the root mapping
        ("title: " + "{a: " * 10_000 + "}" * 10_000, "3:204"),
        ("title:\n  " + "- " * 10_000 + "x", "4:101"),
        ("title:" + "".join(f"\n{' ' * depth}a:" for depth in range(1, 1_000)) + " x", "53:51"),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings"],
)
def test_deep_nesting_in_content(project, title, where):
    plant(project, TITLE, title)
    assert_only(project, f"{RULE}:{where}", DEEP)


def test_merge_key_in_content(project):
    plant(project, TITLE, f"<<: {{extra: 1}}\n{TITLE}")
    assert_only(
        project, f"{RULE}:3:1", "merge keys (<<) are not allowed; write the keys out in full"
    )


@pytest.mark.parametrize(
    "value,tag",
    [
        ("!!bool Alignment", "!!bool"),  # used to crash with KeyError
        ("!foo Alignment", "!foo"),
        ("!!int Alignment", "!!int"),
        ("!!float Alignment", "!!float"),
        ("!!timestamp Alignment", "!!timestamp"),
        ("!!str Alignment", "!!str"),
        ("!<tag:example.com,2026:x> Alignment", "tag:example.com,2026:x"),
    ],
)
def test_every_tag_in_content_is_refused(project, value, tag):
    plant(project, TITLE, f"title: {value}")
    assert_only(
        project,
        f"{RULE}:3:8",
        f"tag '{tag}' is not allowed; these files use no tags, so write the plain value",
    )


def test_tags_are_counted_and_the_first_is_shown(project):
    plant(project, TITLE, "title: !foo Alignment\nsummary2: !bar x")
    code, err = run("validate", "--root", str(project))
    assert code == 1
    assert f"{RULE}:3:8: tag '!foo' is not allowed (2 found; this is the first)" in err


@pytest.mark.parametrize(
    "character,code",
    [
        ("\x00", "U+0000"),
        ("\x07", "U+0007"),
        ("\x1b", "U+001B"),
        ("\x7f", "U+007F"),
        ("\x85", "U+0085"),
    ],
)
def test_control_character_in_content(project, character, code):
    plant(project, TITLE, f"title: Alignment{character} is the North Star{character}")
    assert_only(
        project,
        f"{RULE}:3:17",
        f"control character {code} is not allowed (2 found; "
        "this is the first); delete it (most editors do not show it)",
    )


def test_escaped_control_character_in_content(project):
    plant(project, TITLE, 'title: "Alignment\\0 is the North Star"')
    assert_only(
        project, f"{RULE}:3:8", "escaped control character U+0000 in a quoted value; delete it"
    )


DUPLICATES = [  # (file, where the list is, kind in the message)
    ("playbook/revops.yaml", ("components",), "component"),
    ("playbook/operating-model.yaml", ("network", "functions"), "function"),
    ("playbook/operating-model.yaml", ("network", "disciplines"), "discipline"),
    ("playbook/operating-model.yaml", ("network", "keeping_the_power_on"), "upkeep practice"),
    ("playbook/steps.yaml", ("steps",), "step"),
]


@pytest.mark.parametrize("relative,keys,kind", DUPLICATES, ids=[d[2] for d in DUPLICATES])
def test_duplicate_id_within_one_file(project, relative, keys, kind):
    items = yaml.safe_load((project / relative).read_text(encoding="utf-8"))
    for key in keys:
        items = items[key]
    first, second = items[0]["id"], items[1]["id"]
    plant(project, f"- id: {second}\n", f"- id: {first}\n", relative)
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    line = [i for i, text in enumerate(lines, 1) if text.endswith(f"- id: {first}")][1]
    column = lines[line - 1].index(first) + 1
    assert_only(
        project,
        f"{relative}:{line}:{column}",
        f"{kind} '{first}' is already defined; each {kind} is defined once",
    )


def test_validate_reads_the_example_answer_files(project):
    broken = project / "assessment/examples/broken.yaml"
    broken.write_text("team: T\ndate: 2026-01-31\nanswers:\n  nope: 3\n", encoding="utf-8")
    code, err = run("validate", "--root", str(project))
    assert code == 1
    assert err == (
        f"{broken}:4: unknown question id 'nope'; run `revops template` for the "
        "list\n1 problem found\n"
    )


def test_long_problem_list_is_capped(tmp_path):
    path = tmp_path / "wide.csv"
    question = PLAYBOOK_QUESTION
    path.write_text(
        f"respondent,role,{question}\n" + "".join(f"p{i},sales,{i + 6}\n" for i in range(60)),
        encoding="utf-8",
    )
    code, err = run("score", str(path))
    lines = err.splitlines()
    assert code == 1 and len(lines) == 52
    assert (
        lines[0] == f"{path}:2: column '{question}': 6 is out of range; use 1 to 5, n/a, "
        "unknown, or leave it empty, or an option's text"
    )
    assert lines[49].startswith(f"{path}:51: column '{question}': 55 is out of range")
    assert lines[50:] == ["... and 10 more problems", "60 problems found"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)//",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "/relative/path/",
        "http://",
        "ftp://example.com/",
        "https://example.com/a b",
        "https://example.com/?q=1",
    ],
)
def test_site_url_must_be_an_http_address(tmp_path, url):
    out = tmp_path / "report.html"
    code, err = run(
        "score", str(LEADER), "--format", "html", "--site-url", url, "--output", str(out)
    )
    assert code == 2
    assert f"argument --site-url: '{url}' is not an absolute http:// or https:// address" in err
    assert not out.exists()


def test_http_site_url_is_used_in_the_links():
    result = revops(
        "score", str(LEADER), "--format", "html", "--site-url", "http://127.0.0.1:8000/pb"
    )
    assert result.returncode == 0
    assert 'href="http://127.0.0.1:8000/pb/rules/' in result.stdout


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_deep_json_answer_file(tmp_path):
    path = write(
        tmp_path,
        "deep.json",
        '{"team": "T", "date": "2026-01-31", "answers": ' + "[" * 10_000 + "]" * 10_000 + "}",
    )
    code, err = run("score", str(path))
    assert code == 1 and err == f"{path}:1: {DEEP}\n1 problem found\n"


@pytest.mark.parametrize(
    "line,message",
    [
        (
            "team: !!int T",
            "tag '!!int' is not allowed; these files use no tags, so write the plain value",
        ),
        (
            "team: !!bool T",
            "tag '!!bool' is not allowed; these files use no tags, so write the plain value",
        ),
        ("<<: {team: T}", "merge keys (<<) are not allowed; write the keys out in full"),
    ],
)
def test_hostile_yaml_answer_file(tmp_path, line, message):
    path = write(tmp_path, "answers.yaml", f"{line}\ndate: 2026-01-31\nanswers: {{}}\n")
    code, err = run("score", str(path))
    assert code == 1 and err == f"{path}:1: {message}\n1 problem found\n"


def test_control_character_in_a_csv_cell(tmp_path):
    path = write(tmp_path, "team.csv", "respondent,role\nAnn,sales\nBo\x00,sales\n")
    code, err = run("score", str(path))
    assert code == 1
    assert err == (
        f"{path}:3:3: control character U+0000 is not allowed; delete it (most "
        "editors do not show it)\n1 problem found\n"
    )


def test_deep_json_previous_report(tmp_path):
    path = write(
        tmp_path,
        "previous.json",
        '{"schema_version": 1, "rules": ' + "[" * 100_000 + "]" * 100_000 + "}",
    )
    code, err = run("score", str(LEADER), "--previous", str(path))
    assert code == 1
    assert DEEP in err
