"""The assessment page in headless Chromium: answers kept, results equal to `revops score`."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from revops.bank.build import bank
from revops.cli.main import main as revops_main
from revops.content.playbook import load_playbook
from revops.reports.texts import (
    calibration_text,
    claim_hints,
    evidence_text,
    history_rows,
    moved_text,
    profile_text,
    reading_text,
    unevidenced_text,
    weights_moved_text,
)

from .conftest import ROOT, revops
from .test_site_browser import axe_violations, dark_contrast_violations

PLAYBOOK = load_playbook(ROOT)
IDS = [q.id for q in PLAYBOOK.all_questions]
EXAMPLES = ROOT / "assessment/examples"
KEY = "revops-assessment-v1"
# Resolves once the page has stopped scrolling for two frames (a smooth scroll has ended).
SCROLL_SETTLED = """() => new Promise(done => {
    let last = -1;
    const tick = () => {
        if (window.scrollY === last) { done(true); return; }
        last = window.scrollY;
        requestAnimationFrame(() => requestAnimationFrame(tick));
    };
    tick();
})"""


@pytest.fixture
def page(browser, site_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = ctx.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(site_url + "assessment/", wait_until="networkidle")
    yield tab
    ctx.close()
    assert not errors, errors


def dated(path: Path, date: str) -> str:
    """An example answer file's text with another date."""
    text = path.read_text(encoding="utf-8")
    return (
        "\n".join(
            f"date: {date}" if line.startswith("date: ") else line for line in text.splitlines()
        )
        + "\n"
    )


