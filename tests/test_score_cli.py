"""`revops score` and `revops template` as a user runs them: output, exit codes, messages."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from revops.content.playbook import load_playbook
from revops.scoring.formula import round_half_up

from .conftest import ROOT, revops

PLAYBOOK = load_playbook(ROOT)
EXAMPLES = ROOT / "assessment/examples"
LEADER = EXAMPLES / "single-leader.yaml"
TEAM_Q1 = EXAMPLES / "leadership-team-2026-q1.csv"
TEAM_Q2 = EXAMPLES / "leadership-team-2026-q2.csv"
FIRST = PLAYBOOK.all_questions[0].id


def score(*args: str, cwd: Path = ROOT):
    result = revops("score", *args, cwd=cwd)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def answer_file(tmp_path, answers: str, head: str = "team: T\ndate: 2026-01-31\n") -> str:
    return write(tmp_path, "answers.yaml", f"{head}answers:\n{answers}")


def test_terminal_report_for_one_leader():
    result = score(str(LEADER))
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("RevOps maturity report: Northwind Software, 2026-03-31\n")
    for rule in PLAYBOOK.rules:
        assert rule.title in out
    assert "What to do next" in out and "█" in out


def test_team_report_shows_disagreement_and_change():
    result = score(str(TEAM_Q2), "--previous", str(TEAM_Q1), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == 3 and len(report["respondents"]) == 5
    assert {r["role"] for r in report["respondents"]} == {
        "sales",
        "marketing",
        "customer success",
        "finance",
        "RevOps",
    }
    assert any(rule["misaligned"] for rule in report["rules"])
    rule = report["rules"][0]
    assert set(rule) >= {
        "id",
        "title",
        "score",
        "level",
        "level_name",
        "answered",
        "questions",
        "status",
        "spread",
        "misaligned",
    }
    assert set(report["overall"]) == {"score", "level", "level_name", "coverage"}
    changes = report["comparison"]["rules"]
    assert len(changes) == len(PLAYBOOK.rules)
    assert all(c["delta"] == round_half_up(c["current"] - c["previous"], 2) for c in changes)


def test_previous_json_report_gives_the_same_comparison(tmp_path):
    out = tmp_path / "q1.json"
    assert score(str(TEAM_Q1), "--format", "json", "--output", str(out)).returncode == 0
    from_report = json.loads(score(str(TEAM_Q2), "--previous", str(out), "--format", "json").stdout)
    from_answers = json.loads(
        score(str(TEAM_Q2), "--previous", str(TEAM_Q1), "--format", "json").stdout
    )
    assert from_report["comparison"] == from_answers["comparison"]


@pytest.mark.parametrize(
    "fmt,marker",
    [("markdown", "| Rule | Score | Level |"), ("html", "<svg"), ("terminal", "Overall")],
)
def test_every_format_renders(fmt, marker):
    result = score(str(TEAM_Q2), "--previous", str(TEAM_Q1), "--format", fmt)
    assert result.returncode == 0 and marker in result.stdout


def test_html_report_is_self_contained():
    html = score(str(TEAM_Q1), "--format", "html").stdout
    assert "<style>" in html and "@page { size: A4" in html
    for forbidden in ("<script", "<link", "src=", "@import", "url("):
        assert forbidden not in html


def test_site_url_changes_the_links():
    report = json.loads(
        score(str(LEADER), "--format", "json", "--site-url", "http://example.test/book").stdout
    )
    assert report["recommendations"][0]["url"].startswith("http://example.test/book/rules/")


def test_several_files_are_several_respondents(tmp_path):
    a = write(tmp_path, "a.yaml", f"team: T\ndate: 2026-01-31\nanswers:\n  {FIRST}: 1\n")
    b = write(
        tmp_path,
        "b.json",
        json.dumps(
            {
                "team": "T",
                "date": "2026-01-31",
                "respondent": {"name": "B", "role": "sales"},
                "answers": {FIRST: 5},
            }
        ),
    )
    report = json.loads(score(a, b, "--format", "json").stdout)
    assert len(report["respondents"]) == 2
    assert report["rules"][0]["question_means"][FIRST] == 3.0


def test_csv_with_byte_order_mark(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffrespondent,role,".encode() + f"{FIRST}\r\nAnn,sales,4\r\n".encode())
    report = json.loads(score(str(path), "--format", "json").stdout)
    assert report["respondents"][0] == {"name": "Ann", "role": "sales", "source": str(path)}


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_template_is_a_valid_blank_answer_file(tmp_path, fmt):
    sheet = revops("template", "--format", fmt)
    assert sheet.returncode == 0
    for question in PLAYBOOK.all_questions:
        assert question.id in sheet.stdout
    if fmt == "yaml":
        unwrapped = re.sub(r"\n\s*#\s+", " ", sheet.stdout)
        assert PLAYBOOK.all_questions[0].text in unwrapped
        assert PLAYBOOK.all_questions[0].options[5] in unwrapped
    path = write(tmp_path, f"blank.{fmt}", sheet.stdout)
    if fmt == "csv":  # its one row is empty: nobody has answered yet
        result = score(path)
        assert result.returncode == 1
        assert "the file has no respondent rows; add one row per person" in result.stderr
        path = write(tmp_path, "one.csv", sheet.stdout.replace("\n,", "\nAnn,sales", 1))
    report = json.loads(score(path, "--format", "json").stdout)
    assert report["overall"]["coverage"] == 0 and report["overall"]["score"] is None


# One test per kind of bad input: exit 1 and the message, located by line.
def test_unknown_question_id(tmp_path):
    path = answer_file(tmp_path, f"  {FIRST}: 3\n  {FIRST[:-1]}x: 2\n")
    result = score(path)
    assert result.returncode == 1
    assert (
        f"{path}:5: unknown question id '{FIRST[:-1]}x'; did you mean '{FIRST}'?" in result.stderr
    )


def test_value_out_of_range(tmp_path):
    path = answer_file(tmp_path, f"  {FIRST}: 6\n")
    result = score(path)
    assert result.returncode == 1
    assert (
        f"{path}:4: answer to '{FIRST}': 6 is out of range; use 1 to 5, n/a, unknown"
        in result.stderr
    )


@pytest.mark.parametrize(
    "value,shown",
    [
        ("3.5", "3.5 is not an answer"),
        ("[1, 2]", "a list is not an answer"),
        ("yes", "True is not an answer"),
    ],
)
def test_wrong_type(tmp_path, value, shown):
    path = answer_file(tmp_path, f"  {FIRST}: {value}\n")
    result = score(path)
    assert result.returncode == 1
    assert f"{path}:4: answer to '{FIRST}': {shown}" in result.stderr


def test_duplicate_key(tmp_path):
    path = answer_file(tmp_path, f"  {FIRST}: 3\n  {FIRST}: 4\n")
    result = score(path)
    assert result.returncode == 1
    assert f"{path}:5: duplicate key '{FIRST}' (first used on line 4)" in result.stderr


def test_bad_date(tmp_path):
    path = answer_file(tmp_path, f"  {FIRST}: 3\n", head="team: T\ndate: 2026-02-31\n")
    result = score(path)
    assert result.returncode == 1
    assert f"{path}:2: bad date '2026-02-31'; write it as YYYY-MM-DD" in result.stderr


def test_invalid_yaml(tmp_path):
    path = answer_file(tmp_path, f"  {FIRST}: [3\n")
    result = score(path)
    assert result.returncode == 1
    assert f"{path}:5: invalid YAML:" in result.stderr


def test_invalid_csv(tmp_path):
    path = write(tmp_path, "bad.csv", f'respondent,role,{FIRST}\nAnn,"sales"x,3\n')
    result = score(path)
    assert result.returncode == 1
    assert f"{path}:2: invalid CSV:" in result.stderr


def test_csv_row_with_wrong_field_count_and_bad_value(tmp_path):
    path = write(tmp_path, "bad.csv", f"respondent,role,{FIRST}\nAnn,sales\nBo,sales,9\n")
    result = score(path)
    assert result.returncode == 1
    assert f"{path}:2: row has 2 fields but the header has 3" in result.stderr
    assert f"{path}:3: column '{FIRST}': 9 is out of range" in result.stderr


def test_empty_file(tmp_path):
    result = score(write(tmp_path, "empty.yaml", ""))
    assert result.returncode == 1
    assert "empty.yaml:1: file is empty" in result.stderr


def test_missing_file(tmp_path):
    result = score(str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.yaml'}: file not found" in result.stderr


def test_all_problems_in_all_files_are_listed(tmp_path):
    bad = answer_file(tmp_path, f"  {FIRST}: 0\n  nope: 1\n")
    result = score(bad, str(tmp_path / "missing.csv"))
    assert result.returncode == 1
    assert "out of range" in result.stderr and "unknown question id 'nope'" in result.stderr
    assert "missing.csv: file not found" in result.stderr
    assert result.stderr.strip().endswith("3 problems found")


@pytest.mark.parametrize(
    "args,message",
    [
        ([], "the following arguments are required: FILE"),
        ([str(LEADER), "--format", "pdf"], "invalid choice: 'pdf'"),
        ([str(LEADER), "--output", "/no/such/folder/report.html"], "does not exist"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = score(*args)
    assert result.returncode == 2
    assert message in result.stderr


# Every option of `revops score` that takes a value from a set, given one outside it: exit 2,
# the choices listed (as the README promises), nothing written.
@pytest.mark.parametrize(
    "option,value,choices",
    [
        ("--stage", "seed", "use one of early, scale-up, enterprise"),
        ("--stage", "scaleup", "did you mean 'scale-up'? Choose from early, scale-up, enterprise"),
        ("--motion", "freemium", "use one of sales-led, product-led, hybrid"),
        ("--date-order", "ymd", "invalid choice: 'ymd' (choose from 'dmy', 'mdy')"),
        ("--format", "pdf", "invalid choice: 'pdf' (choose from 'terminal', 'markdown'"),
        ("--reading", "no-such-metric=1", "readings are taken for "),
        ("--reading", "forecast-accuracy=high", "is not METRIC=NUMBER"),
        ("--top", "-1", "--top must be 0 or more"),
        ("--top", "three", "invalid int value: 'three'"),
        ("--date", "2026-13-01", "write it as YYYY-MM-DD"),
        ("--site-url", "ftp://example.com", "is not an absolute http:// or https:// address"),
    ],
)
def test_a_bad_option_value_exits_2_with_the_choices(tmp_path, option, value, choices):
    out = tmp_path / "report.md"
    result = score(str(LEADER), option, value, "--format=markdown", f"--output={out}")
    if option == "--format":
        result = score(str(LEADER), option, value, f"--output={out}")
    assert result.returncode == 2, result.stderr
    assert choices in result.stderr and not out.exists()
    assert "problem" not in result.stderr  # a usage error, not a count of bad input


def test_bad_option_values_are_all_named_before_any_answer_file_is_read(tmp_path):
    result = score(str(tmp_path / "gone.yaml"), "--stage", "seed", "--motion", "solo")
    assert result.returncode == 2
    assert "revops: error: --stage: unknown stage 'seed'" in result.stderr
    assert "revops: error: --motion: unknown motion 'solo'" in result.stderr
    assert "gone.yaml" not in result.stderr


def test_output_is_written_whole_or_not_at_all(tmp_path):
    out = tmp_path / "report.html"
    assert score(str(LEADER), "--format", "html", "--output", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    out.write_text("previous report", encoding="utf-8")
    bad = answer_file(tmp_path, f"  {FIRST}: 7\n")
    assert score(bad, "--format", "html", "--output", str(out)).returncode == 1
    assert out.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "report.html"]


def test_score_does_not_import_mkdocs():
    import subprocess
    import sys

    code = (
        "import sys; from revops.cli.main import main; "
        f"main(['score', {str(LEADER)!r}, '--format', 'json']); "
        "print('MKDOCS' if any(m.startswith('mkdocs') for m in sys.modules) else 'CLEAN', "
        "file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.stderr.strip().endswith("CLEAN")


def test_previous_that_is_a_folder_or_missing(tmp_path):
    folder = tmp_path / "old.json"
    folder.mkdir()
    result = score(str(LEADER), "--previous", str(folder))
    assert result.returncode == 1 and f"{folder}: is a folder, not a file" in result.stderr
    result = score(str(LEADER), "--previous", str(tmp_path / "gone.json"))
    assert result.returncode == 1 and "gone.json: file not found" in result.stderr


def test_report_file_gets_the_users_normal_permissions(tmp_path):
    out = tmp_path / "report.md"
    result = revops(
        "score", str(EXAMPLES / "single-leader.yaml"), "--format", "markdown", "--output", str(out)
    )
    assert result.returncode == 0, result.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    out.chmod(0o640)  # a file that exists keeps the mode its owner gave it
    assert (
        revops(
            "score",
            str(EXAMPLES / "single-leader.yaml"),
            "--format",
            "markdown",
            "--output",
            str(out),
        ).returncode
        == 0
    )
    assert out.stat().st_mode & 0o777 == 0o640


def test_team_and_date_fill_what_a_filled_in_template_leaves_out(tmp_path):
    sheet = revops("template", "--format", "csv").stdout
    assert "\nrespondent,role,team,date," in sheet
    path = write(tmp_path, "team.csv", sheet.replace("\n,", "\nAnn,sales", 1))
    report = json.loads(
        score(path, "--format", "json", "--team", "Acme EU", "--date", "2026-06-30").stdout
    )
    assert (report["team"], report["date"]) == ("Acme EU", "2026-06-30")
    own = json.loads(
        score(str(EXAMPLES / "single-leader.yaml"), "--format", "json", "--team", "Other").stdout
    )
    assert own["team"] == "Northwind Software"  # a file's own team is kept
    bad = score(path, "--date", "30.06.2026")
    assert bad.returncode == 2 and "bad date '30.06.2026'" in bad.stderr


def test_reports_name_their_content_and_previous_warns_when_it_differs(tmp_path):
    first = json.loads(
        score(str(EXAMPLES / "leadership-team-2026-q1.csv"), "--format", "json").stdout
    )
    assert first["content"]["source"] == f"the playbook content in folder '{ROOT.name}'"
    for fmt in ("terminal", "markdown", "html"):
        shown = score(str(EXAMPLES / "single-leader.yaml"), "--format", fmt).stdout
        assert f"(question bank {first['content']['bank']})" in shown, fmt
    assert re.fullmatch(r"[0-9a-f]{16}", first["content"]["bank"])
    same = write(tmp_path, "same.json", json.dumps(first))
    result = score(str(EXAMPLES / "leadership-team-2026-q2.csv"), "--previous", same)
    assert result.returncode == 0 and "warning" not in result.stderr
    now, first["content"]["bank"] = first["content"]["bank"], "0123456789abcdef"
    other = write(tmp_path, "other.json", json.dumps(first))
    result = score(str(EXAMPLES / "leadership-team-2026-q2.csv"), "--previous", other)
    assert result.returncode == 0
    assert (
        f"warning: {other} was scored against other questions (bank 0123456789abcdef, now {now})"
    ) in result.stderr


def test_a_source_checkout_outside_its_project_says_what_to_do(tmp_path):
    result = score(str(EXAMPLES / "single-leader.yaml"), cwd=tmp_path)
    assert result.returncode == 1
    assert "carries no question bank" in result.stderr and "--root DIR" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["score", str(LEADER), "--format", "json", "--top", "2", "--stage", "seed"],
        ["score", "--anonymous", "--reading", "x=1", str(TEAM_Q1), str(TEAM_Q2)],
        ["score", "-h"],
        ["score"],
        ["score", "--format", "xml", str(LEADER)],
        ["score", str(LEADER), "--no-such-option"],
        ["template", "--format", "csv"],
        ["new", "-h"],
    ],
)
def test_the_parser_of_the_command_named_alone_parses_as_the_whole_one(argv, capsys):
    """main builds only the command its arguments name: what it parses, prints and exits
    with is what the parser of every command gives."""
    from revops.cli.parser import build_parser

    def parsed(parser):
        try:
            return vars(parser.parse_args(argv)), capsys.readouterr()
        except SystemExit as stop:
            return stop.code, capsys.readouterr()

    assert parsed(build_parser(argv[0])) == parsed(build_parser())
