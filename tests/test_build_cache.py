"""The site build's cache (revops.site.build_cache): a rebuild with the same inputs reads what
the content made before, any changed input makes it afresh, and the site is the same either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from revops.site.build_cache import FOLDER, BuildCache, build_cache, inputs_digest
from revops.site.generated import GeneratedPage

from .conftest import copy_project, mkdocs_build


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for name in ("playbook", "assessment"):
        (tmp_path / name).mkdir()
    (tmp_path / "playbook/levels.yaml").write_text("levels: []\n", encoding="utf-8")
    return tmp_path


def test_the_digest_follows_the_bytes_of_the_content_the_files_and_the_settings(content):
    first = inputs_digest(content, [], ["overlay-a"])
    assert inputs_digest(content, [], ["overlay-a"]) == first
    assert inputs_digest(content, [], ["overlay-b"]) != first
    (content / "playbook/levels.yaml").write_text("levels: [x]\n", encoding="utf-8")
    changed = inputs_digest(content, [], ["overlay-a"])
    assert changed != first
    (content / "CONTRIBUTING.md").write_text("one\n", encoding="utf-8")
    named = inputs_digest(content, [content / "CONTRIBUTING.md"], ["overlay-a"])
    assert named != changed
    (content / "CONTRIBUTING.md").write_text("two\n", encoding="utf-8")
    assert inputs_digest(content, [content / "CONTRIBUTING.md"], ["overlay-a"]) != named


def test_an_entry_is_made_once_and_read_by_the_next_build(content):
    made = []
    first = BuildCache(content, "a" * 64).text("page", lambda: made.append(1) or "text")
    again = BuildCache(content, "a" * 64).text("page", lambda: made.append(1) or "other")
    assert (first, again, made) == ("text", "text", [1])


def test_new_inputs_start_afresh_and_drop_the_entries_of_the_old(content):
    BuildCache(content, "a" * 64).put("page", "old")
    assert BuildCache(content, "b" * 64).text("page", lambda: "new") == "new"
    assert [p.name for p in (content / FOLDER).iterdir()] == ["b" * 32]


def test_generated_pages_come_back_with_their_nav_entries_and_text(content):
    pages = [GeneratedPage("rules/a.md", "A", "rules/index.md", "playbook/a.yaml", lambda: "# A\n")]
    BuildCache(content, "a" * 64).pages(lambda: pages)
    (kept,) = BuildCache(content, "a" * 64).pages(lambda: [])
    assert (kept.source, kept.title, kept.section, kept.edit_path) == (
        "rules/a.md",
        "A",
        "rules/index.md",
        "playbook/a.yaml",
    )
    assert kept.render() == "# A\n"


def test_a_damaged_entry_is_made_again(content):
    cache = BuildCache(content, "a" * 64)
    cache.put("generated-pages", "{not json")
    pages = [GeneratedPage("rules/a.md", "A", "rules/index.md", "a.yaml", lambda: "made")]
    assert [page.render() for page in cache.pages(lambda: pages)] == ["made"]
    assert [page.render() for page in BuildCache(content, "a" * 64).pages(list)] == ["made"]


def test_a_cache_that_cannot_be_written_only_costs_time(content):
    (content / ".cache").write_text("a file where the folder would go", encoding="utf-8")
    assert BuildCache(content, "a" * 64).text("page", lambda: "made") == "made"
    assert BuildCache(content, "a" * 64).get("page") is None


def test_a_project_named_from_inside_it_shares_the_cache_of_its_full_path(content, monkeypatch):
    monkeypatch.chdir(content)
    build_cache(Path("."), [Path("CONTRIBUTING.md")]).put("page", "kept")
    assert build_cache(content, [content / "CONTRIBUTING.md"]).get("page") == "kept"


def test_it_can_be_turned_off(content, monkeypatch):
    monkeypatch.setenv("REVOPS_BUILD_CACHE", "off")
    build_cache(content).put("page", "kept")
    assert build_cache(content).get("page") is None
    assert not (content / ".cache").exists()


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_a_rebuild_from_the_cache_is_the_site_built_afresh_and_follows_each_change(
    tmp_path, monkeypatch
):
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("REVOPS_BUILD_CACHE", "off")
    assert mkdocs_build(project, tmp_path / "fresh").returncode == 0
    monkeypatch.delenv("REVOPS_BUILD_CACHE")
    for name in ("filling", "from-cache"):
        result = mkdocs_build(project, tmp_path / name)
        assert result.returncode == 0, result.stderr
    assert any((project / FOLDER).rglob("generated-pages"))
    fresh = _files(tmp_path / "fresh")
    assert _files(tmp_path / "filling") == fresh
    assert _files(tmp_path / "from-cache") == fresh

    rule = project / "playbook/rules/02-alignment.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("title: ", "title: Renamed ", 1))
    site = _rebuilt(project, tmp_path / "renamed")
    assert "Renamed " in (site / "rules/alignment/index.html").read_text(encoding="utf-8")
    assert "Renamed " in (site / "index.html").read_text(encoding="utf-8")  # the cards macro
    contributing = project / "CONTRIBUTING.md"
    contributing.write_text(contributing.read_text(encoding="utf-8") + "\nA new closing line.\n")
    site = _rebuilt(project, tmp_path / "contributing")
    page = (site / "contributing/index.html").read_text(encoding="utf-8")
    assert "A new closing line." in page


def _rebuilt(project: Path, site: Path) -> Path:
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site
