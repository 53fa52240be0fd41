"""The Markdown report shows every value from a file as text: rendered by Python-Markdown,
no payload in a team, name, role, question or link becomes a tag, an attribute, a link to
anything but http(s), or a new block. Payloads and builders are module-level names, for a
fuzz suite to import."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser

import markdown
import pytest

from revops.foundation.characters import REFUSED, map_strings
from revops.reports import render

from .conftest import ROOT, revops

EXAMPLES = ROOT / "assessment" / "examples"

MARKDOWN_PAYLOADS = [
    # tags and attributes
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=`x` onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!-- x --><script>alert(1)</script>",
    "<style>@import 'javascript:alert(1)'</style>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    # links, images and autolinks
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](https://x.example/x.png "x" onerror=alert(1))',
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<https://x.example/" onmouseover="alert(1)>',
    "<x@x.example>",
    "\\[x\\](javascript:alert(1))",
    # attribute lists, footnotes, abbreviations, admonitions (Python-Markdown extensions)
    "{: onclick=alert(1) }",
    'x {: #id onclick="alert(1)" }',
    "*[HTML]: <script>alert(1)</script>",
    "[^1]\n\n[^1]: <script>alert(1)</script>",
    '!!! note "<script>alert(1)</script>"',
    # HTML entities
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "\\<script>alert(1)\\</script>",
    # line breaks that would start blocks
    "Acme\n\n<script>alert(1)</script>",
    "Acme\r\n<img src=x onerror=alert(1)>",
    "Acme\r<img src=x onerror=alert(1)>",
    "Acme\u2028<script>alert(1)</script>",
    "Acme\x85<script>alert(1)</script>",
    "Acme\n# Heading\n- item",
    "Acme\n\n    <script>alert(1)</script>",
    "Acme\n```\n<script>alert(1)</script>\n```",
    "> quote <script>alert(1)</script>",
    "- item\n- <img src=x onerror=alert(1)>",
    "1. <svg/onload=alert(1)>",
    # tables
    "Sales | EMEA | <script>alert(1)</script>",
    "a|b\n|---|---|\n|<script>alert(1)</script>|x|",
    "x | <img src=x onerror=alert(1)> |",
    # other markup and control characters
    "`<script>alert(1)</script>`",
    "**bold** _em_ ~~strike~~ \\*",
    "\u009b31mCSI \u202eevil",
]
ORDINARY_NAMES = ["O'Brien", "Ana-María", "R&D", "Sales | EMEA"]
# Fields of the JSON report that hold text from an answer file, an overlay, the content or an
# option; LINK_FIELDS hold link targets.
TEXT_FIELDS = {
    "team",
    "name",
    "role",
    "respondent",
    "title",
    "level_name",
    "next_level_name",
    "next_level_description",
    "reason",
    "question",
    "next_option",
    "source",
    "file",
    "summary",
}
LINK_FIELDS = {"url", "guidance"}
EXTENSIONS = [[], ["extra", "admonition", "toc", "sane_lists"]]


def base_report() -> dict:
    """A JSON report with every section: comparison, history, moved questions, functions
    apart, claims without evidence, advice with a guidance link."""
    result = revops(
        "score",
        str(EXAMPLES / "leadership-team-2026-q2.csv"),
        "--previous",
        str(EXAMPLES / "leadership-team-2026-q1.csv"),
        "--stage",
        "scale-up",
        "--overlay",
        str(ROOT / "overlays" / "example.yaml"),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def hostile_report(report: dict, payload: str) -> dict:
    """The report with the payload in every text field and every link target."""
    return map_strings(
        report, lambda key, text: payload if key in TEXT_FIELDS | LINK_FIELDS else text
    )


class Elements(HTMLParser):
    """Every start tag with its attributes (entities decoded, as a browser decodes them),
    the text, and each table's shape: the number of cells in each row."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.tables: list[list[int]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1

    def handle_data(self, data):
        self.text.append(data)


def script_in(html: str) -> list[str]:
    """What in the HTML would run script: script elements, on... attributes, and links or
    sources that are not http(s)."""
    found = []
    lowered = html.lower()
    if "<script" in lowered:
        found.append("<script")
    for tag, attrs in Elements(html).tags:
        found += [f"<{tag} {name}=" for name in attrs if name.startswith("on")]
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            target = "".join(attrs.get(name, "").split()).lower()
            if name in attrs and not target.startswith(("http://", "https://")):
                found.append(f"<{tag} {name}={target[:40]}>")
    return found


def to_html(text: str, extensions: list[str]) -> str:
    return markdown.markdown(text, extensions=extensions)


@pytest.fixture(scope="module")
def report() -> dict:
    return base_report()


def tags_but_links(elements: Elements) -> list[str]:
    """The elements in order; links aside, as a refused link target leaves its text only."""
    return [tag for tag, _ in elements.tags if tag != "a"]


