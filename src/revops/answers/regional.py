"""CSV files as spreadsheets save them around the world: the text encoding, the delimiter and
the date format are worked out rather than demanded. docs/assets/answer-csv.js does the same
for the page; the shared cases in tests/cases/reading-regional.json hold the two together."""

from __future__ import annotations

import datetime as dt
import re

from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.values import parse_date

DELIMITERS = (",", ";", "\t")
# A multi-byte UTF-8 sequence: in a file that is not valid UTF-8, it means mixed encodings.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
# A 2-digit year (Excel's CSV of a Microsoft Forms workbook: 6/30/26) is read as 20YY.
DOTTED = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})$")
SLASHED = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})$")
DATE_ORDERS = ("dmy", "mdy")
LINE = re.compile(r"[^\r\n]+")  # between the line breaks csv and the page know


def decode(data: bytes, shown: str) -> tuple[str, str | None]:
    """(text, a notice naming the encoding when it was not UTF-8)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), f"{shown}: read as UTF-16"
        except UnicodeDecodeError:
            raise InvalidInput(
                [Problem(shown, 1, 0, "file starts as UTF-16 but is not valid UTF-16 text")]
            ) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    if UTF8_SEQUENCE.search(data):
        raise InvalidInput(
            [
                Problem(
                    shown,
                    1,
                    0,
                    "file mixes UTF-8 with another encoding; save it again as CSV UTF-8",
                )
            ]
        )
    try:
        return data.decode("cp1252"), f"{shown}: not UTF-8; read as Windows-1252"
    except UnicodeDecodeError:
        raise InvalidInput(
            [
                Problem(
                    shown,
                    1,
                    0,
                    "file is not UTF-8, UTF-16 or Windows-1252 text; save it as CSV UTF-8",
                )
            ]
        ) from None


def is_comment(line: str) -> bool:
    """A line starting with # is a comment, unless # is a cell of its own: Typeform's
    export names its first column "#"."""
    rest = line.lstrip()
    return rest.startswith("#") and rest[1:2] not in DELIMITERS


def delimiter(text: str) -> str:
    """The delimiter of the header row: the most frequent of comma, semicolon and tab outside
    quotes (a comma on a tie)."""
    for match in LINE.finditer(text):  # one line at a time: a whole file split is 15x its size
        line = match.group()
        if line.strip() and not is_comment(line):
            outside = "".join(line.split('"')[::2])
            counts = [outside.count(d) for d in DELIMITERS]
            return DELIMITERS[counts.index(max(counts))] if max(counts) else ","
    return ","


class AmbiguousDate(ValueError):
    """A date whose numbers leave open which is the day: the rest of its column may tell."""


def csv_date(raw: str, order: str | None) -> dt.date:
    """A date in a CSV cell: YYYY-MM-DD, DD.MM.YYYY, or DD/MM/YYYY or MM/DD/YYYY where the
    numbers tell which (or `order` says); a 2-digit year is 20YY. Raises AmbiguousDate when
    neither tells (date_order.py then asks the rest of the column)."""
    text = raw.strip()
    if match := DOTTED.match(text):
        day, month, year = map(int, match.groups())
    elif match := SLASHED.match(text):
        first, second, year = map(int, match.groups())
        if first > 12 or (order == "dmy" and second <= 12):
            day, month = first, second
        elif second > 12 or order == "mdy" or first == second:
            day, month = second, first
        else:
            raise AmbiguousDate(
                f"ambiguous date '{text}': the day could come first or second; "
                "pass --date-order dmy or mdy, or write YYYY-MM-DD"
            )
    else:
        return parse_date(raw)
    year += 2000 if year < 100 and len(match.group(3)) == 2 else 0
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"bad date '{text}'; no such day") from None
