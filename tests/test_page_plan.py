"""Targets and the improvement plan on the assessment page in headless Chromium: a target
chosen per rule and the plan's options survive a reload, and the plan the page downloads is
byte for byte what `revops plan` writes for the same file, stage, targets, start, quarters
and load."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from revops.bank.build import bank
from revops.cli.main import main as revops_main

from . import test_assessment_page
from .test_assessment_page import EXAMPLES, KEY, PLAYBOOK, import_file
from .test_site_browser import axe_violations, dark_contrast_violations

page = test_assessment_page.page  # the same fixture: a fresh tab on the assessment page

Q2 = EXAMPLES / "leadership-team-2026-q2.csv"
BANK = bank(PLAYBOOK)
RULE = BANK["rules"][0]  # the rule whose target the tests change


def cli_plan(tmp_path: Path, fmt: str, *args: str) -> bytes:
    out = tmp_path / f"cli-plan.{fmt}"
    assert revops_main(["plan", str(Q2), *args, "--format", fmt, "--output", str(out)]) == 0
    return out.read_bytes()


def cli_items(tmp_path: Path, *args: str) -> int:
    """How many items `revops plan` lists for the example file with these options."""
    return len(json.loads(cli_plan(tmp_path, "json", *args))["items"])


def downloaded(page, button: str, tmp_path: Path) -> tuple[str, bytes]:
    with page.expect_download() as download:
        page.click(button)
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return download.value.suggested_filename, path.read_bytes()


def plan_head(page) -> str:
    return page.inner_text("#revops-plan-body p.revops-meta")


def wait_for_plan(page, head: str) -> None:
    """Until the plan view's first line holds `head` (it is drawn once the planner has
    loaded, after every change)."""
    page.wait_for_function(
        "head => { const p = document.querySelector('#revops-plan-body p.revops-meta');"
        " return !!p && p.textContent.includes(head); }",
        arg=head,
    )


def team_with_stage(page) -> None:
    import_file(page, "team", Q2, "Added 5 colleagues")
    page.select_option("#revops-stage", "scale-up")


def test_a_first_visit_loads_no_planner_and_asks_for_a_target(page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.reload(wait_until="networkidle")
    assert not any(url.endswith("/revops-plan.js") for url in requests)
    assert "No rule has a target yet" in page.inner_text("#revops-plan-body")
    assert page.is_disabled("#revops-plan-csv") and page.is_disabled("#revops-plan-markdown")
    assert page.input_value("#revops-plan-quarters") == "2"  # revops plan's defaults
    assert page.input_value("#revops-plan-load") == "3"


def test_a_target_chosen_survives_a_reload_and_the_downloads_equal_revops_plan(page, tmp_path):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    team_with_stage(page)
    stage_only = cli_items(tmp_path, "--stage", "scale-up")
    wait_for_plan(page, f"{stage_only} items over 2 quarters from 2026-06-30")
    row = page.locator(f"tr[data-target-rule='{RULE['id']}']")
    assert "The playbook's heuristic" in page.inner_text("#revops-targets-help")
    assert row.locator("option").first.inner_text() == "Default: 3"
    page.select_option(f"#target-{RULE['id']}", "5")
    page.wait_for_function(f"localStorage.getItem('{KEY}').includes('\"{RULE['id']}\":5')")
    page.reload(wait_until="networkidle")
    assert page.input_value(f"#target-{RULE['id']}") == "5"
    options = ["--stage", "scale-up", "--target", f"{RULE['id']}=5"]
    wait_for_plan(page, f"{cli_items(tmp_path, *options)} items over 2 quarters from 2026-06-30")
    assert row.locator("[data-cell='gap']").inner_text() not in ("", "–", "met")
    items = page.locator("#revops-plan-body .revops-plan-items > li")
    assert items.count() > stage_only  # the higher target adds items
    assert f"{RULE['title']} to level 5: " in page.inner_text("#revops-plan-body")
    name, csv_bytes = downloaded(page, "#revops-plan-csv", tmp_path)
    assert name == "revops-plan-northwind-software-2026-06-30.csv"
    assert csv_bytes == cli_plan(tmp_path, "csv", *options)
    assert len(list(csv.reader(io.StringIO(csv_bytes.decode("utf-8"))))) == items.count() + 1
    _, markdown = downloaded(page, "#revops-plan-markdown", tmp_path)
    assert markdown == cli_plan(tmp_path, "markdown", *options)
    origin = urlsplit(page.url).netloc
    assert all(urlsplit(url).netloc == origin for url in requests if url.startswith("http"))
    assert any(url.endswith("/revops-plan.js") for url in requests)


def test_start_quarters_and_load_survive_a_reload_and_the_plan_equals_revops_plan(page, tmp_path):
    team_with_stage(page)
    count = cli_items(tmp_path, "--stage", "scale-up")
    wait_for_plan(page, f"{count} items over 2 quarters")
    page.fill("#revops-plan-start", "2026-01-31")
    page.select_option("#revops-plan-quarters", "8")
    page.fill("#revops-plan-load", "1")
    head = f"{count} items over 8 quarters from 2026-01-31, at most 1 per function"
    wait_for_plan(page, head)
    page.reload(wait_until="networkidle")
    wait_for_plan(page, head)
    assert page.input_value("#revops-plan-quarters") == "8"
    assert page.input_value("#revops-plan-load") == "1"
    assert page.input_value("#revops-plan-start") == "2026-01-31"
    titles = page.locator("#revops-plan-body h4").all_inner_texts()
    assert titles[0] == "Quarter 1, due 2026-04-29"  # from the 31st: the day before the 30th
    assert "Quarter 8, due 2028-01-30" in titles
    assert "overloaded" in page.inner_text("#revops-plan-body")  # RevOps's items pass 8 quarters
    assert not axe_violations(page)  # the table, the controls and the plan, drawn
    assert not dark_contrast_violations(page)
    options = ["--stage", "scale-up", "--start", "2026-01-31", "--quarters", "8", "--load", "1"]
    _, csv_bytes = downloaded(page, "#revops-plan-csv", tmp_path)
    assert csv_bytes == cli_plan(tmp_path, "csv", *options)
    page.fill("#revops-plan-load", "0")  # not a load: kept as it was, the field marked
    assert page.get_attribute("#revops-plan-load", "aria-invalid") == "true"
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["plan"]["load"] == 1


def test_the_pages_bank_carries_each_questions_plan_links(page):
    on_page = json.loads(page.text_content("#revops-bank"))
    links = {q["id"]: q.get("plan") for rule in on_page["rules"] for q in rule["questions"]}
    expected = {q["id"]: q.get("plan") for rule in BANK["rules"] for q in rule["questions"]}
    assert links == expected
    assert all(re.fullmatch(r"[A-Z][\w ]+", link["owner_name"]) for link in links.values() if link)


def test_an_answer_files_targets_reach_the_table_and_the_plan_equals_revops_plan(page, tmp_path):
    """A colleague's file that names a target: the page takes it for a rule it has none for,
    and its plan is the CLI's for that file alone, which reads the same `targets:`."""
    text = (EXAMPLES / "single-leader.yaml").read_text(encoding="utf-8")
    aimed = tmp_path / "aimed.yaml"
    aimed.write_text(
        text.replace("\nanswers:", f"\ntargets:\n  {RULE['id']}: 5\nanswers:", 1), encoding="utf-8"
    )
    import_file(page, "team", aimed, f"their files gave the {RULE['id']} target", "includes")
    assert page.input_value(f"#target-{RULE['id']}") == "5"
    out = tmp_path / "cli.csv"
    assert revops_main(["plan", str(aimed), "--format", "csv", "--output", str(out)]) == 0
    count = len(list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))) - 1
    wait_for_plan(page, f"{count} item")
    _, csv_bytes = downloaded(page, "#revops-plan-csv", tmp_path)
    assert csv_bytes == out.read_bytes()
