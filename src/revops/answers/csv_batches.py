"""A CSV file's text as batches of rows, each row with its line number: the rows
csv_rows.py converts a batch at a time.

A file without quotes is split at its line breaks and delimiter by str.split, which gives
what csv.reader gives (tests/test_regional.py holds the two equal) in less time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, islice, repeat

from revops.answers.regional import is_comment
from revops.answers.sheet import BATCH, Batch
from revops.foundation.problems import InvalidInput, Problem

CHUNK = 1 << 16  # characters of text cut into lines at a time (about 400 lines of a team CSV)


def csv_batches(text: str, shown: str, delimiter: str = ",") -> Iterator[Batch]:
    """(line numbers, rows) of up to BATCH rows with content at a time; # lines skipped."""
    if '"' in text or "\x00" in text:
        source: Iterable[str] = io.StringIO(text, newline="")
        if "#" in text:  # blank out comment lines, keeping the line count
            source = ("\n" if is_comment(line) else line for line in source)
        return parsed_batches(source, shown, delimiter)
    batches = line_batches(text)
    if "#" in text:
        batches = (["" if is_comment(line) else line for line in batch] for batch in batches)
    return split_batches(batches, shown, delimiter)


def line_batches(text: str, size: int = BATCH, chunk: int = CHUNK) -> Iterator[list[str]]:
    """The text's lines without their breaks, `size` at a time, broken where
    io.StringIO(text, newline="") and so csv.reader break them (LF, CRLF, a lone CR). Cut
    by str.split from slices of about `chunk` characters: reading the lines one by one
    through StringIO took longer, and so did the whole text at once, whose lines then left
    the processor's cache before they were split."""
    if "\r" in text:
        unix = text.replace("\r\n", "\n")  # one pass: a split at LF alone runs faster
        if "\r" in unix:  # a lone CR ends a line too: rare enough to read slowly
            lines = (line.rstrip("\r\n") for line in io.StringIO(text, newline=""))
            while batch := list(islice(lines, size)):
                yield batch
            return
        text = unix
    pending: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + chunk)
        end = len(text) if end < 0 else end + 1
        pending += text[start:end].split("\n")
        if text.endswith("\n", start, end):
            pending.pop()  # the nothing after the slice's last break
        start = end
        while len(pending) >= size:
            yield pending[:size]
            del pending[:size]
    if pending:
        yield pending


def parsed_batches(source: Iterable[str], shown: str, delimiter: str) -> Iterator[Batch]:
    """csv_batches by csv.reader, for a file whose quoted cells may span lines."""
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    previous = 0
    try:
        while True:
            rows, spanning = [], []
            for row in islice(reader, BATCH):
                rows.append(row)
                spanning.append(previous + 1)
                previous = reader.line_num
            if not rows:
                return
            if batch := _with_content(spanning, rows):
                yield batch
    except csv.Error as error:
        raise InvalidInput([Problem(shown, reader.line_num, 0, f"invalid CSV: {error}")]) from None


def split_batches(batches: Iterable[list[str]], shown: str, delimiter: str) -> Iterator[Batch]:
    """csv_batches for a file without quotes or NUL, given its lines without their breaks a
    batch at a time (line_batches): then each line is one record, which csv.reader splits
    at the delimiter alone, as str.split does faster. A batch with a line longer than csv's
    field limit goes to csv.reader, which refuses a field that long."""
    limit = csv.field_size_limit()
    previous = 0
    for chunk in batches:
        if max(map(len, chunk)) > limit:
            rows = _csv_rows(chunk, shown, delimiter, previous)
        else:
            rows = [line.split(delimiter) for line in chunk]
        numbers = range(previous + 1, previous + 1 + len(chunk))
        previous += len(chunk)
        if batch := _with_content(numbers, rows):
            yield batch


def _csv_rows(lines: list[str], shown: str, delimiter: str, previous: int) -> list[list[str]]:
    """Lines that hold a record each, read by csv.reader; previous: the lines before them."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        return list(reader)
    except csv.Error as error:
        line = previous + reader.line_num
        raise InvalidInput([Problem(shown, line, 0, f"invalid CSV: {error}")]) from None


def _with_content(lines: Sequence[int], rows: list[list[str]]) -> Batch | None:
    """The rows that hold more than blanks, with their line numbers; None if there are none."""
    filled = list(map(any, map(map, repeat(str.strip), rows)))  # per row, in C
    if not all(filled):
        kept = list(compress(range(len(rows)), filled))
        rows, lines = [rows[i] for i in kept], [lines[i] for i in kept]
    return (list(lines), rows) if rows else None
