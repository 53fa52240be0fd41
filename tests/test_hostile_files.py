"""A seeded hostile-file suite under a memory and CPU cap (tests/capped.py).

Each family builds hostile inputs or output targets in a private folder (devices as links in
that folder, never the machine's own) and runs `revops` in a child limited to 1 GiB and 20 CPU
seconds. A refusal must be exit 1 or 2 with a short message and no traceback; an accepted file
must keep its promise (a rebuilt cache scores as a clean one, a Markdown report carries no
live markup). The seed picks each family's variant: REVOPS_FUZZ_SEED tries others, and `-s`
prints one line per family (code, wall and CPU seconds, peak memory, the message).
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from revops.content.playbook import load_playbook

from .capped import Outcome, capped_revops
from .conftest import ROOT
from .test_bank_cache import DAMAGE, damaged_bank
from .test_markdown_safety import MARKDOWN_PAYLOADS, script_in, to_html
from .test_output_safety import INPUTS, SPELLINGS, TARGETS
from .test_read_limits import endless_device, pipe_without_writer, tiny_rows
from .test_sheet_limits import REFUSED as HOSTILE_SHEETS
from .test_warnings_capped import one_person_many_times, unknown_columns

# Files of millions of rows or cells: the full suite runs them, `make check` does not.
pytestmark = pytest.mark.slow

SEED = int(os.environ.get("REVOPS_FUZZ_SEED", "20261205"))
EXAMPLES = ROOT / "assessment/examples"
LEADER = EXAMPLES / "single-leader.yaml"
TEAM = EXAMPLES / "leadership-team-2026-q2.csv"
MAX_MESSAGE_LINES = 3  # the problem, perhaps a hint, and the count
CPU_BUDGET = 10  # seconds: the "within 10 s", in CPU time so that load does not count
QUESTIONS = [question.id for question in load_playbook(ROOT).all_questions]


@dataclass
class Scenario:
    """What to run, the exit codes that keep the promise, and any check on the outcome."""

    args: list[str]
    codes: tuple[int, ...] = (1, 2)
    env: dict[str, str] = field(default_factory=dict)
    check: Callable[[Outcome], None] | None = None
    variant: str = ""
    mentions: str = ""  # what the message must name: the file at fault
    lines: int = MAX_MESSAGE_LINES  # lines of the message at most


def _as_input(folder: Path, role: str, make: Callable[[Path, str], Path]) -> tuple[list, str]:
    """(score arguments, file name) with the file made by make in the given role."""
    path = make(folder, "team.csv" if role == "csv" else f"{role}.yaml")
    args = {
        "answers": [str(path)],
        "csv": [str(path)],
        "overlay": [str(LEADER), "--overlay", str(path)],
        "previous": [str(LEADER), "--previous", str(path)],
    }[role]
    return args, path.name


def device_as_input(folder: Path, rng: random.Random) -> Scenario:
    """An answers, CSV, overlay or previous file that is a link to a device read to no end."""
    role = rng.choice(["answers", "csv", "overlay", "previous"])
    args, name = _as_input(folder, role, endless_device)
    return Scenario(["score", *args], codes=(1,), variant=f"{role} -> /dev/zero", mentions=name)


def pipe_as_input(folder: Path, rng: random.Random) -> Scenario:
    """A named pipe with no writer as an input: refused, not waited on."""
    role = rng.choice(["answers", "csv", "overlay", "previous"])
    args, name = _as_input(folder, role, pipe_without_writer)
    return Scenario(["score", *args], codes=(1,), variant=f"FIFO as {role}", mentions=name)


def many_tiny_rows(folder: Path, rng: random.Random) -> Scenario:
    """Millions of one-character rows within the 20 MB limit: past the respondent cap."""
    rows = rng.randrange(100_001, 9_000_000)
    path = tiny_rows(folder, "tiny.csv", rows)
    return Scenario(
        ["score", str(path)],
        codes=(1,),
        variant=f"{rows:,} rows",
        mentions="more than 100,000 respondents",
    )


def repeated_person(folder: Path, rng: random.Random) -> Scenario:
    """One person answering thousands of times: a few warnings, then a count."""
    rows = rng.randrange(1_000, 90_000)
    path = one_person_many_times(folder, rows)

    def warnings_capped(outcome: Outcome) -> None:
        lines = outcome.stderr.splitlines()
        assert len(lines) <= 11 and lines[-1].startswith("warning: ... and "), lines[-2:]

    return Scenario(
        ["score", str(path), "--team", "T", "--format", "json"],
        codes=(0,),
        check=warnings_capped,
        variant=f"{rows:,} rows",
    )


def wide_header(folder: Path, rng: random.Random) -> Scenario:
    """A header of up to a million columns that match no question: a short message."""
    count = rng.randrange(1_000, 1_000_000)
    path = unknown_columns(folder, count)

    def short(outcome: Outcome) -> None:
        assert len(outcome.stderr) < 5_000, len(outcome.stderr)

    return Scenario(
        ["score", str(path)],
        codes=(1,),
        check=short,
        variant=f"{count:,} columns",
        mentions="columns that match no question",
    )


def hostile_spreadsheet(folder: Path, rng: random.Random) -> Scenario:
    """A spreadsheet bomb, a far cell, a damaged or encrypted workbook (test_sheet_limits)."""
    build, message = rng.choice(HOSTILE_SHEETS)
    path = build(folder)
    return Scenario(
        ["score", str(path)], codes=(1,), variant=build.__name__, mentions=message(path)
    )


def late_refused_character(folder: Path, rng: random.Random) -> Scenario:
    """Millions of blank lines, then one control character: located without a match object
    per line."""
    blank = rng.randrange(1_000_000, 19_000_000)
    character = rng.choice(["\x01", "\x9b", "\u202e"])
    path = folder / "late.csv"
    path.write_text(
        f"respondent,{QUESTIONS[0]}\n" + "\n" * blank + f"Dana,{character}3\n", encoding="utf-8"
    )
    return Scenario(
        ["score", str(path)],
        codes=(1,),
        variant=f"{blank:,} blank lines, U+{ord(character):04X}",
        mentions=f":{blank + 2}:",
    )


def wrong_answers_everywhere(folder: Path, rng: random.Random) -> Scenario:
    """Every cell of up to 100,000 rows a wrong answer: each wrong text told once with how
    many rows give it, and at most 200 problems kept."""
    rows, texts = rng.randrange(1_000, 100_000), rng.choice([["9"], ["9", "x", "-1", "4.5"]])
    line = ",".join(rng.choice(texts) for _ in QUESTIONS)
    path = folder / "wrong.csv"
    path.write_text(f"respondent,{','.join(QUESTIONS)}\n" + f"p,{line}\n" * rows, encoding="utf-8")
    return Scenario(
        ["score", str(path)],
        codes=(1,),
        variant=f"{rows:,} rows of {texts}",
        mentions="more rows give it",
        lines=len(QUESTIONS) + 1,
    )  # one a column


def markdown_injection(folder: Path, rng: random.Random) -> Scenario:
    """Team, name and role written as markup: the Markdown report runs none of it (a payload
    holding a control character is refused at reading instead)."""
    payloads = rng.sample(MARKDOWN_PAYLOADS, 3)
    answers = folder / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "team": payloads[0],
                "date": "2026-06-30",
                "respondent": {"name": payloads[1], "role": payloads[2]},
                "answers": {"insights-decision-first": 4},
            }
        ),
        encoding="utf-8",
    )

    def inert(outcome: Outcome) -> None:
        for extensions in ([], ["extra", "admonition", "toc"]):
            assert not script_in(to_html(outcome.stdout, extensions)), payloads

    return Scenario(
        ["score", str(answers), "--format", "markdown"],
        codes=(0, 1),
        check=inert,
        variant=" | ".join(repr(p)[:30] for p in payloads),
        mentions="control character",
    )


def output_over_input(folder: Path, rng: random.Random) -> Scenario:
    kind, spelling = rng.choice(sorted(INPUTS)), rng.choice(sorted(SPELLINGS))
    args, name = INPUTS[kind](folder)
    before = (folder / name).read_bytes()

    def unchanged(outcome: Outcome) -> None:
        assert (folder / name).read_bytes() == before

    output = SPELLINGS[spelling](folder, name)
    return Scenario(
        ["score", *args, "--output", output],
        codes=(2,),
        check=unchanged,
        variant=f"{kind} named {spelling}",
        mentions="which the report would overwrite",
    )


def output_not_a_file(folder: Path, rng: random.Random) -> Scenario:
    kind = rng.choice(sorted(TARGETS))
    build, reason = TARGETS[kind]
    output = build(folder)

    return Scenario(
        ["score", str(LEADER), "--output", output], codes=(2,), variant=kind, mentions=reason
    )


def damaged_cache(folder: Path, rng: random.Random) -> Scenario:
    """The cached question bank damaged or edited: the next run builds it again and scores
    exactly as a clean run does."""
    cache = folder / "cache"
    env = {"REVOPS_CACHE_DIR": str(cache)}
    args = ["score", str(TEAM), "--format", "json"]
    clean = capped_revops(*args, "--root", str(ROOT), cwd=folder, env=env)
    assert clean.code == 0, clean.stderr
    [cached] = cache.glob("bank-*.json")
    how = rng.choice(DAMAGE)
    cached.write_text(damaged_bank(cached.read_text(encoding="utf-8"), how), encoding="utf-8")

    def scores_as_clean(outcome: Outcome) -> None:
        assert json.loads(outcome.stdout) == json.loads(clean.stdout)

    return Scenario(args, codes=(0,), env=env, check=scores_as_clean, variant=how)


FAMILIES: dict[str, Callable[[Path, random.Random], Scenario]] = {
    "device-as-input": device_as_input,
    "pipe-as-input": pipe_as_input,
    "many-tiny-rows": many_tiny_rows,
    "repeated-person": repeated_person,
    "wide-header": wide_header,
    "markdown-injection": markdown_injection,
    "hostile-spreadsheet": hostile_spreadsheet,
    "late-refused-character": late_refused_character,
    "wrong-answers-everywhere": wrong_answers_everywhere,
    "output-over-input": output_over_input,
    "output-not-a-file": output_not_a_file,
    "damaged-cache": damaged_cache,
}


@pytest.mark.parametrize("family", FAMILIES)
def test_hostile_file_is_refused_within_the_cap(tmp_path, family, record_property):
    rng = random.Random(f"{SEED}-{family}")
    folder = tmp_path / "work"
    folder.mkdir()
    scenario = FAMILIES[family](folder, rng)
    outcome = capped_revops(*scenario.args, "--root", str(ROOT), cwd=folder, env=scenario.env)
    message = outcome.stderr.strip().splitlines()
    line = (
        f"{family} [{scenario.variant}] seed {SEED}: exit {outcome.code}, "
        f"{outcome.seconds:.2f} s, {outcome.cpu:.2f} s CPU, {outcome.peak_mb:.0f} MB: "
        f"{message[0][:120] if message else ''}"
    )
    print(line)
    record_property("hostile", line)
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.code in scenario.codes, line + "\n" + outcome.stderr[-2000:]
    assert outcome.cpu < CPU_BUDGET, line
    if outcome.code:
        assert 1 <= len(message) <= scenario.lines, outcome.stderr[-2000:]
        assert scenario.mentions in message[0], outcome.stderr[-2000:]
    if scenario.check:
        scenario.check(outcome)
