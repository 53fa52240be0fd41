"""The benchmark scripts keep running: each on a small input, its figures printed beside
their budgets. They judge speed by ratios on the machine at hand; these tests judge only that
the scripts still work, so a change that breaks one fails here, not at the next measurement."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from revops.content.playbook import load_playbook

from .conftest import ROOT, run

RATIO = r"\d+\.\d\dx \(budget \d+\.\d\dx\) (OK|OVER)"


@pytest.mark.slow
def test_the_scoring_benchmark_prints_each_ratio_beside_its_budget():
    result = run(
        [
            sys.executable,
            str(ROOT / "scripts/bench_scoring.py"),
            "--runs",
            "1",
            "--respondents",
            "50",
        ]
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for start in ("one answer file:", "50 respondents:", "500 respondents:"):
        line = next((line for line in lines if line.startswith(start)), None)
        assert line is not None and re.search(RATIO, line), (start, result.stdout)
    assert re.search(r"500 peak memory: +\d+ MB \(budget 300 MB\)", result.stdout)


@pytest.mark.slow
def test_the_site_benchmark_builds_a_grown_copy_and_prints_its_ratios():
    result = run(
        [
            sys.executable,
            str(ROOT / "scripts/bench_site.py"),
            "--runs",
            "1",
            "--no-weights",
            "--grown-rules",
            "11",
        ]
    )
    assert result.returncode == 0, result.stderr
    assert re.search(f"content-layer overhead: {RATIO}", result.stdout), result.stdout
    assert re.search(f"per-page time, 11 rules vs 10: {RATIO}", result.stdout), result.stdout


def test_the_grown_copy_clones_every_rule_into_valid_content(tmp_path):
    """The build above grows one rule; the benchmark's 90 clone every rule, each a file the
    content checks must take (a question text written after `>-` once made them fail)."""
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "scripts/bench_site.py")
    bench_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_site)
    grown = bench_site.copy_with_rules(tmp_path / "grown", 20)
    assert len(load_playbook(grown).rules) == 20
