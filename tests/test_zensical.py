"""Zensical, the successor to Material for MkDocs, builds the same tree from the same
mkdocs.yml: every page but the print page, which the MkDocs hook makes (Zensical runs no
hooks). scripts/generate_site.py writes the generated pages first, as the hook does."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from revops.site.tree import is_generated

from .conftest import BIN, copy_project, run
from .test_site import PLAYBOOK, _text

pytest.importorskip(
    "zensical",
    reason="zensical cannot be imported: it comes with the test extra (make .venv/.installed)",
)
pytestmark = pytest.mark.slow
ARTICLE_BODY = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
REPOSITORY = "https://github.com/revops-playbook/revops-playbook/"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The site built by Zensical from a copy of the project whose generated pages are
    deleted first, so that the generation step is seen to make them."""
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    for page in (project / "docs").rglob("*.md"):
        if is_generated(page):
            page.unlink()
    result = run([sys.executable, "scripts/generate_site.py", "--root", str(project)], project)
    assert result.returncode == 0, result.stderr
    result = run(
        [str(BIN / "zensical"), "build", "--strict", "-f", "mkdocs.generated.yml"], project
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def pages(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def test_zensical_builds_every_page_but_the_print_page(zensical_site, built_site):
    assert pages(zensical_site) == [p for p in pages(built_site) if not p.startswith("print_")]


GENERATED = [f"rules/{rule.id}" for rule in PLAYBOOK.rules] + [
    "reference/metrics",
    "reference/operating-rhythm",
    "reference/team",
    "reference/stages",
    "reference/domains",
    "reference/tech-stack",
    "reference/anti-patterns",
    "reference/worked-example",
    "reference/cli",
]


@pytest.mark.parametrize("page", GENERATED)
def test_each_generated_page_reads_as_under_mkdocs_with_its_edit_link(
    zensical_site, built_site, page
):
    ours = (zensical_site / page / "index.html").read_text(encoding="utf-8")
    theirs = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert _text(ARTICLE_BODY.search(ours).group(1)) == _text(ARTICLE_BODY.search(theirs).group(1))
    edit = re.search(r'<a href="([^"]+)" title="Edit this page"', theirs).group(1)
    assert edit.startswith(REPOSITORY)
    assert f'<a href="{edit}" title="Edit this page"' in ours


def test_the_nav_lists_the_generated_pages_in_order(zensical_site):
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    nav = re.findall(r'<a href="([^"#]+)" class="md-nav__link', home)
    listed = [link.removeprefix("./").rstrip("/") for link in nav]
    assert [link for link in listed if link in GENERATED] == GENERATED