@pytest.fixture(scope="module")
def ordinary(report) -> list[Elements]:
    """The report as each set of extensions renders it, with no payload."""
    return [Elements(to_html(render(report, "markdown"), extensions)) for extensions in EXTENSIONS]


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_no_payload_runs_script_or_adds_elements(report, ordinary, payload):
    text = render(hostile_report(report, payload), "markdown")
    for extensions, plain in zip(EXTENSIONS, ordinary, strict=True):
        html = to_html(text, extensions)
        assert script_in(html) == [], (extensions, html[:2000])
        elements = Elements(html)
        assert tags_but_links(elements) == tags_but_links(plain), (
            "the payload added or removed elements"
        )
        assert elements.tables == plain.tables, "a table row gained or lost cells"
        heading = html.split("</h1>", 1)[0].split(">", 1)[1]
        assert "<" not in heading, heading  # the team stays text in the title


def test_at_least_forty_payloads():
    assert len(MARKDOWN_PAYLOADS) >= 40


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS[:20])
def test_the_payload_reads_as_it_was_written(report, payload):
    """The title shows the team as given: line breaks folded, nothing taken as markup."""
    html = to_html(render(hostile_report(report, payload), "markdown"), ["tables"])
    title = "".join(Elements(html.split("</h1>", 1)[0] + "</h1>").text)
    assert title == "RevOps maturity report: " + " ".join(payload.split())


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,x", "/relative", "https:no-host", "vbscript:x"]
)
def test_a_link_target_that_is_not_http_is_plain_text(report, link):
    hostile = map_strings(report, lambda key, text: link if key in LINK_FIELDS else text)
    text = render(hostile, "markdown")
    assert f"]({link}" not in text and "](" not in text.split("## What to do next")[1]
    html = to_html(text, ["tables"])
    assert script_in(html) == []
    assert hostile["recommendations"][0]["title"] in html  # the text stays, as text


def test_an_http_link_with_markdown_breakers_stays_one_link(report):
    url = 'https://x.example/a b)"<x>(y)'
    hostile = map_strings(report, lambda key, text: url if key in LINK_FIELDS else text)
    html = to_html(render(hostile, "markdown"), ["tables"])
    hrefs = [attrs["href"] for tag, attrs in Elements(html).tags if tag == "a"]
    assert hrefs and set(hrefs) == {"https://x.example/a%20b%29%22%3Cx%3E%28y%29"}


QUESTIONS = [
    "tech-stack-governance",
    "tech-training-enablement",
    "tech-automation-line",
    "tech-revops-skills",
]  # one rule's questions, so that it is scored and advised


def test_ordinary_names_read_right(tmp_path):
    answers = tmp_path / "team.csv"
    answers.write_text(
        f"respondent,role,{','.join(QUESTIONS)}\n"
        f"{ORDINARY_NAMES[1]},finance,3,1,1,1\n"
        f"{ORDINARY_NAMES[0]},{ORDINARY_NAMES[3]},5,5,5,5\n",
        encoding="utf-8",
    )
    result = revops("score", str(answers), "--team", ORDINARY_NAMES[2], "--format", "markdown")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "(Ana-María, 3; O'Brien, 5)" in text  # nothing to escape in these
    assert text.startswith("# RevOps maturity report: R&amp;D\n")
    assert "**functions apart**: Sales \\| EMEA 5.00 vs finance 1.50 |" in text
    shown = "".join(Elements(to_html(text, ["tables"])).text)
    assert "RevOps maturity report: R&D" in shown
    assert "functions apart: Sales | EMEA 5.00 vs finance 1.50" in shown


def hostile_answers(tmp_path, payloads: list[str]):
    """A team CSV whose names and roles are the payloads, two by two."""
    path = tmp_path / "team.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "role", *QUESTIONS])
        writer.writerows(
            [payloads[i], payloads[i + 1], 5, 4, 3, 5] for i in range(0, len(payloads) - 1, 2)
        )
        writer.writerow(["plain", "finance", 1, 1, 1, 1])
    return path


def test_hostile_files_through_the_cli(tmp_path):
    """Payloads in a CSV's names and roles, in --team and in an overlay's organisation: the
    report runs no script, whichever extensions render it."""
    readable = [p for p in MARKDOWN_PAYLOADS if not REFUSED.search(p)]
    answers = hostile_answers(tmp_path, readable)
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text('organisation: "R&D {: onclick=alert(1) } *[R]: x"\n', encoding="utf-8")
    runs = [("--team", team) for team in ("<script>alert(1)</script>", "[x](javascript:alert(1))")]
    for option in [*runs, ("--overlay", str(overlay))]:
        result = revops("score", str(answers), *option, "--format", "markdown")
        assert result.returncode == 0, result.stderr
        for extensions in EXTENSIONS:
            assert script_in(to_html(result.stdout, extensions)) == [], option
