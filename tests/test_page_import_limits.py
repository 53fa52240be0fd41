"""The team view's cap on the assessment page, in headless Chromium: a file or a set of files
the page cannot hold is refused at once and whole, in words a leader can act on; a large import
shows its progress; and saved answers are never lost."""

from __future__ import annotations

from pathlib import Path

from . import test_assessment_page
from .test_assessment_page import IDS, KEY, import_file

page = test_assessment_page.page  # the same fixture: a fresh tab on the assessment page

STATUS = "document.getElementById('revops-import-status').textContent"
# Every text the import status shows, in order, so a progress line that was replaced is seen.
RECORD_STATUSES = """() => {
  window.revopsStatuses = [];
  const node = document.getElementById('revops-import-status');
  new MutationObserver(() => window.revopsStatuses.push(node.textContent))
    .observe(node, {childList: true, characterData: true, subtree: true});
}"""


def team_csv(path: Path, count: int, prefix: str = "p") -> Path:
    """One row per person, each with a name of its own: 15 bytes a row, as in the issue's file."""
    rows = "".join(f"{prefix}-{i:06d},ops,{1 + i % 5}\n" for i in range(count))
    path.write_text(f"respondent,role,{IDS[0]}\n{rows}", encoding="utf-8")
    return path


def import_team(page, files) -> None:
    """Give files to the team field, the status emptied first, so that final_status cannot
    read an earlier import's ending."""
    page.evaluate(f"{STATUS} = ''")
    page.set_input_files("#revops-import-team", files)


def final_status(page) -> str:
    """The status once the import has ended, whatever the machine's load."""
    page.wait_for_function(
        f"{STATUS}.startsWith('Added') || {STATUS}.startsWith('Could not')", timeout=120_000
    )
    return page.inner_text("#revops-import-status")


def saved(page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def test_a_team_file_larger_than_the_page_holds_is_refused_at_once(page, tmp_path):
    # The 1.9 MB file of 131,316 rows froze the tab for over 450 s with no status.
    page.check(f"input[name='{IDS[0]}'][value='2']")
    before = saved(page)
    page.evaluate(RECORD_STATUSES)
    path = team_csv(tmp_path / "everyone.csv", 131_316)
    assert 1_900_000 < path.stat().st_size < 2_000_000
    import_team(page, str(path))
    assert final_status(page) == (
        "Could not import: everyone.csv: it holds 131,316 responses, but this page holds at most"
        " 500 colleagues; a team this large is scored with the playbook's command-line tool."
        " Nothing was changed."
    )
    shown = [text for text in page.evaluate("window.revopsStatuses") if text]
    assert shown[0] == "Reading everyone.csv (2.0 MB)…"
    assert saved(page) == before
    assert page.is_checked(f"input[name='{IDS[0]}'][value='2']")
    assert page.inner_text("#revops-colleagues") == ""


def test_colleagues_past_the_cap_are_refused_whole_and_nothing_is_lost(page, tmp_path):
    # Before, 200 of these 300 were added and the other 100 called "already loaded".
    import_file(page, "team", team_csv(tmp_path / "q1.csv", 300, "a"), "Added 300 colleagues")
    before = saved(page)
    import_team(page, str(team_csv(tmp_path / "q2.csv", 300, "b")))
    assert final_status(page) == (
        "Could not import: q2.csv: with the 300 colleagues already here, this file would bring the"
        " team to 600 people, but this page holds at most 500 colleagues; remove colleagues first,"
        " or score a team this large with the playbook's command-line tool. Nothing was changed."
    )
    assert saved(page) == before
    assert page.inner_text("#revops-colleagues").startswith("Colleagues loaded (300): a-000000")


def test_the_page_holds_its_cap_and_a_second_import_of_it_adds_nobody(page, tmp_path):
    full = team_csv(tmp_path / "full.csv", 500)
    import_file(page, "team", full, "Added 500 colleagues from full.csv.")
    import_file(page, "team", full, "Added 0 colleagues")
    assert page.inner_text("#revops-import-status") == (
        "Added 0 colleagues from full.csv; 500 already loaded were skipped."
    )
    assert page.inner_text("#revops-colleagues").startswith("Colleagues loaded (500): ")


def test_more_files_than_the_page_holds_are_refused_before_any_is_read(page, tmp_path):
    # Each file is broken: had any been read, its own problem would be the message.
    files = []
    for n in range(501):
        files.append(tmp_path / f"person-{n:03d}.yaml")
        files[-1].write_text("team: [unclosed\n", encoding="utf-8")
    before = saved(page)
    import_team(page, [str(f) for f in files])
    assert final_status(page) == (
        "Could not import: you chose 501 files, and each holds at least one person's answers, but"
        " this page holds at most 500 colleagues; choose fewer files, or score a team this large"
        " with the playbook's command-line tool. Nothing was changed."
    )
    assert saved(page) == before


def test_a_large_import_shows_which_file_it_is_reading(page, tmp_path):
    files = []
    for n in range(40):
        files.append(tmp_path / f"person-{n:02d}.yaml")
        files[-1].write_text(
            f"team: T\ndate: 2026-03-31\nrespondent:\n  name: person {n}\n"
            f"answers:\n  {IDS[0]}: {1 + n % 5}\n",
            encoding="utf-8",
        )
    page.evaluate(RECORD_STATUSES)
    import_team(page, [str(f) for f in files])
    assert final_status(page) == "Added 40 colleagues from 40 files."
    statuses = page.evaluate("window.revopsStatuses")
    assert statuses[0] == "Reading file 1 of 40 (person-00.yaml)…"
    assert all(s.startswith("Reading file ") for s in statuses[:-1]), statuses
