"""Mutated content and answer files never end in a traceback.

A seeded mutation loop (the same mutants on every run) breaks real files the way a careless
edit or an attacker might, runs `revops validate` and `revops score` on each mutant in this
process, and accepts only exit codes 0, 1 and 2 with no traceback. Set REVOPS_FUZZ_SEED to
try other mutants, REVOPS_FUZZ_SCALE to run more of them.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import traceback
from collections import Counter
from pathlib import Path

import pytest

from revops.cli.main import main

from .conftest import ROOT

SEED = int(os.environ.get("REVOPS_FUZZ_SEED", "20260401"))
SCALE = float(os.environ.get("REVOPS_FUZZ_SCALE", "1"))
CONTENT_MUTANTS, ANSWER_MUTANTS = int(90 * SCALE), int(180 * SCALE)
FORMATS = ("terminal", "markdown", "html", "json")
CHARACTERS = list(":-[]{}&*!#|>%@`,?'\"\\ \t\n\r;=~") + [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "é",
]
TOKENS = [
    "!!bool ",
    "!foo ",
    "!!int ",
    "!!float ",
    "!!timestamp ",
    "!!binary ",
    "!!str ",
    "!!python/object:os.system ",
    "! ",
    "&a ",
    "*a ",
    "<<: ",
    "? ",
    "- ",
    ": ",
    "---\n",
    "...\n",
    "%TAG ! tag:x,2026:\n",
    '"\\0"',
    '"\\x85"',
    '"\\e"',
    "9" * 5000,
    "1e999",
    ".nan",
    "-.inf",
    "2026-02-30",
    "2026-13-01",
    "~",
    "null",
    "yes",
    "0x1F",
    "0o9",
    "1:20",
    "=",
    "<<",
    "[]",
    "{}",
    "[[",
    "'",
    "<script>",
    "javascript:alert(1)",
    "TODO",
]


def _line_span(text: str, rng: random.Random) -> tuple[int, int]:
    """Start and end offsets of a random line."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    start = rng.choice(starts)
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end + 1


def _flip(text, rng):
    i = rng.randrange(len(text))
    return text[:i] + rng.choice(CHARACTERS) + text[i + 1 :]


def _token(text, rng):
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(TOKENS) + text[i:]


def _delete_line(text, rng):
    start, end = _line_span(text, rng)
    return text[:start] + text[end:]


def _repeat_line(text, rng):
    start, end = _line_span(text, rng)
    return text[:end] + text[start:end] * rng.choice([1, 1, 2, 60, 3000]) + text[end:]


def _swap_lines(text, rng):
    lines = text.splitlines(keepends=True)
    i = rng.randrange(max(len(lines) - 1, 1))
    lines[i : i + 2] = lines[i : i + 2][::-1]
    return "".join(lines)


def _indent(text, rng):
    start, end = _line_span(text, rng)
    line = text[start:end]
    shifted = " " * rng.randint(1, 4) + line if rng.random() < 0.5 else line[rng.randint(1, 4) :]
    return text[:start] + shifted + text[end:]


def _merge_key(text, rng):
    start, end = _line_span(text, rng)
    line = text[start:end]
    indent = line[: len(line) - len(line.lstrip(" -"))].replace("-", " ")
    return text[:end] + f"{indent}<<: {{extra: 1}}\n" + text[end:]


def _deep(text, rng):
    i = rng.randrange(len(text) + 1)
    depth = rng.choice([48, 49, 50, 51, 500, 10_000])
    opener = rng.choice(["[", "{a: ", "- "])
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener] * depth if rng.random() < 0.5 else ""
    return text[:i] + opener * depth + closer + text[i:]


def _truncate(text, rng):
    return text[: rng.randrange(len(text) + 1)]


def _nothing_left(text, rng):
    return rng.choice(["", "\n", "# only a comment\n", "---\n", "~\n", "[]\n", "x\n"])


