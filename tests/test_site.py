"""The built site: every page is there, generated from YAML, and builds strictly."""

from __future__ import annotations

import json
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from revops.content.addresses import REFERENCE_PAGES
from revops.content.playbook import load_playbook

from .conftest import ROOT, mkdocs_build, properdocs_build, run

PLAYBOOK = load_playbook(ROOT)
PAGES = [
    "index.html",
    "rules/index.html",
    "roadmap/index.html",
    "revops/index.html",
    "operating-model/index.html",
    "levels/index.html",
    "contributing/index.html",
    "assessment/index.html",
    "assessment/method/index.html",
    "assessment/report-format/index.html",
    "reference/index.html",
    "print_page/index.html",
    "reference/cli/index.html",
] + [page.source.removesuffix(".md") + "/index.html" for page in REFERENCE_PAGES.values()]


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_strict_build_has_every_page(built_site):
    for page in PAGES + [f"rules/{rule.id}/index.html" for rule in PLAYBOOK.rules]:
        assert (built_site / page).is_file(), page


@pytest.mark.parametrize("rule", PLAYBOOK.rules, ids=lambda rule: rule.id)
def test_rule_page_is_generated_from_its_yaml(built_site, rule):
    html = (built_site / f"rules/{rule.id}/index.html").read_text(encoding="utf-8")
    assert f'<h1 id="{rule.title.lower()}' in html.lower() or f">{rule.title}<" in html
    edit = (
        f"https://github.com/revops-playbook/revops-playbook/edit/main/"
        f"{PLAYBOOK.rule_files[rule.id]}"
    )
    assert f'href="{edit}"' in html
    for practice in rule.practices:
        assert practice.name in html
    for metric_id in rule.metrics:
        name = PLAYBOOK.reference.metrics[metric_id].name.replace("&", "&amp;")
        assert f'<a href="../../reference/metrics/#{metric_id}">{name}</a>' in html
    for link in rule.interlocks:
        assert f'<strong>{link.how}</strong> <a href="../{link.rule}/">' in html
    assert html.count("<tr>") >= len(rule.metrics) + len(PLAYBOOK.levels)
    for level in PLAYBOOK.levels:
        assert f"{level.level}. {level.name}" in html


def test_home_page_has_a_card_per_rule(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<a href="rules/([a-z0-9-]+)/">', html)
    assert [rule.id for rule in PLAYBOOK.rules] == [c for c in dict.fromkeys(cards)]
    assert 'class="grid cards"' in html


def test_roadmap_and_operating_model_come_from_yaml(built_site):
    roadmap = (built_site / "roadmap/index.html").read_text(encoding="utf-8")
    for step in PLAYBOOK.roadmap.steps:
        assert f'id="step-{step.id}"' in roadmap
    model = (built_site / "operating-model/index.html").read_text(encoding="utf-8")
    central = PLAYBOOK.operating_model.centralisation
    for item in central.centralise + central.leave_to_teams:
        assert item.decision.replace("&", "&amp;") in model
    for upkeep in PLAYBOOK.operating_model.network.keeping_the_power_on:
        assert f'id="{upkeep.id}"' in model
    revops = (built_site / "revops/index.html").read_text(encoding="utf-8")
    for component in PLAYBOOK.revops.components:
        assert f'id="{component.id}"' in revops


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.description = None
        self.requests: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.requests.append(attrs["src"])
        if tag == "link" and attrs.get("rel") not in ("canonical",) and attrs.get("href"):
            self.requests.append(attrs["href"])


def test_every_page_has_its_own_meta_description(built_site):
    seen = {}
    for page in html_pages(built_site):
        parser = _Meta()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.description and len(parser.description) > 30, page
        assert parser.description not in seen, f"{page} repeats {seen.get(parser.description)}"
        seen[parser.description] = page


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site):
    for page in html_pages(built_site):
        parser = _Meta()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [u for u in parser.requests if re.match(r"^(https?:)?//", u)]
        assert not external, f"{page}: {external}"
    for css in built_site.rglob("*.css"):
        assert not re.search(r"@import|url\(['\"]?(https?:)?//", css.read_text("utf-8")), css


def test_no_script_holds_up_the_first_paint(built_site):
    """Material's bundle is deferred (overrides/main.html): at the end of the body it held up
    the first paint on some loads."""
    for page in html_pages(built_site):
        tags = re.findall(r"<script [^>]*src=[^>]*>", page.read_text(encoding="utf-8"))
        assert any("bundle." in tag for tag in tags), page
        blocking = [tag for tag in tags if " defer" not in tag]
        assert not blocking, f"{page}: {blocking}"


def _add_rule(project: Path) -> None:
    source = (project / "playbook/rules/02-alignment.yaml").read_text(encoding="utf-8")
    rule = source.replace("id: alignment", "id: forecasting").replace(
        "title: Alignment is the North Star", "title: Forecasts are Commitments"
    )
    (project / "playbook/rules/11-forecasting.yaml").write_text(rule, encoding="utf-8")
    questions = (project / "assessment/questions/alignment.yaml").read_text(encoding="utf-8")
    questions = questions.replace("rule: alignment", "rule: forecasting")
    questions = re.sub(r"- id: (\S+)", r"- id: forecast-\1", questions)
    questions = questions.replace("    text: ", "    text: In forecasting, ")  # told apart
    questions = re.sub(r"\n    domain: \S+", "", questions)  # their domains serve alignment
    # evidence hints are unique across questions too
    questions = re.sub(r"(\n      [1-5]: (?:>-\n        )?)", r"\1In forecasting, ", questions)
    (project / "assessment/questions/forecasting.yaml").write_text(questions, encoding="utf-8")


@pytest.mark.slow
def test_an_eleventh_rule_file_adds_its_page_card_and_nav_entry(project, tmp_path):
    _add_rule(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site/rules/forecasting/index.html"
    assert "Forecasts are Commitments" in page.read_text(encoding="utf-8")
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<a href="rules/forecasting/">' in home  # the card
    nav_links = re.findall(
        r'class="md-nav__link"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*'
        r'class="md-nav__link',
        home,
    )
    assert any("rules/forecasting/" in a + b for a, b in nav_links)
    assert "11-forecasting.yaml" in page.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("build", [mkdocs_build, properdocs_build], ids=["mkdocs", "properdocs"])
def test_invalid_content_fails_the_build_with_the_validation_message(project, tmp_path, build):
    path = project / "playbook/rules/02-alignment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("practices:", "practises:"))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "unknown key 'practises'; did you mean 'practices'?" in result.stderr
    assert "playbook/rules/02-alignment.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_an_undefined_variable_in_a_page_fails_the_build(project, tmp_path):
    page = project / "docs/levels.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_variable }}\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no_such_variable" in result.stderr


def test_method_page_shows_the_formula_parameters_and_the_computed_example(built_site):
    from revops.site.method import worked_example

    html = (built_site / "assessment/method/index.html").read_text(encoding="utf-8")
    example = worked_example(PLAYBOOK)
    assert f"<strong>{example['result'].score:.2f}</strong>" in html
    assert f"differ by {PLAYBOOK.scoring.misaligned_gap:.2f} or more" in html
    assert f"fewer than {PLAYBOOK.scoring.min_answered_fraction:.0%} of" in html
    total = len(PLAYBOOK.rules)
    needed = math.ceil(PLAYBOOK.scoring.min_answered_fraction * total)
    assert f"{needed} of the {total} rules today" in " ".join(html.split())
    scoring = PLAYBOOK.scoring
    first = PLAYBOOK.rules[0]
    foundation = next(
        q.text for q in PLAYBOOK.questions[first.id] if q.id == scoring.foundational[first.id][0]
    )
    assert f"<li>{first.title}: <em>{foundation}</em></li>" in html.replace("&#39;", "'")
    assert f"at {scoring.foundation_at_most} or below" in " ".join(html.split())


def test_method_page_lists_each_weighted_question_with_its_reason(built_site):
    """The table of weights comes from the question files: every question weighing more
    than 1 has a row with its weight and reason, and no question weighing 1 has one."""
    html = (built_site / "assessment/method/index.html").read_text(encoding="utf-8")
    table = html.split("Why it counts more", 1)[1].split("</table>", 1)[0]
    rows = {
        " ".join(re.sub(r"<[^>]+>", " ", row).replace("&#39;", "'").split())
        for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    }
    questions = list(PLAYBOOK.all_questions)
    weighted = [q for q in questions if q.weight > 1]
    assert len(weighted) >= 12
    for question in weighted:
        assert any(
            question.text in row and f" {question.weight} {question.weight_reason}" in row
            for row in rows
        ), question.id
    plain = [q for q in questions if q.weight == 1]
    assert len(rows) == len(weighted)
    assert not any(q.text in row for q in plain for row in rows)
    for rule in PLAYBOOK.scoring.weight_rules:
        assert " ".join(rule.reason.split()) in " ".join(html.split())


def test_each_domain_lists_the_questions_that_test_it(built_site):
    html = (built_site / "reference/domains/index.html").read_text(encoding="utf-8")
    html = html.replace("&#39;", "'")
    asked = [q for q in PLAYBOOK.all_questions if q.domain]
    assert len({q.domain for q in asked}) >= 10
    for question in asked:
        section = html.split(f'id="{question.domain}"', 1)[1].split("<h2", 1)[0]
        assert question.text in section, question.id
    rule = next(r for r in PLAYBOOK.rules if asked[0] in PLAYBOOK.questions[r.id])
    page = (built_site / f"rules/{rule.id}/index.html").read_text(encoding="utf-8")
    assert f'reference/domains/#{asked[0].domain}"' in page


@pytest.mark.slow
def test_method_page_follows_the_scoring_parameters(project, tmp_path):
    path = project / "assessment/scoring.yaml"
    path.write_text(path.read_text().replace("misaligned_gap: 2 ", "misaligned_gap: 3 "))
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site/assessment/method/index.html").read_text(encoding="utf-8")
    text = " ".join(html.split())
    assert "differ by 3.00 or more" in text and "is below 3.00, so the" in text


def test_report_format_page_shows_a_real_report(built_site):
    html = (built_site / "assessment/report-format/index.html").read_text(encoding="utf-8")
    assert "schema_version" in html and "Northwind Software" in html


def test_no_page_shows_an_unrendered_macro(built_site):
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert "{{" not in html and "{%" not in html, f"{page}: a macro was not rendered"


@pytest.mark.slow
def test_a_page_that_calls_a_macro_without_opting_in_fails_the_build(project, tmp_path):
    page = project / "docs/levels.md"
    page.write_text(page.read_text(encoding="utf-8").replace("render_macros: true\n", ""))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "docs/levels.md calls a macro but is not rendered: add 'render_macros: true' to "
        "its front matter"
    ) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_generated_pages_skip_macros_so_braces_in_yaml_show_as_written(project, tmp_path):
    path = project / "playbook/rules/02-alignment.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "When each revenue team chases its own target",
            "When each revenue team chases {{ its_own }} target",
        )
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/rules/alignment/index.html").read_text(encoding="utf-8")
    assert "chases {{ its_own }} target" in html


