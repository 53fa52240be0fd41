"""A CSV's answers are kept as a byte per cell (answers/coded.py): the fast path that codes a
column's texts gives what reading each cell as a value gives, and a coded column reads as the
list of those values."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revops.answers import coded
from revops.answers.coded import (
    CODES,
    NO_CODE,
    VALUES,
    CodedAnswers,
    block_codes,
    coded_values,
    side_by_side,
    text_codes,
)
from revops.answers.csv_rows import _COMMON

from .conftest import ROOT, examples

# The texts of a value, and texts close to them that are not one as they stand
TEXTS = [*_COMMON, "#", "#1", "1#", "11", " 1", "N/A", "unknow", "n/a#", "é", "0", "6", "##"]
TEXTS += ["\x00", "\x06", "\x07", "n/an/a", "unknownunknown", "n/a1", "1unknown", "#n/a#"]


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(TEXTS) | st.text(max_size=4), max_size=30))
def test_the_fast_coding_of_cells_is_each_cell_read_as_its_value(texts):
    expected = bytes(CODES[_COMMON[text]] if text in _COMMON else NO_CODE for text in texts)
    assert text_codes(texts) == expected


# Texts that block_codes reads as a mark or a separator, or that lose letters to its marking
MARKS = [coded.SEPARATOR, coded.EMPTY, coded.NOT_APPLICABLE_MARK, coded.UNKNOWN_MARK]
BLOCK_TEXTS = [*TEXTS, *MARKS, "a", "u", "n", "/", "k", "nk", "bcd", "1\x1f2", "\x1f\x1f", "ua"]


@settings(max_examples=examples(500), deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(BLOCK_TEXTS) | st.text(max_size=3), min_size=4, max_size=4)),
    st.integers(0, 4),
    st.integers(0, 4),
)
def test_a_block_of_cells_is_coded_as_each_cell_is_or_left_to_them(rows, start, stop):
    """block_codes gives each cell's code, row after row, as text_codes does; or None, when
    a cell is neither '' nor a value's text nor a single ASCII character that its marking
    leaves alone (then the reader codes cell by cell)."""
    cells = [cell for row in rows for cell in row[start:stop]]
    found = block_codes(rows, start, stop)
    assert found == (text_codes(cells) if all(map(_codable, cells)) else None)


def _codable(cell: str) -> bool:
    if cell in ("", "n/a", "unknown"):
        return True
    return len(cell) == 1 and cell.isascii() and cell not in MARKS and cell not in "n/kowau"


def test_columns_side_by_side_are_one_block():
    assert side_by_side([4, 5, 6]) == (4, 7) and side_by_side([2]) == (2, 3)
    assert side_by_side([4, 6]) is None and side_by_side([5, 4]) is None
    assert side_by_side([]) is None


@given(st.lists(st.sampled_from(VALUES), max_size=20), st.data())
def test_a_coded_column_reads_as_its_values(values, data):
    column = CodedAnswers(coded_values(values))
    assert list(column) == values and column == values and len(column) == len(values)
    assert [column[i] for i in range(len(values))] == values
    assert column[1:3] == values[1:3]
    assert all(column.count(value) == values.count(value) for value in (*VALUES, 7, "x"))
    rows = data.draw(st.lists(st.integers(0, len(values) - 1), max_size=10)) if values else []
    assert list(column.rows(rows)) == [values[row] for row in rows]


def test_a_value_without_a_code_leaves_the_column_as_values():
    assert coded_values([1, 0]) is None and coded_values([1, 6]) is None


def test_a_team_read_in_blocks_or_cell_by_cell_scores_alike(tmp_path):
    """A team's answers read from one text per batch (the questions side by side), from a
    lookup per cell (an N/A in the second batch of 512 rows), or cell by cell throughout
    (a column between two questions) give the same report."""
    import random

    from revops.api import assess_dump
    from revops.bank.cache import find_bank

    bank, _, _ = find_bank(ROOT)
    ids = [question["id"] for rule in bank["rules"] for question in rule["questions"]]
    rng = random.Random(7)
    tokens = ["", "1", "2", "3", "4", "5", "n/a", "unknown"]
    answers = [[rng.choice(tokens) for _ in ids] for _ in range(600)]
    answers[550][3] = "n/a"

    def team_file(name: str, cells: list[list[str]], note_at: int | None = None) -> str:
        header = ["respondent", "role", *ids]
        lines = [
            [f"p{row}", rng.choice(["sales", "finance"]), *answer]
            for row, answer in enumerate(cells)
        ]
        if note_at is not None:
            header.insert(note_at, "note")
            lines = [[*line[:note_at], "x", *line[note_at:]] for line in lines]
        path = tmp_path / name
        path.write_text("\n".join(",".join(line) for line in [header, *lines]) + "\n")
        return str(path)

    rng.seed(8)
    blocks = team_file("blocks.csv", answers)
    rng.seed(8)
    spelled = [row[:] for row in answers]
    spelled[550][3] = "N/A"
    mixed = team_file("mixed.csv", spelled)
    rng.seed(8)
    by_cell = team_file("by-cell.csv", answers, note_at=5)

    def report(path: str) -> dict:
        return assess_dump(ROOT, [path], anonymous=True, ignore_columns=["note"], notify=print)

    assert report(blocks) == report(mixed) == report(by_cell)
