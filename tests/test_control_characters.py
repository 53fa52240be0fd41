"""Control and text-direction characters: every reader refuses them with one located message
(characters.py holds the one definition; tests/cases/reading-*.json pin CSV, YAML and JSON for
both languages), and every report shows any that reach it as an escape."""

from __future__ import annotations

import html
import json
import shutil

import markdown
import openpyxl
import pytest

from revops.foundation.characters import REFUSED, position, refused_in, shown

from .conftest import ROOT, revops

EXAMPLES = ROOT / "assessment" / "examples"
# One of each kind: C0, DEL, C1 (the 8-bit CSI and next line), bidi override and isolate.
REFUSED_SAMPLES = ["\x1b", "\x7f", "\x9b", "\x85", "\u202e", "\u2066", "\u2069"]
# Characters that look alike but are text: tab, the right-to-left mark, no-break space.
ALLOWED_SAMPLES = ["\t", "\u200f", "\u00a0", "\u05d0"]
HELP = "is not allowed; delete it (most editors do not show it)"


def name(character: str) -> str:
    kind = "text-direction " if "\u202a" <= character <= "\u2069" else ""
    return f"{kind}control character U+{ord(character):04X}"


def test_the_definition():
    assert all(REFUSED.fullmatch(c) for c in REFUSED_SAMPLES)
    assert not any(REFUSED.search(c) for c in ALLOWED_SAMPLES)
    assert position("ab\r\ncd\re\nfg", 10) == (4, 2)
    assert shown("a\x9b31mb\u202ec") == "a\\u009b31mb\\u202ec"


def test_one_problem_for_many_placed_at_the_first():
    problem = refused_in("ok\nfine \u202eone\x9b\n", "x.csv")
    assert str(problem) == (
        "x.csv:2:6: text-direction control character U+202E is not "
        "allowed (2 found; this is the first); delete it (most editors "
        "do not show it)"
    )


@pytest.mark.parametrize("code", range(128))
def test_ascii_text_is_sifted_as_the_pattern_would(code):
    """refused_in checks ASCII text by deleting the allowed bytes, faster than the pattern:
    each ASCII character is refused by both or by neither."""
    text = f"respondent,role\nDana{chr(code)},sales\n"
    found = refused_in(text, "x.csv")
    assert (found is None) == (REFUSED.search(text) is None)
    if found is not None:
        assert str(found).startswith("x.csv:2:5: ")


@pytest.mark.parametrize("code", range(128))
def test_ascii_text_is_shown_as_the_pattern_would_show_it(code):
    """shown passes ASCII text free of refused characters through untouched, sifted as
    refused_in sifts it: each ASCII character comes out as the pattern's escape would make it."""
    text = f"Dana{chr(code)} ran"
    assert shown(text) == REFUSED.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


@pytest.mark.parametrize("character", REFUSED_SAMPLES)
def test_csv_cell(tmp_path, character):
    path = tmp_path / "team.csv"
    path.write_text(f"respondent,role,tool-crm\nAnn,sa{character}les,3\n", encoding="utf-8")
    result = revops("score", str(path))
    assert result.returncode == 1
    assert result.stderr == f"{path}:2:7: {name(character)} {HELP}\n1 problem found\n"


@pytest.mark.parametrize("character", ["\x9b", "\u202e", "\u2067"])
def test_spreadsheet_cell(tmp_path, character):
    path = tmp_path / "team.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Answers"
    for row in (
        ["respondent", "role", "tool-crm"],
        ["Ann", "sales", 3],
        ["Bo", f"mar{character}keting", 4],
    ):
        book.active.append(row)
    book.save(path)
    result = revops("score", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"{path} (sheet 'Answers'):3:2: {name(character)} {HELP}\n1 problem found\n"
    )


TAIL = "date: 2026-06-30\nanswers: {}\n"


