"""The built site in headless Chromium: accessible at phone and desktop widths, all local."""

from __future__ import annotations

import json
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

from .conftest import ROOT
from .test_site import PAGES, PLAYBOOK

AXE = (ROOT / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
ALL_PAGES = PAGES + [f"rules/{rule.id}/index.html" for rule in PLAYBOOK.rules]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def dark_contrast_violations(page) -> list[dict]:
    """Contrast in the dark scheme as well; the other checks do not depend on colours."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    try:
        return axe_violations(page, only=["color-contrast"])
    finally:
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")


def axe_violations(page, only: list[str] | None = None) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
        # axe reads colours from the layout; questions off screen are not laid out
        # (content-visibility: auto) until a reader scrolls to them, so lay them all out.
        page.add_style_tag(content="* { content-visibility: visible !important; }")
    options = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture(scope="module", params=list(WIDTHS), ids=list(WIDTHS))
def context(request, browser):
    width, height = WIDTHS[request.param]
    ctx = browser.new_context(viewport={"width": width, "height": height})
    yield ctx
    ctx.close()


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_has_no_axe_violations_and_stays_local(context, site_url, path):
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(site_url + path.removesuffix("index.html"), wait_until="load")
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, indent=1)
    violations = dark_contrast_violations(page)
    assert not violations, "dark scheme: " + json.dumps(violations, indent=1)
    # Late requests (the search index, say) are caught: axe ran meanwhile, so the network
    # has usually been quiet for the required half second already.
    page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts <= {"127.0.0.1"}, requested
    page.close()


def test_dark_mode_toggle_switches_scheme_and_stays_accessible(browser, site_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + "rules/alignment/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("label[title='Switch to dark mode']")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert not axe_violations(page)
    ctx.close()


ANSWERS_THE_QUERY = """highlight => [...document.querySelectorAll(
    "li.md-search-result__item a.md-search-result__link")].some(link =>
    link.getAttribute("href").includes(highlight))"""


def search_for(page, query: str) -> None:
    """Type a query as a reader does, once Material's search index is built. Material runs
    a query on key presses: a value filled in (no keys) was run only if it arrived before
    the index was ready, so a fast or a slow machine missed it either way."""
    page.wait_for_function(
        "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
    )
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    page.type("input.md-search__input", query)
    # The list is redrawn as each key arrives; search.highlight puts the query, in lower
    # case, into the results' links, so the list answers the whole query once one carries it.
    page.wait_for_function(ANSWERS_THE_QUERY, arg="h=" + "+".join(query.lower().split()))


def test_search_finds_a_rule(browser, site_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url)
    search_for(page, "insights")
    assert "Insights" in page.inner_text(".md-search-result")
    ctx.close()


@pytest.mark.parametrize(
    "query, anchor",
    [
        ("NRR", "reference/metrics/#net-revenue-retention"),
        ("net revenue retention", "reference/metrics/#net-revenue-retention"),
        ("CAC payback", "reference/metrics/#cac-payback"),
    ],
)
def test_search_finds_a_metric_by_name_or_abbreviation(browser, site_url, query, anchor):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url)
    search_for(page, query)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    # search.highlight adds ?h=<query>; what matters is the page and the anchor.
    found = [urlparse(link)._replace(query="").geturl() for link in links[:5]]
    assert site_url + anchor in found, links[:5]
    ctx.close()


SEARCHES = {
    "forecast accuracy": "#forecast-accuracy",
    "NRR": "#net-revenue-retention",
    "CAC": "#cac",
    "LTV": "#customer-lifetime-value",
    "win rate": "#win-rate",
}


def test_search_lands_on_the_metric_not_on_assessment_options(browser, site_url):
    """The site's own search, typed as a reader would: the metric's anchor among the first
    results, and the assessment's option texts nowhere in the index."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url, wait_until="networkidle")
    for query, anchor in SEARCHES.items():
        search_for(page, query)
        links = page.eval_on_selector_all(
            "li.md-search-result__item a.md-search-result__link",
            "links => links.slice(0, 6).map(link => link.getAttribute('href'))",
        )
        assert any(link.endswith(anchor) and "/reference/metrics/" in link for link in links), (
            query,
            links,
        )
        assert not any("/assessment/" in link for link in links[:1]), (query, links)
    page.close()
    index = json.loads(urlopen(site_url + "search/search_index.json").read())
    assessment = " ".join(
        doc["text"]
        for doc in index["docs"]
        if doc["location"].startswith("assessment/#") or doc["location"] == "assessment/"
    )
    assert PLAYBOOK.all_questions[0].text in assessment  # the questions stay
    assert "Not applicable to our business" not in assessment
    assert PLAYBOOK.all_questions[0].options[1] not in assessment
    assert "answered" not in assessment


@pytest.mark.parametrize("size", [(390, 700), (1280, 720)], ids=["phone", "desktop"])
def test_the_home_page_leads_to_the_rules_and_the_assessment_without_scrolling(
    browser, site_url, size
):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(site_url, wait_until="networkidle")
    for label, target in (("Read the rules", "rules/"), ("Take the assessment", "assessment/")):
        button = page.locator(f".revops-hero a.md-button:has-text('{label}')")
        box = button.bounding_box()
        assert box is not None and box["y"] + box["height"] <= size[1], (label, box)
        assert button.get_attribute("href") == target
    page.close()
