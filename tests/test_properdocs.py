"""The exit route from MkDocs: ProperDocs, a maintained MkDocs 1.x fork, builds the same site
from the same mkdocs.yml, hook and macros."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT, properdocs_build

ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("properdocs-site")
    result = properdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


def pages(site: Path) -> dict[str, Path]:
    return {str(path.relative_to(site)): path for path in site.rglob("*.html")}


@pytest.mark.slow
def test_properdocs_builds_the_same_pages_as_mkdocs(properdocs_site, built_site):
    assert sorted(pages(properdocs_site)) == sorted(pages(built_site))
    assert len(pages(built_site)) > 20


def test_each_page_has_the_same_content_under_both(properdocs_site, built_site):
    mkdocs_pages = pages(built_site)
    for name, path in pages(properdocs_site).items():
        ours = ARTICLE.findall(path.read_text(encoding="utf-8"))
        theirs = ARTICLE.findall(mkdocs_pages[name].read_text(encoding="utf-8"))
        assert len(ours) == 1, f"{name}: no page content found"
        assert ours == theirs, f"{name} differs between ProperDocs and MkDocs"
