"""The assessment page's file readers in headless Chromium: loaded from the site itself on the
first import that needs them (the YAML package from npm among them), never on the first view,
and a file's problems listed all at once, as `revops score` lists them."""

from __future__ import annotations

from . import test_assessment_page
from .test_assessment_page import IDS, import_file

page = test_assessment_page.page  # the same fixture: a fresh tab on the assessment page

CSV_READERS = (
    "answer-csv-rows.js",
    "answer-date-order.js",
    "answer-exports.js",
    "answer-identity.js",
    "answer-regional.js",
    "answer-survey.js",
)
ZIP_READERS = ("answer-zip.js", "answer-workbook.js")
READERS = ("/vendor/", "answer-yaml.js", *CSV_READERS, *ZIP_READERS)
LOADED = "performance.getEntriesByType('resource').map(entry => entry.name)"


def readers_loaded(page) -> list[str]:
    return sorted({name for name in page.evaluate(LOADED) if any(r in name for r in READERS)})


def test_the_first_view_loads_no_file_reader(page):
    assert readers_loaded(page) == []


def test_a_yaml_file_loads_the_yaml_reader_and_lists_every_problem(page, site_url, tmp_path):
    path = tmp_path / "ann.yaml"
    path.write_text(
        f"team: T\ndate: 2026-02-30\nanswers:\n  {IDS[0]}: 9\n  not-a-question: 3\n",
        encoding="utf-8",
    )
    import_file(page, "resume", path, "Could not import")
    assert page.inner_text("#revops-import-status") == (
        "Could not import: ann.yaml: 3 problems: line 2: bad date '2026-02-30'; write it as"
        f" YYYY-MM-DD, e.g. 2026-03-31; line 4: answer to '{IDS[0]}': 9 is out of range; use 1"
        " to 5, n/a, unknown, or leave it empty; line 5: unknown question id 'not-a-question':"
        " no question on this page has that id, so the file may be for another version of the"
        " assessment. Nothing was changed."
    )
    loaded = readers_loaded(page)
    assert site_url + "assets/vendor/yaml/index.js" in loaded
    assert site_url + "assets/answer-yaml.js" in loaded
    # a CSV's readers wait for a CSV
    assert not any(reader in name for name in loaded for reader in CSV_READERS)
    assert all(name.startswith(site_url) for name in page.evaluate(LOADED))


def test_a_csv_file_loads_only_the_csv_readers(page, tmp_path):
    path = tmp_path / "team.csv"
    path.write_text(f"respondent,role,{IDS[0]}\nAnn,sales,3\n", encoding="utf-8")
    import_file(page, "team", path, "Added 1 colleague")
    loaded = readers_loaded(page)
    assert [name.rsplit("/", 1)[1] for name in loaded] == list(CSV_READERS)