def cli_report(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "cli-report.json"
    assert revops_main(["score", *args, "--format", "json", "--output", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def page_report(page) -> dict:
    return page.evaluate("JSON.parse(JSON.stringify(window.revopsReport))")


def assert_same_results(on_page: dict, cli: dict) -> None:
    for key in ("overall", "rules", "recommendations"):
        assert on_page[key] == cli[key], key
    assert on_page.get("comparison") == cli.get("comparison")


def import_file(page, field: str, path, status: str, how: str = "startsWith") -> None:
    """Give a file to an import field (resume, team, previous) and wait until the status line
    `how` (startsWith or includes) `status`."""
    page.set_input_files(f"#revops-import-{field}", str(path))
    page.wait_for_function(
        f"status => document.getElementById('revops-import-status').textContent.{how}(status)",
        arg=status,
    )


def progress(page) -> str:
    return page.inner_text("#revops-progress-text")


def test_form_is_readable_without_javascript(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False)
    tab = ctx.new_page()
    tab.goto(site_url + "assessment/")
    assert tab.locator("#revops-form fieldset.revops-question").count() == len(IDS)
    first = PLAYBOOK.all_questions[0]
    assert tab.inner_text(f"#question-{first.id} legend") == first.text
    radios = tab.locator(f"input[name='{first.id}']")
    assert radios.count() == 7
    assert (
        tab.locator(f"label:has(input[name='{first.id}'][value='n/a'])")
        .inner_text()
        .endswith("Not applicable to our business")
    )
    assert "need JavaScript" in tab.inner_text("noscript") or tab.locator("noscript").count()
    ctx.close()


def test_answers_survive_a_reload(page):
    first, second = IDS[0], IDS[5]
    page.fill("#revops-team", "Northwind")
    page.check(f"input[name='{first}'][value='4']")
    page.check(f"input[name='{second}'][value='n/a']")
    assert progress(page) == f"2 of {len(IDS)} questions answered"
    page.reload(wait_until="networkidle")
    assert page.is_checked(f"input[name='{first}'][value='4']")
    assert page.is_checked(f"input[name='{second}'][value='n/a']")
    assert page.input_value("#revops-team") == "Northwind"
    assert progress(page) == f"2 of {len(IDS)} questions answered"


def test_start_over_asks_before_clearing(page):
    page.check(f"input[name='{IDS[0]}'][value='3']")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#revops-reset")
    assert page.is_checked(f"input[name='{IDS[0]}'][value='3']")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#revops-reset")
    assert not page.is_checked(f"input[name='{IDS[0]}'][value='3']")
    assert progress(page) == f"0 of {len(IDS)} questions answered"
    page.reload(wait_until="networkidle")
    assert progress(page) == f"0 of {len(IDS)} questions answered"


def test_single_leader_example_matches_the_cli(page, site_url, tmp_path):
    example = EXAMPLES / "single-leader.yaml"
    page.set_input_files("#revops-import-resume", str(example))
    page.wait_for_function("document.getElementById('revops-import-status').textContent.length")
    assert "Loaded the answers" in page.inner_text("#revops-import-status")
    assert page.input_value("#revops-team") == "Northwind Software"
    assert_same_results(
        page_report(page), cli_report(tmp_path, str(example), "--site-url", site_url)
    )
    assert page.locator("#revops-results-body table tbody tr").count() == len(PLAYBOOK.rules)


def test_team_example_with_previous_quarter_matches_the_cli(page, site_url, tmp_path):
    q1, q2 = EXAMPLES / "leadership-team-2026-q1.csv", EXAMPLES / "leadership-team-2026-q2.csv"
    import_file(page, "team", q2, "Added")
    import_file(page, "previous", q1, "Comparing")
    on_page = page_report(page)
    assert_same_results(
        on_page, cli_report(tmp_path, str(q2), "--previous", str(q1), "--site-url", site_url)
    )
    assert any(rule["misaligned"] for rule in on_page["rules"])
    table = page.inner_text("#revops-results-body table")
    assert "Change" in table and "misaligned" in table
    first = on_page["comparison"]["rules"][0]
    row = page.inner_text(f"#revops-results-body tr[data-rule='{first['id']}']")
    assert f"{first['delta']:+.2f}" in row


ROLES = ["sales", "marketing", "customer success", None]


def random_sheet(rng: random.Random) -> dict:
    choices = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, "n/a", "unknown", None, None]
    return {qid: rng.choice(choices) for qid in IDS}


def test_random_answer_sets_match_the_cli(page, site_url, tmp_path):
    """The page's saved state, through its glue and scorer, gives the CLI's report. The
    numbers themselves are compared on 300 random teams without a browser
    (tests/test_shared_cases.py); this checks what only the page can get wrong."""
    rng = random.Random(20261122)
    for case in range(12):
        people = [random_sheet(rng) for _ in range(rng.choice([1, 1, 2, 3]))]
        while all(v is None for v in people[0].values()):
            people[0] = random_sheet(rng)
        roles = [rng.choice(ROLES) for _ in people]
        evidence = [
            {
                qid: {"text": rng.choice(["https://crm.example/x", "review notes"])}
                for qid, value in answers.items()
                if value and rng.random() < 0.3
            }
            for answers in people
        ]
        files = []
        for i, (answers, role) in enumerate(zip(people, roles, strict=True)):
            written = {
                qid: {"level": value, "evidence": evidence[i][qid]["text"]}
                if qid in evidence[i]
                else value
                for qid, value in answers.items()
            }
            doc = {
                "team": "Random",
                "date": "2026-11-22",
                "answers": written,
                "respondent": {"name": f"p{i}", "role": role},
            }
            path = tmp_path / f"case{case}-{i}.json"
            path.write_text(json.dumps(doc), encoding="utf-8")
            files.append(str(path))
        state = {
            "team": "Random",
            "date": "2026-11-22",
            "name": "p0",
            "role": roles[0] or "",
            "answers": people[0],
            "evidence": evidence[0],
            "previous": None,
            "colleagues": [
                {"name": f"p{i}", "role": r, "answers": a, "evidence": e}
                for i, (a, r, e) in enumerate(zip(people, roles, evidence, strict=True))
                if i > 0
            ],
        }
        page.evaluate(
            "([key, state]) => localStorage.setItem(key, JSON.stringify(state))", [KEY, state]
        )
        page.reload(wait_until="load")
        assert_same_results(page_report(page), cli_report(tmp_path, *files, "--site-url", site_url))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_is_scored_by_the_cli(page, tmp_path, fmt):
    page.fill("#revops-team", 'Acme "Revenue" Team')
    page.fill("#revops-name", "Sam")
    page.fill("#revops-role", "sales")
    for i, qid in enumerate(IDS[:24]):
        page.check(f"input[name='{qid}'][value='{[1, 2, 3, 4, 5, 'n/a', 'unknown'][i % 7]}']")
    with page.expect_download() as download:
        page.click(f"#revops-export-{fmt}")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == f".{fmt}"
    result = revops("score", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    cli = json.loads(result.stdout)
    assert cli["team"] == 'Acme "Revenue" Team'
    assert cli["respondents"][0]["role"] == "sales"
    on_page = page_report(page)
    assert [r["score"] for r in on_page["rules"]] == [r["score"] for r in cli["rules"]]
    assert on_page["overall"] == cli["overall"]


def test_export_needs_a_team_name_and_says_so_beside_the_buttons(page):
    page.fill("#revops-team", "")
    page.click("#revops-export-yaml")
    assert "Enter your team's name" in page.inner_text("#revops-import-status")
    assert page.evaluate("document.activeElement.id") == "revops-team"


def test_two_tabs_do_not_overwrite_each_other(page, site_url):
    other = page.context.new_page()
    other.goto(site_url + "assessment/", wait_until="networkidle")
    page.check(f"input[name='{IDS[0]}'][value='4']")
    other.wait_for_function(
        f"document.querySelector(\"input[name='{IDS[0]}'][value='4']\").checked"
    )
    other.check(f"input[name='{IDS[1]}'][value='2']")
    page.wait_for_function(f"document.querySelector(\"input[name='{IDS[1]}'][value='2']\").checked")
    page.reload(wait_until="networkidle")
    assert page.is_checked(f"input[name='{IDS[0]}'][value='4']")
    assert page.is_checked(f"input[name='{IDS[1]}'][value='2']")
    other.close()


def test_the_same_colleagues_are_not_counted_twice(page):
    team = EXAMPLES / "leadership-team-2026-q2.csv"
    for expected in ("Added 5 colleagues", "Added 0 colleagues"):
        page.set_input_files("#revops-import-team", str(team))
        page.wait_for_function(
            f"document.getElementById('revops-import-status').textContent.startsWith('{expected}')"
        )
    assert "5 already loaded were skipped" in page.inner_text("#revops-import-status")
    assert len(page_report(page)["rules"][0]["by_role"]) == 5
    assert page.inner_text("#revops-colleagues").startswith("Colleagues loaded (5): ")
    assert page.input_value("#revops-team") == "Northwind Software"


def test_previous_assessment_with_retired_questions_is_still_compared(page, tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text(
        f"team: T\ndate: 2025-12-31\nanswers:\n  {IDS[0]}: 2\n  {IDS[1]}: 2\n"
        "  a-retired-question: 3\n",
        encoding="utf-8",
    )
    page.set_input_files("#revops-import-previous", str(old))
    page.wait_for_function(
        "document.getElementById('revops-import-status').textContent.startsWith('Comparing')"
    )
    message = page.inner_text("#revops-import-status")
    assert message.startswith("Comparing with 2025-12-31 (old.yaml).")
    assert "1 answer to a question no longer in the assessment was left out." in message


HOSTILE = {
    "broken.yaml": "team: [unclosed\nanswers:\n",
    "unknown.yaml": "team: T\ndate: 2026-01-01\nanswers:\n  not-a-question: 3\n",
    "range.json": json.dumps({"team": "T", "date": "2026-01-01", "answers": {IDS[0]: 9}}),
    "proto.json": '{"team": "T", "date": "2026-01-01", "answers": {"__proto__": 3}}',
    "script-key.json": json.dumps(
        {"team": "T", "date": "2026-01-01", "answers": {"<script>alert(1)</script>": 3}}
    ),
    "alias.yaml": f"team: &t x\ndate: 2026-01-01\nanswers:\n  {IDS[0]}: *t\n",
    "report.json": json.dumps({"schema_version": 1, "rules": "nope", "overall": {}}),
    "columns.csv": "name,role\nAnn,sales\n",
    "quote.csv": f'respondent,role,{IDS[0]}\n"Ann"x,sales,3\n',
    "empty.yaml": "\n\n",
    "notes.txt": "hello",
    # UTF-8 and Windows-1252 in one file: refused, not read as mojibake
    "mixed.csv": (
        f"respondent,role,{IDS[0]}\nRen\u00e9,sales,3\n".encode()
        + "J\u00f6rg,sales,2\n".encode("cp1252")
    ),
    "team.xlsx": b"PK\x03\x04 not a workbook, whatever its name says",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_malformed_import_is_refused_and_changes_nothing(page, tmp_path, name):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.check(f"input[name='{IDS[0]}'][value='2']")
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    path = tmp_path / name
    content = HOSTILE[name]
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    target = "#revops-import-previous" if name == "report.json" else "#revops-import-resume"
    page.set_input_files(target, str(path))
    page.wait_for_function("document.getElementById('revops-import-status').textContent.length")
    message = page.inner_text("#revops-import-status")
    assert message.startswith("Could not import") and message.endswith("Nothing was changed.")
    assert name in message or name == "notes.txt"
    if name == "mixed.csv":
        assert "mixes UTF-8 with another encoding" in message
    if name == "team.xlsx":
        assert "cannot read this spreadsheet: it is damaged or not an .xlsx file" in message
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before
    assert page.is_checked(f"input[name='{IDS[0]}'][value='2']")
    assert not dialogs


def test_script_laden_values_are_shown_as_text(page, tmp_path):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    quoted = '"' + payload.replace('"', '""') + '"'
    csv = (
        f"respondent,role,{','.join(IDS)}\n"
        f"{quoted},{quoted},{','.join('3' for _ in IDS)}\n"
        f"Bo,sales,{','.join('2' for _ in IDS)}\n"
    )
    path = tmp_path / "team.csv"
    path.write_text(csv, encoding="utf-8")
    page.set_input_files("#revops-import-resume", str(path))
    page.wait_for_selector("#revops-row-picker:not([hidden])")
    assert payload in page.inner_text("#revops-row")
    page.click("#revops-row-use")
    assert page.input_value("#revops-name") == payload
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("document.querySelectorAll('#revops-app script').length") == 0
    assert not dialogs


def test_keyboard_alone_can_answer_and_export(page):
    page.focus("#revops-role")
    for expected in ("revops-stage", "revops-motion"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == expected
    page.keyboard.press("Tab")  # the link to the stage guidance, then the readings' summary
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")  # the readings are folded: straight on to the questions
    assert page.evaluate("document.activeElement.name") == IDS[0]
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.is_checked(f"input[name='{IDS[0]}'][value='2']")
    page.keyboard.press("Tab")  # the question's evidence field, then the next question
    assert page.evaluate("document.activeElement.id") == f"evidence-{IDS[0]}"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == IDS[1]
    page.focus("#revops-export-yaml")
    assert page.evaluate("document.activeElement.id") == "revops-export-yaml"
    assert progress(page) == f"1 of {len(IDS)} questions answered"


def test_print_shows_the_report_not_the_form(page):
    page.set_input_files("#revops-import-resume", str(EXAMPLES / "single-leader.yaml"))
    page.wait_for_function("document.getElementById('revops-import-status').textContent.length")
    page.emulate_media(media="print")
    assert not page.is_visible("#revops-form")
    assert not page.is_visible(".revops-toolbar")
    assert page.is_visible("#revops-results")
    assert page.is_visible(".revops-print-only")


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_empty_or_complete(browser, site_url, width, tmp_path):
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(dated(EXAMPLES / "single-leader.yaml", "2025-12-31"), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    tab = ctx.new_page()
    tab.goto(site_url + "assessment/", wait_until="networkidle")
    assert not axe_violations(tab)
    assert not dark_contrast_violations(tab)
    tab.set_input_files("#revops-import-resume", str(EXAMPLES / "single-leader.yaml"))
    tab.wait_for_function("document.getElementById('revops-import-status').textContent.length")
    tab.set_input_files("#revops-import-previous", str(earlier))
    tab.wait_for_function(
        "document.getElementById('revops-import-status').textContent.startsWith('Comparing')"
    )
    tab.set_input_files("#revops-import-team", str(EXAMPLES / "leadership-team-2026-q2.csv"))
    tab.wait_for_function(
        "document.getElementById('revops-import-status').textContent.startsWith('Added')"
    )
    tab.set_input_files("#revops-import-resume", str(EXAMPLES / "leadership-team-2026-q1.csv"))
    tab.wait_for_selector("#revops-row-use", state="visible")  # "which row is you?"
    assert not axe_violations(tab)
    assert not dark_contrast_violations(tab)
    ctx.close()


def test_saved_answers_to_retired_questions_are_reported(page):
    state = {
        "team": "T",
        "date": "2026-11-22",
        "name": "",
        "role": "",
        "colleagues": [],
        "previous": None,
        "answers": {IDS[0]: 3, "a-retired-question": 4},
    }
    page.evaluate(
        "([key, state]) => localStorage.setItem(key, JSON.stringify(state))", [KEY, state]
    )
    page.reload(wait_until="networkidle")
    assert page.is_checked(f"input[name='{IDS[0]}'][value='3']")
    assert page.inner_text("#revops-import-status").startswith(
        "1 saved answer was to questions that have since been replaced"
    )


def test_a_european_excel_csv_imports_and_says_how_it_was_read(page, tmp_path):
    path = tmp_path / "europe.csv"
    path.write_bytes(
        f"respondent;role;date;{IDS[0]}\r\nRen\u00e9;sales;30.06.2026;4\r\n".encode("cp1252")
    )
    page.set_input_files("#revops-import-resume", str(path))
    page.wait_for_function("document.getElementById('revops-import-status').textContent.length")
    assert page.inner_text("#revops-import-status") == (
        "Loaded the answers from europe.csv. Note: europe.csv: not UTF-8; read as Windows-1252."
    )
    assert page.is_checked(f"input[name='{IDS[0]}'][value='4']")


def test_a_google_forms_export_imports_as_the_team_csv_does(page, site_url, tmp_path):
    from .test_survey import form_questions, survey_answers, team_rows

    questions = form_questions()
    _, rows = team_rows()
    texts, cells = survey_answers(questions, rows)
    path = tmp_path / "Form responses 1.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Email address", questions[1][0], questions[2][0], *texts])
        for row, answers in zip(rows, cells, strict=True):
            writer.writerow(
                [
                    row["date"].replace("-", "/") + " 09:30:00",
                    row["respondent"],
                    row["role"],
                    row["team"],
                    *answers,
                ]
            )
    import_file(page, "team", path, "Added")
    team = EXAMPLES / "leadership-team-2026-q2.csv"
    assert_same_results(page_report(page), cli_report(tmp_path, str(team), "--site-url", site_url))


@pytest.mark.parametrize("width", [390, 1280])
def test_the_toolbar_and_see_results_work_without_scrolling(browser, site_url, width):
    ctx = browser.new_context(viewport={"width": width, "height": 844})
    tab = ctx.new_page()
    tab.goto(site_url + "assessment/", wait_until="networkidle")
    for label in (
        "Resume from file",
        "Add colleagues",
        "Compare with earlier",
        "Export YAML",
        "Print report",
    ):
        box = tab.locator(".revops-actions button", has_text=label).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, (label, box)
    with tab.expect_file_chooser() as chooser:
        tab.click(".revops-actions button:has-text('Add colleagues')")
    assert chooser.value.is_multiple()  # the team field, which takes several files
    for question_id in IDS[:16]:
        tab.check(f"input[name='{question_id}'][value='4']")
    tab.evaluate("window.scrollTo(0, 0)")
    tab.click(".revops-jump")
    tab.evaluate(SCROLL_SETTLED)
    heading = tab.locator("#revops-results-title").bounding_box()
    toolbar = tab.locator(".revops-toolbar").bounding_box()
    assert toolbar["y"] + toolbar["height"] <= heading["y"] <= 844, (toolbar, heading)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    scored = sum(1 for rule in page_report(tab)["rules"] if rule["score"] is not None)
    assert tab.locator(".revops-radar .revops-unscored").count() == len(PLAYBOOK.rules) - scored
    assert tab.locator(".revops-radar .revops-ring-label").all_text_contents() == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    coverage = page_report(tab)["overall"]["coverage"]
    meta = tab.inner_text("#revops-results-body .revops-meta")
    assert f"{coverage:.0%} of questions have a level" in meta
    ctx.close()


def test_the_team_view_shows_scores_by_function_as_the_cli_does(page, site_url, tmp_path):
    team = EXAMPLES / "leadership-team-2026-q2.csv"
    import_file(page, "team", team, "Added")
    cli = cli_report(tmp_path, str(team), "--site-url", site_url)
    table = page.locator(".revops-by-function table")
    roles = table.locator("thead th").all_inner_texts()[1:]
    first = cli["rules"][0]
    assert roles == sorted(first["by_role"])
    cells = table.locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells == [f"{first['by_role'][role]:.2f}" for role in roles]
    terminal = revops("score", str(team))
    assert f"{cli['overall']['coverage']:.0%} of questions have a level" in terminal.stdout


def test_a_colleague_added_twice_counts_once_with_the_later_answers(page, site_url, tmp_path):
    q1, q2 = EXAMPLES / "leadership-team-2026-q1.csv", EXAMPLES / "leadership-team-2026-q2.csv"
    import_file(page, "team", q2, "Added")
    import_file(page, "team", q1, "answered twice", how="includes")
    assert "only the later answers count" in page.inner_text("#revops-import-status")
    assert_same_results(page_report(page), cli_report(tmp_path, str(q2), "--site-url", site_url))


def evidence_field(page, question_id: str) -> str:
    """The question's evidence field, which the page builds once the question nears the screen."""
    page.locator(f"#question-{question_id}").scroll_into_view_if_needed()
    return f"#evidence-{question_id}"


def check_first(page) -> list[str]:
    """Each recommendation's claims to check first, then what would back each of them."""
    body = "#revops-results-body"
    return [
        *page.locator(f"{body} .revops-check-first").all_inner_texts(),
        *page.locator(f"{body} .revops-claim-hints li").all_inner_texts(),
    ]


def cli_check_first(cli: dict) -> list[str]:
    shown = [rec["unevidenced"] for rec in cli["recommendations"] if rec["unevidenced"]["count"]]
    return [f"Check first: {unevidenced_text(found)}." for found in shown] + [
        hint for found in shown for hint in claim_hints(found)
    ]


def test_evidence_is_kept_exported_and_scored_as_the_cli_does(page, site_url, tmp_path):
    page.fill("#revops-team", "Northwind")
    page.fill("#revops-name", "Sam")
    levels = [4, 5, 3, 2, 4, 5, "n/a", 3, 4, 1, 3, 5, 4, 2]
    for question_id, level in zip(IDS, levels, strict=False):
        page.check(f"input[name='{question_id}'][value='{level}']")
    evidence = {
        IDS[0]: "https://crm.example/stages",
        IDS[2]: 'Forecast log, "May"',
        IDS[4]: "   ",
        IDS[9]: "a note on a level 1 answer",
    }  # spaces name nothing
    for question_id, text in evidence.items():
        page.fill(evidence_field(page, question_id), text)
    with page.expect_download() as download:
        page.click("#revops-export-yaml")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert f'  {IDS[0]}: {{level: 4, evidence: "https://crm.example/stages"}}' in lines
    assert f'  {IDS[2]}: {{level: 3, evidence: "Forecast log, \\"May\\""}}' in lines
    assert f"  {IDS[4]}: 4" in lines and f"  {IDS[1]}: 5" in lines
    cli = cli_report(tmp_path, str(path), "--site-url", site_url)
    assert_same_results(page_report(page), cli)
    assert sum(rule["evidence"]["evidenced"] for rule in cli["rules"]) == 2
    assert cli_check_first(cli) and check_first(page) == cli_check_first(cli)
    assert evidence_text(cli) in page.inner_text("#revops-results-body .revops-meta")
    page.reload(wait_until="networkidle")
    assert page.input_value(evidence_field(page, IDS[0])) == evidence[IDS[0]]
    assert page.input_value(evidence_field(page, IDS[4])) == ""
    assert check_first(page) == cli_check_first(cli)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#revops-reset")
    assert page.input_value(evidence_field(page, IDS[0])) == "" and not check_first(page)
    import_file(page, "resume", path, "Loaded the answers")
    assert page.input_value(evidence_field(page, IDS[2])) == evidence[IDS[2]]
    assert_same_results(page_report(page), cli)


def test_evidence_field_is_labelled_with_the_questions_hint(page):
    question = next(q for q in PLAYBOOK.all_questions if q.evidence)
    field = page.locator(evidence_field(page, question.id))
    assert (
        page.inner_text(f"label[for='evidence-{question.id}']")
        == "Evidence (optional): a link or a note"
    )
    hint = " ".join(
        page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text().split()
    )
    for level, text in question.evidence.items():  # each claimed level's own hint, by its number
        assert f"{level} {' '.join(text.split())}" in hint
    waiting_or_built = page.evaluate(  # at one moment: the page builds fields as it scrolls
        "document.querySelectorAll('#revops-form template[data-evidence-field],"
        " #revops-form input[data-evidence]').length"
    )
    assert waiting_or_built == len(IDS)


def test_evidence_fields_are_built_as_their_questions_near_the_screen(page):
    """Built at load, 42 text fields made the browser lay out every question (Lighthouse)."""
    last = IDS[-1]
    page.evaluate(
        f"localStorage.setItem('revops-assessment-v1', JSON.stringify("
        f"{{answers: {{'{last}': 4}}, evidence: {{'{last}': {{text: 'QBR deck'}}}}}}))"
    )
    page.reload(wait_until="load")
    built = page.locator("#revops-form input[data-evidence]")
    assert 0 < built.count() < len(IDS) and page.locator(f"#evidence-{last}").count() == 0
    page.locator(f"#question-{last}").scroll_into_view_if_needed()
    page.wait_for_selector(f"#evidence-{last}")
    assert page.input_value(f"#evidence-{last}") == "QBR deck"


def test_colleagues_evidence_column_counts_as_the_cli_counts_it(page, site_url, tmp_path):
    first, second = IDS[0], IDS[1]
    path = tmp_path / "team.csv"
    path.write_text(
        f"respondent,role,{first},{first}:evidence,{second}\n"
        f"Ann,sales,4,https://crm.example/stages,5\nBo,marketing,3,,4\n",
        encoding="utf-8",
    )
    import_file(page, "team", path, "Added")
    cli = cli_report(tmp_path, str(path), "--site-url", site_url)
    assert_same_results(page_report(page), cli)
    assert check_first(page) == cli_check_first(cli)
    page.reload(wait_until="networkidle")  # colleagues keep their evidence in storage
    assert_same_results(page_report(page), cli)


# -- company profile, metric readings and history --------------------------------------------

READINGS = bank(PLAYBOOK)["readings"]


def history_files(tmp_path: Path) -> dict[str, Path]:
    """A leader's answers with a profile, readings and evidence, dated with the team's second
    quarter; four of that team as colleagues; and three earlier assessments: the team's first
    quarter (CSV), the leader a quarter before (YAML) and a JSON report from before that."""
    files = {
        "me": tmp_path / "leader.yaml",
        "team": tmp_path / "colleagues.csv",
        "q1": EXAMPLES / "leadership-team-2026-q1.csv",
        "q0": tmp_path / "leader-q4.yaml",
        "report": tmp_path / "report-2025-09.json",
    }
    files["me"].write_text(dated(EXAMPLES / "single-leader.yaml", "2026-06-30"), encoding="utf-8")
    files["q0"].write_text(dated(EXAMPLES / "single-leader.yaml", "2025-12-31"), encoding="utf-8")
    rows = (EXAMPLES / "leadership-team-2026-q2.csv").read_text(encoding="utf-8").splitlines()
    files["team"].write_text("\n".join(rows[:5]) + "\n", encoding="utf-8")
    oldest = tmp_path / "leader-q3.yaml"
    lower = dated(EXAMPLES / "single-leader.yaml", "2025-09-30").replace(": 3\n", ": 2\n")
    oldest.write_text(lower, encoding="utf-8")
    assert (
        revops_main(["score", str(oldest), "--format", "json", "--output", str(files["report"])])
        == 0
    )
    return files


def load_history_page(page, files: dict[str, Path]) -> None:
    """Everything at once: answers with evidence, readings and a profile, four colleagues, and
    three earlier assessments given out of order, two of them together."""
    import_file(page, "resume", files["me"], "Loaded the answers, profile and metric readings")
    import_file(page, "team", files["team"], "Added 4 colleagues")
    page.set_input_files("#revops-import-previous", [str(files["q1"]), str(files["q0"])])
    page.wait_for_function(
        "document.getElementById('revops-import-status').textContent.startsWith('Comparing')"
    )
    import_file(
        page, "previous", files["report"], "2025-09-30 (report-2025-09.json)", how="includes"
    )
    page.select_option("#revops-stage", "early")
    page.select_option("#revops-motion", "product-led")


def miscalibrate(page) -> str:
    """Give a reading of 0 to a metric whose rule is rated 3 or above: a rule flagged as
    rated well above what its readings suggest. Returns the metric's id."""
    report = page_report(page)
    levels = {rule["id"]: rule["level"] for rule in report["rules"]}
    metric = next(
        mid
        for mid, spec in READINGS.items()
        if spec["unit"] == "ratio"
        and spec["higher_is_better"]
        and (levels[spec["rule"]] or 0) >= 3
        and mid not in report["metrics"]
    )
    page.evaluate("document.querySelector('details.revops-readings').open = true")
    page.fill(f"#reading-{metric}", "0.05")
    return metric


def export(page, tmp_path: Path, fmt: str) -> Path:
    with page.expect_download() as download:
        page.click(f"#revops-export-{fmt}")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_profile_readings_and_history_match_the_cli(page, site_url, tmp_path):
    files = history_files(tmp_path)
    load_history_page(page, files)
    metric = miscalibrate(page)
    on_page = page_report(page)
    mine = export(page, tmp_path, "yaml")
    cli = cli_report(
        tmp_path,
        str(mine),
        str(files["team"]),
        "--site-url",
        site_url,
        *[arg for key in ("report", "q1", "q0") for arg in ("--previous", str(files[key]))],
    )
    assert len(cli["respondents"]) == 5 and all(r["role"] for r in cli["respondents"])
    assert_same_results(on_page, cli)
    for key in ("profile", "metrics", "history", "moved"):
        assert on_page[key] == cli[key], key
    assert cli["profile"] == {
        "stage": "early",
        "stage_name": "Founder-led or early",
        "motion": "product-led",
        "motion_name": "Product-led",
    }
    assert cli["metrics"][metric] == 0.05 and len(cli["metrics"]) == 3
    assert [entry["date"] for entry in cli["history"]] == ["2025-09-30", "2025-12-31", "2026-03-31"]
    assert cli["moved"] and any(rule["miscalibrated"] for rule in cli["rules"])
    assert sum(rule["evidence"]["evidenced"] for rule in cli["rules"]) == 2
    results = page.locator("#revops-results-body")
    # what the page says, in the words of `revops score`
    assert (
        results.locator(".revops-recommendations h3").inner_text()
        == f"What to do next, for {profile_text(cli)}"
    )
    assert results.locator(".revops-reason em").all_inner_texts() == [
        rec["reason"] for rec in cli["recommendations"]
    ]
    guidance = [rec["guidance"] for rec in cli["recommendations"] if rec["guidance"]]
    assert (
        guidance
        and results.locator(".revops-reason a").evaluate_all("links => links.map(a => a.href)")
        == guidance
    )
    assert results.locator(".revops-later").count() == sum(
        1 for rec in cli["recommendations"] if rec["later"]
    )
    for rule in cli["rules"]:
        row = results.locator(f"tr[data-rule='{rule['id']}']").inner_text()
        assert (calibration_text(rule) in row) == rule["miscalibrated"], rule["id"]
    assert results.locator(".revops-readings-list li").all_inner_texts() == [
        f"{reading_text(reading)} for {rule['title']} (rated {rule['level']})"
        for rule in cli["rules"]
        for reading in rule["readings"]
    ]
    dates, rows = history_rows(cli)
    table = results.locator(".revops-history table")
    assert table.locator("thead th").all_inner_texts() == ["Rule", "Trend", *dates]
    for index, (title, values) in enumerate(rows):
        row = table.locator("tbody tr").nth(index)
        assert row.locator("td.revops-num").all_inner_texts() == [f"{v:.2f}" for v in values]
        assert (
            row.locator("svg[role='img']")
            .get_attribute("aria-label")
            .endswith(": " + ", ".join(f"{v:.2f}" for v in values))
        )
        assert title in row.locator("th").inner_text()
    assert (
        results.locator(".revops-history h3").last.inner_text()
        == f"What moved most since {dates[-2]}"
    )
    assert results.locator(".revops-history li").all_inner_texts() == [
        moved_text(change) for change in cli["moved"]
    ]
    overall = results.locator(".revops-overall").inner_text()
    assert f"{cli['comparison']['overall']['delta']:+.2f} since 2026-03-31" in overall
    page.reload(wait_until="networkidle")  # all of it is kept
    assert_same_results(page_report(page), cli)
    assert page_report(page)["moved"] == cli["moved"]


def test_earlier_assessments_that_cannot_be_placed_are_refused_and_nothing_is_lost(page, tmp_path):
    files = history_files(tmp_path)
    import_file(page, "resume", files["me"], "Loaded the answers")
    page.set_input_files("#revops-import-previous", [str(files["q0"]), str(files["q1"])])
    page.wait_for_function(
        "document.getElementById('revops-import-status').textContent.startsWith('Comparing')"
    )
    before = page_report(page)["history"]
    again = tmp_path / "again.yaml"
    again.write_text(dated(EXAMPLES / "single-leader.yaml", "2026-03-31"), encoding="utf-8")
    import_file(page, "previous", again, "Could not import")
    assert page.inner_text("#revops-import-status") == (
        "Could not import: again.yaml: is dated 2026-03-31, like leadership-team-2026-q1.csv; "
        "give one assessment per date. Nothing was changed."
    )
    now = tmp_path / "now.yaml"
    now.write_text(dated(EXAMPLES / "single-leader.yaml", "2026-06-30"), encoding="utf-8")
    import_file(page, "previous", now, "Could not import")
    assert (
        "now.yaml: is dated 2026-06-30, the same day as this assessment (2026-06-30); "
        "compare only with assessments dated before it, or change this assessment's date"
        in page.inner_text("#revops-import-status")
    )
    assert page_report(page)["history"] == before
    page.click("#revops-clear-previous")
    assert "history" not in page_report(page) and "comparison" not in page_report(page)


def test_profile_and_readings_survive_a_reload_and_round_trip_through_files(
    page, site_url, tmp_path
):
    page.fill("#revops-team", "Northwind")
    for question_id in IDS[:12]:
        page.check(f"input[name='{question_id}'][value='4']")
    assert not page.locator("details.revops-readings").evaluate("d => d.open")
    page.select_option("#revops-stage", "scale-up")
    page.select_option("#revops-motion", "hybrid")
    ratio = [mid for mid, spec in READINGS.items() if spec["unit"] == "ratio"]
    page.locator("details.revops-readings summary").click()
    page.fill(f"#reading-{ratio[0]}", "0.82")
    page.fill(f"#reading-{ratio[1]}", "82")  # a percentage where a ratio belongs: not used
    error = page.locator(f"#reading-{ratio[1]}-error")
    assert error.inner_text() == f"'{ratio[1]}' is a ratio from 0 to 1: write 82% as 0.82"
    assert page.get_attribute(f"#reading-{ratio[1]}", "aria-invalid") == "true"
    page.fill(f"#reading-{ratio[2]}", "82%")
    assert (
        page.inner_text(f"#reading-{ratio[2]}-error")
        == "a reading is a number, such as 0.82 for 82%; not '82%'"
    )
    page.fill(f"#reading-{ratio[2]}", "")
    assert page.inner_text(f"#reading-{ratio[2]}-error") == ""
    profile = {"stage": "scale-up", "stage_name": "Scale-up", "motion": "hybrid"}
    expected = {"profile": {**profile, "motion_name": "Hybrid"}, "metrics": {ratio[0]: 0.82}}
    assert {key: page_report(page)[key] for key in expected} == expected
    page.reload(wait_until="networkidle")
    assert page.input_value("#revops-stage") == "scale-up"
    assert page.input_value("#revops-motion") == "hybrid"
    assert page.input_value(f"#reading-{ratio[0]}") == "0.82"
    assert page.input_value(f"#reading-{ratio[1]}") == ""
    assert page.locator("details.revops-readings").evaluate("d => d.open")
    for fmt in ("yaml", "json"):
        path = export(page, tmp_path, fmt)
        cli = cli_report(tmp_path, str(path), "--site-url", site_url)
        assert {key: cli[key] for key in expected} == expected
        assert_same_results(page_report(page), cli)
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#revops-reset")
        assert (
            page.input_value("#revops-stage") == ""
            and page.input_value(f"#reading-{ratio[0]}") == ""
        )
        assert page_report(page)["profile"] == dict.fromkeys(
            ("stage", "stage_name", "motion", "motion_name")
        )
        import_file(page, "resume", path, "Loaded the answers, profile and metric readings")
        assert page.input_value("#revops-motion") == "hybrid"
        assert page.input_value(f"#reading-{ratio[0]}") == "0.82"
        assert_same_results(page_report(page), cli)


def test_a_state_saved_before_profiles_and_histories_still_loads(page):
    state = {
        "team": "T",
        "date": "2026-06-30",
        "name": "",
        "role": "",
        "colleagues": [],
        "answers": {IDS[0]: 3, IDS[1]: 4, IDS[2]: 5},  # three of the first rule's six
        "evidence": {},
        "previous": {
            "label": "2025-12-31 (old.yaml)",
            "overall": 2.0,
            "rules": {PLAYBOOK.rules[0].id: 2.5},
        },
    }
    page.evaluate(
        "([key, state]) => localStorage.setItem(key, JSON.stringify(state))", [KEY, state]
    )
    page.reload(wait_until="networkidle")
    report = page_report(page)
    assert report["history"] == [
        {
            "date": "2025-12-31",
            "overall": 2.0,
            "rules": {rule.id: 2.5 if i == 0 else None for i, rule in enumerate(PLAYBOOK.rules)},
        }
    ]
    assert report["comparison"]["rules"][0]["delta"] == 1.5  # (3 + 4 + 5) / 3 - 2.5
    assert "since 2025-12-31 (old.yaml)" in page.inner_text(".revops-overall")
    assert page.input_value("#revops-stage") == ""


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_with_profile_readings_and_history(browser, site_url, width, tmp_path):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    tab = ctx.new_page()
    tab.goto(site_url + "assessment/", wait_until="networkidle")
    load_history_page(tab, history_files(tmp_path))
    miscalibrate(tab)
    ratio = next(
        mid
        for mid, spec in READINGS.items()
        if spec["unit"] == "ratio" and not tab.input_value(f"#reading-{mid}")
    )
    tab.fill(f"#reading-{ratio}", "91")  # its message shown beside it
    assert tab.locator(".revops-history svg[role='img']").count() == len(PLAYBOOK.rules) + 1
    assert tab.locator(".revops-readings-list li").count() == 3
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    assert not axe_violations(tab)
    assert not dark_contrast_violations(tab)
    ctx.close()


def test_advice_that_can_wait_is_marked_later_as_the_cli_marks_it(page, site_url, tmp_path):
    """A stage whose guidance postpones a rule's move: with that rule the one left below the
    top apart from another, its advice comes last, marked "later", with its reason."""
    guides = bank(PLAYBOOK)["profiles"]["stages"]
    stage, (waiting, entry) = next(
        (g["id"], next(iter(g["later"].items()))) for g in guides if g["later"]
    )
    other = next(rule.id for rule in PLAYBOOK.rules if rule.id != waiting)
    answers = {q.id: 5 for q in PLAYBOOK.all_questions}
    answers.update({q.id: entry["from_level"] - 1 for q in PLAYBOOK.questions[waiting]})
    answers.update({q.id: 2 for q in PLAYBOOK.questions[other]})
    path = tmp_path / "later.json"
    path.write_text(
        json.dumps(
            {"team": "T", "date": "2026-06-30", "answers": answers, "profile": {"stage": stage}}
        ),
        encoding="utf-8",
    )
    import_file(page, "resume", path, "Loaded the answers and profile")
    cli = cli_report(tmp_path, str(path), "--site-url", site_url)
    assert_same_results(page_report(page), cli)
    assert [rec["later"] for rec in cli["recommendations"]] == [False, True]
    last = page.locator(".revops-recommendations > ol > li").last
    assert last.locator(".revops-rec-title").inner_text().endswith(" later")
    assert last.locator(".revops-reason em").inner_text() == cli["recommendations"][1]["reason"]
    assert cli["recommendations"][1]["reason"].startswith("Later for ")


def test_inconsistent_claims_are_shown_as_the_cli_finds_them(page, site_url, tmp_path):
    """Dana answers the data rule's foundational question at 1 and two others at 4 and 5: the
    page lists the same two inconsistent claims as `revops score`, beside the score."""
    rows = list(csv.reader((EXAMPLES / "leadership-team-2026-q2.csv").open(encoding="utf-8")))
    header, dana = rows[0], rows[1]
    dana[header.index("insights-data-quality")] = "1"
    dana[header.index("insights-analysis-to-action")] = "5"
    dana[header.index("insights-forecasting")] = "4"
    team = tmp_path / "team.csv"
    with team.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    import_file(page, "team", team, "Added")
    cli = cli_report(tmp_path, str(team), "--site-url", site_url)
    assert cli["rules"][0]["inconsistent"]["count"] == 2
    assert_same_results(page_report(page), cli)
    section = page.inner_text(".revops-inconsistent")
    assert "2 answers at level 4 or above stand on a foundation" in section
    assert "What happens after an analysis is delivered? (Dana Okafor, 5), though they" in section
    row = page.inner_text("#revops-results-body tr[data-rule='data-and-insights']")
    assert "inconsistent claims: 2" in row


def test_the_results_say_where_the_weights_moved_a_score_as_the_cli_does(page, site_url, tmp_path):
    """The single leader's answers: each rule whose weights changed its rounded score says so
    beside the level, in the report's words; the others say nothing about weights."""
    example = EXAMPLES / "single-leader.yaml"
    import_file(page, "resume", example, "Loaded the answers")
    cli = cli_report(tmp_path, str(example), "--site-url", site_url)
    moved = {rule["id"]: weights_moved_text(rule) for rule in cli["rules"]}
    assert any(moved.values()) and not all(moved.values())
    for rule_id, sentence in moved.items():
        row = page.inner_text(f"#revops-results-body tr[data-rule='{rule_id}']")
        if sentence:
            assert sentence in row, rule_id
        else:
            assert "weights moved" not in row, rule_id
