#!/usr/bin/env python3
"""Benchmark `revops score` as a user runs it: the whole command, start-up included.

Prints the time and throughput for 10,000 respondents in one CSV and for 1,000 YAML files,
and the ratio to the 1-second aim for the CSV. Not a test: machines here are noisy, so it
reports the best of a few runs and leaves judging to the reader.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from revops.content import load_playbook  # noqa: E402

ANSWERS = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, "n/a", "unknown", ""]
ROLES = ["sales", "marketing", "customer success", "finance", "RevOps"]


def write_csv(path: Path, ids: list[str], rows: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "role", *ids])
        for i in range(rows):
            writer.writerow([f"person {i}", rng.choice(ROLES), *(rng.choice(ANSWERS) for _ in ids)])


def write_yaml(folder: Path, ids: list[str], files: int, rng: random.Random) -> list[Path]:
    paths = []
    for i in range(files):
        body = "\n".join(f"  {q}: {v if v != '' else 'null'}"
                         for q in ids for v in [rng.choice(ANSWERS)])
        path = folder / f"answers-{i:04d}.yaml"
        path.write_text(f"team: Bench\ndate: 2026-06-30\nrespondent:\n  name: p{i}\n"
                        f"  role: {rng.choice(ROLES)}\nanswers:\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def best_of(runs: int, command: list[str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"command failed: {' '.join(command)}\n{result.stderr}")
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case; the best is shown")
    args = parser.parse_args()
    revops = str(Path(sys.executable).parent / "revops")
    ids = [q.id for q in load_playbook(ROOT).all_questions]
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "team.csv"
        write_csv(big, ids, 10_000, rng)
        yamls = write_yaml(folder, ids, 1_000, rng)
        out = str(folder / "report.json")
        one = best_of(args.runs, [revops, "score", str(yamls[0]), "--format", "json",
                                  "--output", out])
        csv_time = best_of(args.runs, [revops, "score", str(big), "--format", "json",
                                       "--output", out])
        yaml_time = best_of(args.runs, [revops, "score", *map(str, yamls), "--format", "json",
                                        "--output", out])
    print(f"questions per respondent:           {len(ids)}")
    print(f"one YAML file (start-up included):  {one:.3f} s")
    print(f"10,000 respondents in one CSV:      {csv_time:.3f} s  "
          f"({10_000 / csv_time:,.0f} respondents/s; {csv_time / 1.0:.2f}x the 1 s aim)")
    print(f"1,000 YAML files:                   {yaml_time:.3f} s  "
          f"({1_000 / yaml_time:,.0f} files/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
