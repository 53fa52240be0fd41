"""The HTML report in headless Chromium: accessible, self-contained, prints on A4."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, revops
from .test_site_browser import axe_violations

EXAMPLES = ROOT / "assessment/examples"


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = revops(
        "score",
        str(EXAMPLES / "leadership-team-2026-q2.csv"),
        "--previous",
        str(EXAMPLES / "leadership-team-2026-q1.csv"),
        "--format",
        "html",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_report_has_no_axe_violations_and_loads_nothing(browser, report_file, width, scheme):
    """axe checks the contrast of the reader's colour scheme too."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = ctx.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(report_file.as_uri())
    assert requested == [report_file.as_uri()]
    assert page.locator("svg polygon").count() >= 7  # 5 rings, previous, current
    assert not axe_violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "the report scrolls sideways"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(15, 20, 25)") == (scheme == "dark"), background
    ctx.close()


def test_report_prints_on_a4(browser, report_file, tmp_path):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(report_file.as_uri())
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    data = pdf.read_bytes()
    pages = re.findall(rb"/Type\s*/Page(?!s)", data)
    boxes = {
        tuple(round(float(n)) for n in box.split())
        for box in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+ [\d.]+)\s*\]", data)
    }
    # the example team with its history, claim hints and inconsistent claims: 7 pages
    assert data.startswith(b"%PDF") and 2 <= len(pages) <= 8
    assert boxes == {(596, 843)}  # A4 in points
    ctx.close()
