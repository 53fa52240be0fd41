"""`revops score` reuses the validated question bank only while the content is byte-for-byte
the same: an edit, a broken file or a damaged cache never yields a stale or wrong report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import revops

EXAMPLE = "assessment/examples/single-leader.yaml"


@pytest.fixture(autouse=True)
def _own_cache_folder(monkeypatch):
    monkeypatch.setenv("REVOPS_CACHE_DIR", os.environ["REVOPS_CACHE_DIR"])


def _score(project: Path, cache: Path) -> dict:
    os.environ["REVOPS_CACHE_DIR"] = str(cache)  # restored by the autouse fixture below
    result = revops("score", EXAMPLE, "--format", "json", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_edited_rule_title_shows_in_the_next_report(project, tmp_path):
    cache = tmp_path / "cache"
    before = _score(project, cache)
    assert len(list(cache.glob("bank-*.json"))) == 1
    rule_file = sorted((project / "playbook" / "rules").glob("*.yaml"))[0]
    old_title = before["rules"][0]["title"]
    text = rule_file.read_text(encoding="utf-8")
    assert f"title: {old_title}" in text
    rule_file.write_text(text.replace(f"title: {old_title}", "title: A title edited today"),
                         encoding="utf-8")
    after = _score(project, cache)
    assert after["rules"][0]["title"] == "A title edited today"
    assert len(list(cache.glob("bank-*.json"))) == 2


def test_invalid_content_is_refused_even_after_a_cached_run(project, tmp_path):
    cache = tmp_path / "cache"
    _score(project, cache)
    scoring = project / "assessment" / "scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace("decimals: 2",
                                                                   "decimals: many"))
    result = revops("score", EXAMPLE, "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert "assessment/scoring.yaml" in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_or_unwritable_cache_only_costs_time(project, tmp_path):
    cache = tmp_path / "cache"
    first = _score(project, cache)
    for cached in cache.glob("bank-*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert _score(project, cache) == first
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    assert _score(project, blocked) == first