@pytest.mark.parametrize(
    "file_name,text,where,what",
    [
        (
            "ann.yaml",
            "team: T\x00\n" + TAIL,
            "1:8",
            "control character U+0000 is not allowed; "
            "delete it (most editors do not show it)\n1 problem found\n",
        ),
        (
            "ann.yaml",
            "team: North\u202ewind\n" + TAIL,
            "1:12",
            "text-direction control character U+202E is not allowed",
        ),
        (
            "ann.yaml",
            'team: "North\\u2066wind"\n' + TAIL,
            "1",
            "escaped control character U+2066 in a quoted value; delete it",
        ),
        (
            "ann.json",
            '{"team": "North\\u009bwind", "date": "2026-06-30", "answers": {}}',
            "1",
            "escaped control character U+009B in a quoted value; delete it",
        ),
        (
            "ann.json",
            '{"team": "North\u2069wind", "date": "2026-06-30", "answers": {}}',
            "1:16",
            "text-direction control character U+2069 is not allowed",
        ),
    ],
)
def test_yaml_and_json_answer_files(tmp_path, file_name, text, where, what):
    path = tmp_path / file_name
    path.write_text(text, encoding="utf-8")
    result = revops("score", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:{where}: {what}"), result.stderr


def yaml_answers(tmp_path, team: str, date: str = "2026-06-30"):
    path = tmp_path / "ann.yaml"
    path.write_text(
        f"team: {team}\ndate: {date}\nrespondent: {{name: Ann, role: sales}}\n"
        "answers:\n  tech-stack-governance: 3\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("team", ["null", "~", "''", "'  '"])
def test_team_option_fills_a_yaml_file_that_leaves_it_empty(tmp_path, team):
    path = yaml_answers(tmp_path, team)
    report = revops("score", str(path), "--team", "Acme EU", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["team"] == "Acme EU"
    refused = revops("score", str(path))  # without --team the file must name it
    assert refused.returncode == 1 and "'team' is required" in refused.stderr


def test_date_option_fills_a_yaml_file_that_leaves_it_empty(tmp_path):
    path = yaml_answers(tmp_path, "Acme", date="null")
    report = revops("score", str(path), "--date", "2026-05-01", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["date"] == "2026-05-01"


def test_a_file_that_names_its_team_keeps_it(tmp_path):
    report = revops(
        "score", str(yaml_answers(tmp_path, "Northwind")), "--team", "Other", "--format", "json"
    )
    assert json.loads(report.stdout)["team"] == "Northwind"


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_reports_show_control_characters_escaped(tmp_path, fmt):
    """A file name is not read through any reader: the overlay's name reaches the report
    as the filesystem gives it, escapes and line breaks included."""
    overlay = tmp_path / "evil\x1b[2J\x9b31m\u202e\nline.yaml"
    shutil.copy(ROOT / "overlays" / "example.yaml", overlay)
    result = revops(
        "score", str(EXAMPLES / "single-leader.yaml"), "--overlay", str(overlay), "--format", fmt
    )
    assert result.returncode == 0, result.stderr
    assert not REFUSED.search(result.stdout)
    shown_text = {
        "terminal": lambda text: text,
        "html": html.unescape,
        "markdown": lambda text: html.unescape(markdown.markdown(text)),
    }[fmt]
    assert "evil\\u001b[2J\\u009b31m\\u202e line.yaml" in shown_text(result.stdout)


@pytest.mark.parametrize("character", ["\x1b", "\x9b", "\u202e"])
def test_a_file_name_reaches_stderr_and_the_json_report_escaped(tmp_path, character):
    """A file's own name is the one text no reader checks: messages and the JSON report show
    its control characters as escapes, and a JSON reader gets the name back whole."""
    named = tmp_path / f"leader{character}[2J.yaml"
    shutil.copy(EXAMPLES / "single-leader.yaml", named)
    missing = revops("score", str(tmp_path / f"gone{character}.yaml"))
    assert missing.returncode == 1 and character not in missing.stderr
    assert f"gone\\u{ord(character):04x}.yaml: file not found" in missing.stderr
    scored = revops("score", str(named), "--format", "json", "--output", str(tmp_path / "r.json"))
    assert scored.returncode == 0, scored.stderr
    assert character not in scored.stderr
    text = (tmp_path / "r.json").read_text(encoding="utf-8")
    assert character not in text and f"\\u{ord(character):04x}" in text
    sources = {r["source"] for r in json.loads(text)["respondents"]}
    assert str(named) in sources


def test_an_earlier_reports_own_text_reaches_stderr_escaped(tmp_path):
    earlier = revops("score", str(EXAMPLES / "leadership-team-2026-q1.csv"), "--format", "json")
    report = json.loads(earlier.stdout)
    report["content"]["bank"] = "\x1b[31mred\x9b"
    path = tmp_path / "q1.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    result = revops("score", str(EXAMPLES / "leadership-team-2026-q2.csv"), "--previous", str(path))
    assert result.returncode == 0, result.stderr
    assert "(bank \\u001b[31mred\\u009b, now " in result.stderr
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr
