"""The SVG pictures: accessible, free of hard-coded colours, drawn from the content, and
redrawn when the content changes."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from revops.content.playbook import load_playbook
from revops.site import pictures

from .conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
DRAW = {
    "operating-model": pictures.operating_model_svg,
    "roadmap": pictures.roadmap_svg,
    "interlocks": pictures.interlocks_svg,
    "ladder": pictures.ladder_svg,
}
CSS = (ROOT / "docs" / "assets" / "pictures.css").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def playbook():
    return load_playbook(ROOT)


def names(playbook, picture: str) -> list[str]:
    """Every name the picture must mention, from the real content."""
    network = playbook.operating_model.network
    return {
        "operating-model": [item.name for item in (*network.functions, *network.disciplines)],
        "roadmap": [step.title for step in playbook.roadmap.steps],
        "interlocks": [rule.title for rule in playbook.rules],
        "ladder": [level.name for level in playbook.levels],
    }[picture]


def desc(svg: str) -> str:
    return ET.fromstring(svg).find(f"{SVG}desc").text


@pytest.mark.parametrize("picture", DRAW)
def test_picture_is_an_accessible_svg(playbook, picture):
    svg = DRAW[picture](playbook)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox"))
    assert root.get("width") is None and root.get("height") is None, "scales with its page"
    assert root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    assert labelled == [f"{picture}-title", f"{picture}-desc"]
    title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), description.get("id")) == tuple(labelled)
    assert title.text.strip() and description.text.strip()
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith(f"{picture}-") for i in ids)


@pytest.mark.parametrize("picture", DRAW)
def test_picture_has_no_colours_scripts_or_outside_references(playbook, picture):
    svg = DRAW[picture](playbook)
    assert not re.search(r"""(fill|stroke|color)\s*[=:]\s*["']?\s*(#|rgb|hsl)""", svg, re.I)
    assert 'fill="' not in svg and 'stroke="' not in svg and "style=" not in svg
    for bad in ("<script", "<image", "<foreignObject", "href", "@import", "<style"):
        assert bad not in svg
    assert re.findall(r"url\(([^)]*)\)", svg) == [f"#{picture}-arrow"] * svg.count("url(")


@pytest.mark.parametrize("picture", DRAW)
def test_every_class_is_styled_and_the_styles_use_the_scheme(playbook, picture):
    root = ET.fromstring(DRAW[picture](playbook))
    assert root.get("class").split() == ["revops-pic", f"revops-pic-{picture}"]  # a hook each
    classes = {
        c
        for element in root.iter()
        for c in (element.get("class") or "").split()
        if element is not root
    } | {"revops-pic"}
    assert all(f".{c} " in CSS or f".{c}," in CSS for c in classes), classes
    colours = re.findall(r"(?<![\w-])(?:fill|stroke|color|background)\s*:\s*([^;}]+)", CSS)
    assert colours and all(
        value.strip() == "none"
        or value.strip().startswith("var(--md-")
        or value.strip().startswith("var(--revops-pic-")
        for value in colours
    )
    assert not re.search(r"#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(", CSS, re.I), "Material's colours only"


@pytest.mark.parametrize("picture", DRAW)
def test_text_is_readable_on_a_phone_and_stays_inside(playbook, picture):
    root = ET.fromstring(DRAW[picture](playbook))
    width = float(root.get("viewBox").split()[2])
    texts = list(root.iter(f"{SVG}text"))
    assert texts
    for text in texts:
        size = float(text.get("font-size"))
        assert size * 390 / width >= 12, "at least 12 px when the picture is 390 px wide"
        for span in text.iter(f"{SVG}tspan"):
            left = float(span.get("x")) - {"start": 0, "middle": 0.5, "end": 1}[
                text.get("text-anchor")
            ] * pictures.text_width(span.text, size)
            assert 0 <= left and left + pictures.text_width(span.text, size) <= width, span.text


@pytest.mark.parametrize("picture", DRAW)
def test_description_names_everything_shown(playbook, picture):
    text = desc(DRAW[picture](playbook))
    for name in names(playbook, picture):
        assert name in text, name


def test_pictures_are_deterministic(playbook):
    for draw in DRAW.values():
        assert draw(playbook) == draw(playbook)


def test_long_names_wrap_at_words_and_never_lose_words_silently():
    assert pictures.wrap_label("Unify the tech stack", 90) == ["Unify the", "tech stack"]
    lines = pictures.wrap_label("Supercalifragilisticexpialidocious stack", 90)
    assert lines[0].endswith("…") and lines[1] == "stack"
    many = pictures.wrap_label("one two three four five six seven", 40, max_lines=2)
    assert len(many) == 2 and many[-1].endswith("…")
    assert all(pictures.text_width(line) <= 90 for line in lines)
    assert pictures.wrap_label("[Linked](../x.md) **bold** name", 400) == ["Linked bold name"]


def test_names_are_escaped(playbook):
    step = playbook.roadmap.steps[0].model_copy(update={"title": "Sales & <marketing>"})
    roadmap = playbook.roadmap.model_copy(update={"steps": [step]})
    svg = pictures.roadmap_svg(type("Stub", (), {"roadmap": roadmap})())
    assert "Sales &amp; &lt;marketing&gt;" in svg and "<marketing>" not in svg
    ET.fromstring(svg)


# --- changing the content changes the picture ----------------------------------------------


def edit(project: Path, relative: str, change) -> None:
    path = project / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_new_step_appears_on_the_roadmap(project):
    before = pictures.roadmap_svg(load_playbook(project))

    def add_step(data):
        step = copy.deepcopy(data["steps"][-1])
        data["steps"].append({**step, "id": "review-the-engine", "title": "Review the engine"})

    edit(project, "playbook/steps.yaml", add_step)
    after = pictures.roadmap_svg(load_playbook(project))
    assert after != before
    assert "Review the engine" in after and "Step 6, Review the engine, is the last" in desc(after)
    assert after.count("revops-pic-strong") == before.count("revops-pic-strong") + 1


def test_a_new_level_appears_on_the_ladder(project):
    before = pictures.ladder_svg(load_playbook(project))
    edit(
        project,
        "assessment/levels.yaml",
        lambda data: data["levels"].append(
            {"level": 6, "name": "Transformative", "description": "Sets the pace for others."}
        ),
    )
    for path in sorted((project / "playbook" / "rules").glob("*.yaml")):
        edit(
            project,
            path.relative_to(project),
            lambda data: data["maturity"].update({6: "Sets the pace for others."}),
        )
    for path in sorted((project / "assessment" / "questions").glob("*.yaml")):
        edit(
            project,
            path.relative_to(project),
            lambda data: [
                (
                    question["options"].update({6: f"Sixth answer to {question['id']}"}),
                    question["evidence"].update({6: f"What shows level 6 of {question['id']}"}),
                )
                for question in data["questions"]
            ],
        )
    after = pictures.ladder_svg(load_playbook(project))
    assert after != before
    assert "level 6, Transformative" in desc(after) and ">Transformative<" in after


def test_a_new_interlock_appears_between_the_rules(project):
    before = pictures.interlocks_svg(load_playbook(project))
    edit(
        project,
        "playbook/rules/02-alignment.yaml",
        lambda data: data["interlocks"].append(
            {"rule": "transparency", "how": "sustains", "reason": "Shared goals keep it open."}
        ),
    )
    after = pictures.interlocks_svg(load_playbook(project))
    assert after != before
    assert "sustains rule 9, Transparency is the Glue" in desc(after)
    assert (
        after.count('<path class="revops-pic-line"')
        == before.count('<path class="revops-pic-line"') + 1
    )


def test_a_new_function_joins_the_operating_model(project):
    before = pictures.operating_model_svg(load_playbook(project))

    def add_function(data):
        network = data["network"]
        network["functions"].append(
            {"id": "finance", "name": "Finance", "connection": "Bookings and billing."}
        )
        network["disciplines"].append(
            {
                "id": "finance-operations",
                "name": "Finance operations",
                "focus": "Deal desk and billing.",
            }
        )

    edit(project, "playbook/operating-model.yaml", add_function)
    after = pictures.operating_model_svg(load_playbook(project))
    assert after != before
    assert "Finance operations joins RevOps to Finance." in desc(after)
