"""A reader at a large company reaches the enterprise material from the home page in two
clicks, following links in the pages' text (the navigation bar is left out, since it lists
every page and would make any page one click away)."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from revops.content.addresses import guide_topic

from .test_site import PLAYBOOK

REF = PLAYBOOK.reference

# What the reader is looking for, and how a heading that offers it reads.
TOPICS = {
    "controls": r"\bcontrols for public\b",
    "multi-entity": r"\bmulti-entity\b",
    "partner": r"\bpartner (and channel )?operations\b",
    "board reporting": r"\bboard and investor reporting\b",
}
HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
BASE = "https://site.invalid/"


@cache
def article(site: Path, path: str) -> str:
    """The main text of the page at `path` (a site address such as 'reference/stages/')."""
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    if file.suffix != ".html" or not file.is_file():
        return ""
    page = file.read_text(encoding="utf-8")
    return page.split("<article", 1)[-1].split("</article>", 1)[0]


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "").strip()


def landing(site: Path, page: str, href: str) -> tuple[str, str]:
    """(the address a link leads to, the part of that page the reader lands on): from the
    anchored heading to the next heading of its level or above, or the whole page."""
    url = urlsplit(urljoin(BASE + page, href))
    path = url.path.removeprefix("/")
    body = article(site, path)
    if not url.fragment:
        return path, body
    start = body.find(f'id="{url.fragment}"')
    if start < 0:
        return path, ""
    opening = body.rfind("<", 0, start)
    level = re.match(r"<h([1-6])", body[opening:])
    if not level:
        return path, body[opening:]
    end = re.compile(rf"<h[1-{level.group(1)}][\s>]").search(body, start)
    return path, body[opening : end.start() if end else len(body)]


def links(fragment: str) -> list[str]:
    return [
        html.unescape(href)
        for href in re.findall(r'<a [^>]*href="([^"]+)"', fragment)
        if not href.startswith(("http:", "https:", "mailto:"))
    ]


def headings(fragment: str) -> list[str]:
    return [text(body) for _, body in HEADING.findall(fragment)]


def topics_found(site: Path, page: str, section: str, hops: int) -> set[str]:
    """The topics whose heading the reader sees in `section` of `page`, or reaches from it
    in at most `hops` further clicks."""
    found = {
        topic
        for topic, pattern in TOPICS.items()
        for heading in headings(section)
        if re.search(pattern, heading, re.I)
    }
    if hops:
        for href in links(section):
            path, landed = landing(site, page, href)
            found |= topics_found(site, path, landed, hops - 1)
    return found


def test_the_enterprise_material_is_two_clicks_from_home(built_site):
    home = article(built_site, "")
    assert topics_found(built_site, "", home, hops=2) == set(TOPICS)


def test_the_home_page_link_to_enterprise_scale_reaches_each_topic(built_site):
    home = article(built_site, "")
    named = [
        href
        for href, label in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', home, re.S)
        if "enterprise" in text(label).lower()
    ]
    assert named, "the home page needs a link that names enterprise scale"
    for href in named:
        path, landed = landing(built_site, "", href)
        missing = set(TOPICS) - topics_found(built_site, path, landed, hops=1)
        assert not missing, f"{href} leads to no heading on {', '.join(sorted(missing))}"


def test_each_enterprise_guide_topic_has_an_anchor_steps_and_its_links(built_site):
    stages = article(built_site, "reference/stages/")
    for stage in REF.stages.stages:
        for topic in stage.guide:
            anchor = guide_topic(stage.id, topic.id).anchor
            path, section = landing(built_site, "reference/stages/", f"#{anchor}")
            assert headings(section)[0] == topic.heading, topic.id
            assert section.count("<li>") >= len(topic.steps), topic.id
            for domain_id in topic.domains:
                assert f'href="../domains/#{domain_id}"' in section, (topic.id, domain_id)
            assert f'href="#{anchor}"' in stages, f"no contents link to {topic.id}"


# Who answers for each money decision the review found missing or contradicted in the RACI.
ACCOUNTABLE = {
    "List prices and packages": "Product",
    "Lead scoring": "Marketing",
    "Compensation plan design": "Sales",
    "Compensation plan cost": "Finance",
    "Commission calculation and statements": "RevOps",
    "Commission payout": "Finance",
    "Customer health score": "Customer success",
    "Controls over revenue systems": "Finance",
    "Board and investor reporting": "Finance",
    "Partner operations": "Sales",
    "Pricing operations": "RevOps",
    "AI and automation": "RevOps",
    "Definitions of financial metrics: ARR": "Finance",
    "Contract language": "Legal",
    "Privacy rules": "Legal",
}
COLUMNS = ["Product", "Legal", "People and HR", "IT and security"]


def raci_table(site: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The RACI on the team page as its reader sees it: column names, and letters by process."""
    team = article(site, "reference/team/")
    table = team.split('id="raci"', 1)[1].split("</table>", 1)[0]
    columns = [text(cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)][1:]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return columns, rows


def test_the_raci_has_the_missing_columns_and_one_accountable_per_money_decision(built_site):
    columns, rows = raci_table(built_site)
    assert set(COLUMNS) <= set(columns)
    for process, function in ACCOUNTABLE.items():
        matching = [name for name in rows if name.startswith(process)]
        assert len(matching) == 1, f"one RACI row starts '{process}': {matching}"
        letters = rows[matching[0]]
        assert letters.count("A") == 1, matching[0]
        assert columns[letters.index("A")] == function, matching[0]
    arr_rows = [name for name in rows if "ARR" in name]
    assert arr_rows and all(rows[name][columns.index("RevOps")] != "A" for name in arr_rows)