def test_generated_pages_are_made_by_plain_python_without_mkdocs():
    """Another site generator's glue could write these pages out: nothing here needs MkDocs."""
    script = (
        "import sys\n"
        "from revops.content.playbook import load_playbook\n"
        "from revops.site.pages import generated_pages\n"
        "for page in generated_pages(load_playbook('.')):\n"
        "    text = page.render()\n"
        "    print(page.source, page.section, page.edit_path, text.startswith('---\\n'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))\n"
    )
    result = run([sys.executable, "-c", script], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    *rows, imported = result.stdout.splitlines()
    assert imported == "[]"
    expected = [
        f"rules/{rule.id}.md rules/index.md {PLAYBOOK.rule_files[rule.id]} True"
        for rule in PLAYBOOK.rules
    ]
    expected += [
        f"{page.source} reference/index.md {page.yaml} True" for page in REFERENCE_PAGES.values()
    ]
    assert rows == expected


EDIT_LINK = re.compile(
    r'<a href="https://github\.com/revops-playbook/revops-playbook/'
    r'(edit|tree)/main/([^"]+)" title="Edit this page"'
)


def test_every_edit_link_opens_a_file_of_the_repository(built_site):
    """A page's edit link leads to what a contributor changes: its YAML or its Markdown."""
    seen = {}
    for page in html_pages(built_site):
        if page.parent.name == "print_page":  # every page at once: no one file to edit
            continue
        found = EDIT_LINK.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, f"{page}: {len(found)} edit links"
        view, target = found[0]
        path = ROOT / target
        assert path.is_dir() if view == "tree" else path.is_file(), (page, target)
        seen[page.relative_to(built_site).as_posix()] = target
    assert seen["index.html"] == "docs/index.md"
    assert seen["roadmap/index.html"] == "playbook/steps.yaml"
    assert seen["levels/index.html"] == "assessment/levels.yaml"
    assert seen["assessment/index.html"] == "assessment/questions/"
    assert seen["reference/metrics/index.html"].startswith("playbook/metrics")


GENERATE = ["scripts/generate_site.py"]


def _generated_in(docs: Path) -> list[str]:
    from revops.site.tree import is_generated

    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if is_generated(p))


