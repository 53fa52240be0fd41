#!/usr/bin/env python3
"""Benchmark `revops score` as a user runs it: the whole command, start-up included.

Prints each figure as a ratio to a baseline measured the same way on the same machine, next to
its budget. Not a test: it leaves judging to the reader.

Times are CPU seconds (user + system) of each child process, the best of N runs, as
scripts/bench_site.py measures them: on a shared machine the wall clock also counts the time a
command spends waiting for a core, and that swings the baselines by half or double from one run
to the next. Every round runs each command once, so a busy spell weighs on all of them alike.

Budgets (issue 9): one answer file within 1.5x the start-up of `python -c "import yaml, jinja2"`;
10,000 respondents within 5x a bare csv.reader pass over the same file in a fresh Python;
100,000 within 11x the 10,000 figure, with peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from revops.content.playbook import load_playbook  # noqa: E402

ANSWERS = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, "n/a", "unknown", ""]
ROLES = ["sales", "marketing", "customer success", "finance", "RevOps"]
CSV_PASS = "import csv, sys\nfor row in csv.reader(open(sys.argv[1], newline='')): pass"


def write_csv(path: Path, ids: list[str], rows: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "role", "team", "date", *ids])
        for i in range(rows):
            writer.writerow(
                [
                    f"person {i}",
                    rng.choice(ROLES),
                    "Bench",
                    "2026-06-30",
                    *(rng.choice(ANSWERS) for _ in ids),
                ]
            )


def write_yaml(path: Path, ids: list[str], rng: random.Random) -> None:
    body = "\n".join(
        f"  {q}: {v if v != '' else 'null'}" for q in ids for v in [rng.choice(ANSWERS)]
    )
    path.write_text(
        f"team: Bench\ndate: 2026-06-30\nrespondent:\n  name: p\n"
        f"  role: {rng.choice(ROLES)}\nanswers:\n{body}\n",
        encoding="utf-8",
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str]) -> float:
    """CPU seconds (user + system) of one run of command in a child process."""
    before = _children_cpu()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = _children_cpu() - before
    if result.returncode != 0:
        sys.exit(f"command failed: {' '.join(command)}\n{result.stderr}")
    return elapsed


def best_times(runs: int, commands: dict[str, list[str]]) -> dict[str, float]:
    """The least CPU time of each command over `runs` rounds that each run every command once."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(run_once(command))
    return {name: min(values) for name, values in times.items()}


def verdict(ratio: float, budget: float) -> str:
    return f"{ratio:5.2f}x (budget {budget:.2f}x) {'OK' if ratio <= budget else 'OVER'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="rounds of runs; the least CPU time of each is shown"
    )
    parser.add_argument(
        "--respondents",
        type=int,
        default=10_000,
        metavar="N",
        help="the team CSV's size; the large one is ten times it (default "
        "10,000; the budgets are set for it, the tests use a small one)",
    )
    args = parser.parse_args()
    if args.runs < 1 or args.respondents < 1:
        parser.error("--runs and --respondents must be at least 1")
    small, large = args.respondents, args.respondents * 10
    python, revops = sys.executable, str(Path(sys.executable).parent / "revops")
    ids = [q.id for q in load_playbook(ROOT).all_questions]
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one, ten, hundred = folder / "one.yaml", folder / "small.csv", folder / "large.csv"
        write_yaml(one, ids, rng)
        write_csv(ten, ids, small, rng)
        write_csv(hundred, ids, large, rng)
        out = str(folder / "report.json")
        score = [revops, "score", "--format", "json", "--output", out]
        compile_library()
        subprocess.run([*score, str(one)], cwd=ROOT, capture_output=True, check=True)  # warm
        times = best_times(
            args.runs,
            {
                "start_up": [python, "-c", "import yaml, jinja2"],
                "one_file": [*score, str(one)],
                "csv_pass": [python, "-c", CSV_PASS, str(ten)],
                "ten_k": [*score, str(ten)],
            },
        )
        hundred_k = best_times(max(1, args.runs - 1), {"large": [*score, str(hundred)]})["large"]
        peak = _peak_memory([*score, str(hundred)])
    start_up, one_file, csv_pass, ten_k = (
        times[name] for name in ("start_up", "one_file", "csv_pass", "ten_k")
    )
    print(f"questions per respondent: {len(ids)}; the question bank cache is warm")
    print(
        f"one answer file:      {one_file:6.3f} s vs start-up {start_up:.3f} s  "
        f"{verdict(one_file / start_up, 1.5)}"
    )
    print(
        f"{small:,} respondents: {ten_k:6.3f} s vs csv.reader pass {csv_pass:.3f} s  "
        f"{verdict(ten_k / csv_pass, 5.0)}"
    )
    print(
        f"{large:,} respondents: {hundred_k:6.3f} s vs {small:,}  "
        f"{verdict(hundred_k / ten_k, 11.0)}"
    )
    print(f"{large:,} peak memory: {peak:6.0f} MB (budget 300 MB) {'OK' if peak < 300 else 'OVER'}")
    return 0


def compile_library() -> None:
    """Write the library's bytecode, as `pip install` does. An editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run, a cost no
    installed user pays and the baseline's packages do not pay either."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "revops")], check=True
    )


def _peak_memory(command: list[str]) -> float:
    """Peak resident memory of one run, in MB, measured in a fresh child of its own."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN)"
        ".ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    )
    return int(result.stdout) / 1024


if __name__ == "__main__":
    sys.exit(main())