MUTATIONS = [
    (_flip, 6),
    (_token, 6),
    (_delete_line, 3),
    (_repeat_line, 3),
    (_swap_lines, 2),
    (_indent, 3),
    (_merge_key, 1),
    (_deep, 1),
    (_truncate, 1),
    (_nothing_left, 1),
]


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """One to three mutations of a file's text; now and then a byte that is not UTF-8."""
    text, applied = data.decode("utf-8"), []
    operations, weights = [m for m, _ in MUTATIONS], [w for _, w in MUTATIONS]
    for operation in rng.choices(operations, weights, k=rng.randint(1, 3)):
        text = operation(text, rng) if text else _token(text, rng)
        applied.append(operation.__name__.strip("_"))
    result = text.encode("utf-8")
    if rng.random() < 0.05:
        i = rng.randrange(len(result) + 1)
        result = result[:i] + rng.choice([b"\xff", b"\xed\xa0\x80", b"\xc3"]) + result[i:]
        applied.append("bad-utf8")
    return result, applied


def run_cli(*args: str) -> tuple[int | str | None, str]:
    """Exit code and stderr of `revops ARGS` run in this process; a raised exception gives
    its traceback in place of stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    except SystemExit as stop:  # argparse
        code = stop.code
    except Exception:
        return "exception", traceback.format_exc()
    return code, err.getvalue()


def fuzz(project: Path, seed: int, content_mutants: int, answer_mutants: int):
    """Run the mutants; returns (exit code counts, failures)."""
    rng = random.Random(seed)
    content = sorted(
        p
        for p in [*project.glob("playbook/**/*.yaml"), *project.glob("assessment/**/*.yaml")]
        if "examples" not in p.parts
    )
    examples = sorted((project / "assessment/examples").iterdir())
    keep = project.parent / "failed-mutants"
    keep.mkdir(exist_ok=True)
    codes: Counter = Counter()
    failures: list[str] = []

    def check(number: int, source: Path, applied: list[str], mutant: bytes, *args: str) -> None:
        code, err = run_cli(*args)
        codes[code] += 1
        if code not in (0, 1, 2) or "Traceback" in err:
            saved = keep / f"{number:04}-{source.name}"
            saved.write_bytes(mutant)
            failures.append(
                f"mutant {number} of {source.name} ({', '.join(applied)}), saved as "
                f"{saved}: `revops {' '.join(args)}` ended with {code}\n{err[-1500:]}"
            )

    for number in range(content_mutants + answer_mutants):
        if number < content_mutants:
            target = rng.choice(content)
            source, run = target, ("validate", "--root", str(project))
        else:
            source = rng.choice(examples)
            suffix = ".json" if source.suffix == ".yaml" and rng.random() < 0.3 else source.suffix
            placement = rng.random()
            if placement < 0.1:  # validate reads the examples too
                target = source
                run = ("validate", "--root", str(project))
            elif placement < 0.3:
                target = project.parent / f"previous{suffix}"
                run = ("score", str(examples[0]), "--previous", str(target), "--root", str(project))
            else:
                target = project.parent / f"mutant{suffix}"
                run = (
                    "score",
                    str(target),
                    "--format",
                    rng.choice(FORMATS),
                    "--root",
                    str(project),
                )
        original = source.read_bytes()
        mutant, applied = mutate(original, rng)
        target.write_bytes(mutant)
        try:
            check(number, source, applied, mutant, *run)
        finally:
            if target == source:
                target.write_bytes(original)
    return codes, failures


@pytest.mark.slow  # ten seconds of mutants: make test runs it, make check does not
def test_mutants_never_end_in_a_traceback(tmp_path, record_property):
    project = tmp_path / "project"
    for name in ("playbook", "assessment"):
        shutil.copytree(ROOT / name, project / name)
    codes, failures = fuzz(project, SEED, CONTENT_MUTANTS, ANSWER_MUTANTS)
    total = CONTENT_MUTANTS + ANSWER_MUTANTS
    record_property("mutants", total)
    print(f"fuzz: {total} mutants (seed {SEED}), exit codes {dict(codes)}")
    assert not failures, f"{len(failures)} of {total} mutants failed:\n\n" + "\n\n".join(
        failures[:3]
    )
    assert sum(codes.values()) == total
    assert codes[0] and codes[1], f"the mutants should give both exit 0 and 1: {dict(codes)}"