def test_the_generation_step_writes_every_page_with_its_edit_link_and_nothing_else(project):
    """scripts/generate_site.py, the first step for builders that run no hook, writes the
    generated pages, each with `edit_url` in its front matter, and the nav for them."""
    import yaml

    for source in _generated_in(project / "docs"):
        (project / "docs" / source).unlink()
    result = run([sys.executable, *GENERATE, "--root", str(project)], cwd=project)
    assert result.returncode == 0, result.stderr
    expected = [f"rules/{rule.id}.md" for rule in PLAYBOOK.rules]
    expected += [page.source for page in REFERENCE_PAGES.values()] + ["reference/cli.md"]
    assert _generated_in(project / "docs") == sorted(expected)
    page = (project / "docs/rules/alignment.md").read_text(encoding="utf-8")
    edit = f"https://github.com/revops-playbook/revops-playbook/edit/main/{PLAYBOOK.rule_files['alignment']}"
    assert f'\nedit_url: "{edit}"\n' in page.split("\n---\n", 1)[0]
    metrics = (project / "docs/reference/metrics.md").read_text(encoding="utf-8")
    assert "/tree/main/playbook/metrics/" in metrics.split("\n---\n", 1)[0]
    config = yaml.safe_load((project / "mkdocs.generated.yml").read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.yml"
    rules = next(item["The rules"] for item in config["nav"] if "The rules" in item)
    assert [next(iter(entry.values())) for entry in rules[1:]] == expected[: len(PLAYBOOK.rules)]


def test_the_generation_step_removes_pages_it_no_longer_makes_and_keeps_hand_written_ones(
    project,
):
    from revops.site.tree import GENERATED_MARK

    stale = project / "docs/rules/retired-rule.md"
    stale.write_text(f"---\n{GENERATED_MARK}\ntitle: Retired\n---\n", encoding="utf-8")
    own = project / "docs/rules/notes.md"
    own.write_text("---\ntitle: Notes\n---\n\nHand-written.\n", encoding="utf-8")
    result = run([sys.executable, *GENERATE, "--root", str(project)], cwd=project)
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and own.exists()
    assert "1 removed" in result.stdout


def test_the_generation_step_never_overwrites_a_hand_written_page(project):
    page = project / "docs/rules/alignment.md"
    page.write_text("---\ntitle: Mine\n---\n", encoding="utf-8")
    result = run([sys.executable, *GENERATE, "--root", str(project)], cwd=project)
    assert result.returncode == 1
    assert result.stderr == (
        "the generated pages could not be written: docs/rules/alignment.md is hand-written, "
        "but the content makes a page there; rename one of them\n"
    )
    assert page.read_text(encoding="utf-8") == "---\ntitle: Mine\n---\n"


def test_the_generation_step_reports_invalid_content_without_a_traceback(project):
    path = project / "playbook/rules/02-alignment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("practices:", "practises:"))
    result = run([sys.executable, *GENERATE, "--root", str(project)], cwd=project)
    assert result.returncode == 1
    assert "unknown key 'practises'; did you mean 'practices'?" in result.stderr
    assert "Traceback" not in result.stderr


ARTICLE_BODY = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
CHAPTER = re.compile(r'<section class="revops-print-chapter" id="([^"]+)">')


def _text(markup: str) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _printed_sources() -> list[str]:
    """The Markdown sources the print page holds: the nav in order, less those left out."""
    from mkdocs.utils.yaml import yaml_load

    from revops.cli.main import build_parser
    from revops.site.tree import fill_nav, site_pages

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = fill_nav(config["nav"], site_pages(PLAYBOOK, build_parser(), ""))

    def sources(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from sources(value) if isinstance(value, list) else [value]

    left_out = set(config["extra"]["print_page"]["exclude"])
    return [source for source in sources(nav) if source not in left_out]


def test_the_print_page_holds_every_playbook_page_in_nav_order(built_site):
    """Each chapter is its page's content, word for word, and the contents list them all."""
    from revops.content.addresses import Address
    from revops.site.printable import chapter_id

    html = (built_site / "print_page/index.html").read_text(encoding="utf-8")
    urls = [Address(source).url for source in _printed_sources()]
    assert len(urls) == 26  # the nav's pages less those left off: counted, so a lost page shows
    pieces = CHAPTER.split(ARTICLE_BODY.search(html).group(1))
    chapters = dict(zip(pieces[1::2], pieces[2::2], strict=True))
    assert list(chapters) == [chapter_id(url) for url in urls]
    for url in urls:
        page = (built_site / url / "index.html").read_text(encoding="utf-8")
        content = ARTICLE_BODY.search(page).group(1)
        printed = chapters[chapter_id(url)].rsplit("</section>", 1)[0]
        assert _text(printed) == _text(content), url
    # a link to a page that is printed too stays on the print page
    left = re.findall(r'href="\.\./([^"#]*)', "".join(chapters.values()))
    assert not set(left) & set(urls), set(left) & set(urls)
    contents = html.split('id="print-contents"', 1)[1].split("</nav>", 1)[0]
    listed = re.findall(r'<a href="#([^"]+)">', contents)
    assert [anchor for anchor in listed if anchor in chapters] == list(chapters)


def test_the_print_page_is_left_out_of_search_and_has_no_edit_link(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("print_page/")]
    html = (built_site / "print_page/index.html").read_text(encoding="utf-8")
    assert not EDIT_LINK.search(html)
    assert "<title>The RevOps Playbook" in html
