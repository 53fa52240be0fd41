"""Script payloads in YAML text never reach the site or a report: validation refuses them."""

from __future__ import annotations

import pytest

from .conftest import mkdocs_build, revops

RULE = "playbook/rules/02-alignment.yaml"
PAYLOADS = {
    "script": ("<script>alert(1)</script>", "raw HTML is not allowed (found '<s...')"),
    "onerror": ('<img src=x onerror="alert(1)">', "raw HTML is not allowed (found '<i...')"),
    "javascript-link": ("[click me](javascript:alert(1))", "'javascript:' links are not allowed"),
    "reference-link": (
        "see [here][x]\n\n[x]: JavaScript:alert(1)",
        "'JavaScript:' links are not allowed",
    ),
}


def plant(project, payload: str, field: str = "summary") -> None:
    path = project / RULE
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    body = "\n".join("  " + line for line in payload.splitlines())
    lines[start:end] = [f"{field}: |-", body]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_validate_refuses_the_payload(project, kind):
    payload, message = PAYLOADS[kind]
    plant(project, payload)
    result = revops("validate", "--root", str(project))
    assert result.returncode == 1
    assert f"{RULE}:" in result.stderr and message in result.stderr


def test_payload_in_a_question_is_refused_too(project):
    path = project / "assessment/questions/alignment.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("text:")
    end = text.index("\n", start)
    path.write_text(text[:start] + 'text: "Who owns it? <svg onload=alert(1)>"' + text[end:])
    result = revops("validate", "--root", str(project))
    assert result.returncode == 1 and "raw HTML is not allowed" in result.stderr


@pytest.mark.slow
def test_site_build_refuses_the_payload(project, tmp_path):
    plant(project, PAYLOADS["onerror"][0], field="why")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "raw HTML is not allowed" in result.stderr
    assert not (tmp_path / "site/rules/alignment/index.html").exists()


def test_less_than_in_prose_is_fine(project):
    plant(project, "Aim for a win rate of < 30% only when deals are tiny, and 2<3.")
    assert revops("validate", "--root", str(project)).returncode == 0


def test_html_report_escapes_what_answer_files_carry(tmp_path):
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    path = tmp_path / "answers.yaml"
    path.write_text(
        f"team: '{payload}'\ndate: 2026-01-31\nrespondent:\n  name: x\n"
        f"  role: '{payload}'\nanswers: {{}}\n",
        encoding="utf-8",
    )
    result = revops("score", str(path), "--format", "html")
    assert result.returncode == 0
    assert "<script>alert" not in result.stdout and "<img src=x" not in result.stdout
    assert "&lt;img src=x onerror=" in result.stdout
