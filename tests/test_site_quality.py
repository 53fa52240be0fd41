"""Built-site quality: every internal link and anchor resolves; the HTML is valid."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from mkdocs.utils.yaml import yaml_load

from .conftest import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
# Absolute links (in 404.html) start with the published site's path, e.g. /revops-playbook/.
SITE_PATH = urlparse(yaml_load((ROOT / "mkdocs.yml").read_text())["site_url"]).path

# Errors the Nu Html Checker reports in Material for MkDocs' own templates, not in our pages.
# Each is listed with why it is there; anything else fails the test.
THEME_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        "Material puts autocomplete=off on its hidden checkbox toggles (drawer, search, "
        "palette) so browsers do not restore their state on back navigation."
    ),
    "Bad value “” for attribute “tabindex” on element “label”": (
        'Material renders tabindex="" on navigation section labels.'
    ),
}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "img") and attrs.get("src"):
            self.links.append(attrs["src"])


def parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, page: Path, path: str) -> Path:
    if path.startswith("/"):
        base, path = site, path.removeprefix(SITE_PATH).lstrip("/")
    else:
        base = page.parent
    target = (base / unquote(path)).resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") or not path else target


def test_every_internal_link_and_anchor_resolves(built_site):
    pages = {page.resolve(): parse(page) for page in built_site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            url = urlparse(link)
            if url.scheme or url.netloc or link.startswith(("mailto:", "data:")):
                continue
            target = target_file(built_site, page, url.path) if url.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {link} (no such file)")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken)
    assert sum(len(p.links) for p in pages.values()) > 500  # the check saw the real site


def test_html_is_valid_apart_from_listed_theme_errors(built_site):
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(built_site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]

    def explained(message: dict) -> bool:
        return any(message["message"].startswith(text) for text in THEME_ERRORS)

    unexplained = [
        f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not explained(m)
    ]
    assert not unexplained, "\n".join(unexplained[:20])
    assert any(page.name == "index.html" for page in built_site.rglob("*.html"))


def test_report_links_point_at_real_pages_and_anchors(built_site, tmp_path):
    """Recommendation links in a JSON report resolve on the built site."""
    from revops.cli.main import main

    out = tmp_path / "report.json"
    assert (
        main(
            [
                "score",
                str(ROOT / "assessment/examples/leadership-team-2026-q1.csv"),
                "--format",
                "json",
                "--output",
                str(out),
                "--site-url",
                "http://127.0.0.1/",
            ]
        )
        == 0
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    urls = [rec["url"] for rec in report["recommendations"]]
    for rec in report["recommendations"]:
        urls += [p["url"] for p in rec["practices"]] + [s["url"] for s in rec["steps"]]
    for url in urls:
        parsed = urlparse(url)
        target = target_file(built_site, built_site / "index.html", parsed.path)
        assert target.exists(), url
        if parsed.fragment:
            assert parsed.fragment in parse(target).ids, url
