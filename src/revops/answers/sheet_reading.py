"""A spreadsheet's zipped XML, read within fixed limits (.xlsx and .ods are zip packages).

What a workbook unpacks to, not its size on disk, is what reading it costs, so each part is
unpacked a chunk at a time against one budget and parsed as it arrives (expat, no tree kept)
by handlers that keep only what a sheet's rows need. Rows, cells and characters are counted
as they are built, so a sheet that holds more than the limits is refused as soon as it passes
them; what a sheet says of its own size (an .xlsx <dimension>) is never used. A DTD is
refused: spreadsheet programs never write one, and entity bombs need it. Each part's CRC is
checked when it has been read to its end.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Protocol
from xml.parsers import expat

from revops.foundation.problems import InvalidInput, Problem

# Unpacked XML: 100,000 people with the bank's 46 columns unpack to about 130 MB.
MAX_UNPACKED_BYTES = 200_000_000
# Rows: the 100,000 people a team file may hold, a header, and room for notes and blank rows.
MAX_ROWS = 120_000
# Columns: every question with an evidence column beside it, and a survey tool's own columns.
MAX_COLUMNS = 1_000
# Cells (rows by columns, padded to the header): 100,000 people with 50 columns each, as a
# Microsoft Forms export of the whole bank holds, and a tenth to spare; reading that many
# took 9.5 s on a busy two-core machine (1.6 microseconds a cell).
MAX_CELLS = 5_500_000
# Distinct texts of an .xlsx: each person's name and email and a few free-text answers.
MAX_SHARED_STRINGS = 1_000_000
# The longest cell: the limit the csv module sets on a CSV answer file's fields.
MAX_CELL_CHARS = 131_072
# Characters of text, repeats counted: twice what a 20 MB CSV can hold. A workbook's texts
# are held at up to four bytes a character; and one long shared text, or a row repeated many
# times, would cost its length on every row that names it (a survey's option texts, names
# and dates are shorter than LONG_CELL, so only longer cells count in a sheet).
MAX_TEXT_CHARS = 40_000_000
LONG_CELL = 256
# Sheets, and parts of the zip: a workbook has a few of each, dozens with pictures.
MAX_SHEETS = 1_000
MAX_PARTS = 10_000
# XML elements parsed, all parts together: two or three a cell, so that time is bounded too.
MAX_ELEMENTS = 15_000_000
# Elements open at once: a sheet's XML nests six deep; expat keeps each open one in memory.
MAX_DEPTH = 100
# An unfinished tag or comment: expat scans it again with every chunk until it ends.
MAX_TOKEN_BYTES = 1_000_000
CHUNK = 1 << 16
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how OOXML writes characters XML cannot hold
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file, or an old .xls
NOT_A_WORKBOOK = "cannot read this spreadsheet: it is damaged or not an .xlsx or .ods file"
PASSWORD = "the workbook is password-protected; save a copy without a password and score that"


# A sheet's rows as Grid holds them: (row number, cells up to the last value, times repeated)
Row = tuple[int, list[str], int]
Labeller = Callable[[str], str]  # a sheet's name -> how messages name it


class Callbacks(Protocol):
    """What Package.stream feeds a part's XML to (Handler, or a sheet's own callbacks)."""

    def start(self, name: str, attrs: dict[str, str]) -> None: ...

    def end(self, name: str) -> None: ...

    def data(self, text: str) -> None: ...

    def after_chunk(self) -> tuple[int, int]: ...


def refused(shown: str, message: str, line: int = 0) -> InvalidInput:
    return InvalidInput([Problem(shown, line, 0, message)])


def damaged(shown: str, reason: str) -> InvalidInput:
    return refused(shown, f"{NOT_A_WORKBOOK} ({reason[:80]})")


def column_name(number: int) -> str:
    """Column 1 is A, 27 is AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Package:
    """The parts of a zip package, each unpacked once against the budget."""

    def __init__(self, data: bytes, shown: str) -> None:
        self.shown = shown
        self.unpacked = 0
        self.elements = 0
        self.read: set[str] = set()
        if data.startswith(OLE):
            if "EncryptionInfo".encode("utf-16-le") in data:
                raise refused(shown, PASSWORD)
            raise damaged(shown, "an old .xls workbook; save it as .xlsx")
        if data.count(b"PK\x01\x02") > MAX_PARTS:  # each part's entry in the zip's index
            raise damaged(shown, f"it holds more than {MAX_PARTS:,} parts")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.parts = {info.filename: info for info in self.zip.infolist()}
        except (
            zipfile.BadZipFile,
            zlib.error,
            ValueError,
            EOFError,
            OSError,
            NotImplementedError,
        ) as error:  # e.g. a zip "version needed" of 17.3
            raise damaged(shown, str(error) or "not a zip file") from None

    def __contains__(self, name: str) -> bool:
        return name in self.parts

    def chunks(self, name: str) -> Iterator[bytes]:
        """The part's bytes as unpacked; refused past the budget, or when damaged."""
        info = self.parts[name]
        self.read.add(name)
        if info.flag_bits & 1:
            raise refused(self.shown, PASSWORD)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged(self.shown, f"{name} is packed in a way spreadsheets never use")
        try:
            with self.zip.open(info) as part:
                while chunk := part.read(CHUNK):
                    self.unpacked += len(chunk)
                    if self.unpacked > MAX_UNPACKED_BYTES:
                        raise refused(self.shown, too_large())
                    yield chunk
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            ValueError,
            OSError,
        ) as error:
            raise damaged(self.shown, str(error)) from None

    def parse(self, name: str, handler: Callbacks, namespaces: bool = True) -> None:
        """Feed the part's XML to a handler's start, end and data methods; element names
        come as "namespace name"."""
        for _ in self.stream(name, handler, namespaces):
            pass

    def stream(self, name: str, handler: Callbacks, namespaces: bool = True) -> Iterator[None]:
        """As parse, yielding after each chunk so that a caller can take what is ready.
        Without namespaces, names come as written ("x:c"), which is faster."""
        parser = expat.ParserCreate(namespace_separator=" " if namespaces else None)
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = self._no_dtd
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.data
        fed = depth = 0
        try:
            for chunk in self.chunks(name):
                parser.Parse(chunk, False)
                fed += len(chunk)
                depth = self._count(handler, depth)
                if fed - parser.CurrentByteIndex > MAX_TOKEN_BYTES:
                    raise damaged(
                        self.shown,
                        f"{name} holds an XML tag or comment longer "
                        f"than {MAX_TOKEN_BYTES // 1_000_000} MB",
                    )
                yield
            parser.Parse(b"", True)
            self._count(handler, depth)
        except (expat.ExpatError, LookupError, ValueError, UnicodeError) as error:
            # the latter three: an XML declaration naming an unknown or unusable encoding
            raise damaged(self.shown, f"{name}: {error}") from None
        yield

    def _count(self, handler: Callbacks, depth: int) -> int:
        """The depth of elements open after a chunk; refused past the limits."""
        started, ended = handler.after_chunk()
        self.elements += started
        if self.elements > MAX_ELEMENTS:
            raise refused(
                self.shown,
                f"the workbook holds more than {MAX_ELEMENTS:,} XML "
                "elements; copy the answers alone into a new workbook, or save "
                "them as CSV",
            )
        depth += started - ended
        if depth > MAX_DEPTH:
            raise damaged(self.shown, f"its XML nests more than {MAX_DEPTH} levels deep")
        return depth

    def _no_dtd(self, *_: object) -> None:
        raise damaged(self.shown, "its XML declares a DTD, which spreadsheets never do")

    def check_rest(self) -> None:
        """Unpack the parts not read, so that a damaged one (a bad CRC) is refused."""
        for name in self.parts:
            if name not in self.read and not name.endswith("/"):
                for _ in self.chunks(name):
                    pass

    def resolve(self, source: str, target: str) -> str:
        """A relationship's target as a part name; refused when it points outside."""
        base = posixpath.dirname(posixpath.dirname(source))  # a.xml's rels sit in _rels/
        path = target[1:] if target.startswith("/") else posixpath.join(base, target)
        path = posixpath.normpath(path)
        if path.startswith(("../", "/")) or path == "..":
            raise damaged(self.shown, f"a part points outside the workbook: {target[:40]}")
        return path


def too_many_sheets(shown: str) -> InvalidInput:
    return refused(
        shown,
        f"the workbook holds more than {MAX_SHEETS:,} sheets; copy the "
        "answers alone into a new workbook, or save them as CSV",
    )


def no_sheet(shown: str, names: list[str], sheet: str | None) -> InvalidInput:
    if not names:
        return refused(shown, "the workbook has no sheets")
    listed = ", ".join(f"'{name[:40]}'" for name in names[:20])
    listed += f" and {len(names) - 20:,} more" if len(names) > 20 else ""
    return refused(
        shown, f"no sheet named '{sheet}'; its sheets are {listed}; choose one with --sheet NAME"
    )


def whole_number(text: str | None) -> int | None:
    """A count or index written in ASCII digits; a longer one than any limit reads as 10**12
    (int() of a few thousand digits would take long, and then refuse)."""
    if not text or not text.isascii() or not text.isdigit():
        return None
    return int(text) if len(text) <= 12 else 10**12


def unescaped(text: str) -> str:
    """OOXML's _x000D_ escapes as the characters they stand for (but never a surrogate,
    which no output could print)."""
    if "_x" not in text:
        return text
    return ESCAPED.sub(
        lambda m: (
            m.group() if 0xD800 <= int(m.group(1), 16) <= 0xDFFF else chr(int(m.group(1), 16))
        ),
        text,
    )


def number_text(raw: str) -> str:
    """A number as a CSV holds it: 3 rather than 3.0."""
    if raw.isdigit() and len(raw) < 16 and (raw[0] != "0" or raw == "0"):
        return raw
    if raw != raw.strip() or "_" in raw:
        return raw
    try:
        number = float(raw)
    except ValueError:
        return raw
    return str(int(number)) if number.is_integer() else str(number)


class Handler:
    """Expat callbacks that keep nothing; a part's reader overrides what it needs. Every
    start and end is counted, for Package to hold against MAX_ELEMENTS and MAX_DEPTH."""

    def __init__(self) -> None:
        self.elements = self.ended = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1

    def end(self, name: str) -> None:
        self.ended += 1

    def data(self, text: str) -> None:
        pass

    def after_chunk(self) -> tuple[int, int]:
        """(elements started, elements ended) since the last call."""
        counted = self.elements, self.ended
        self.elements = self.ended = 0
        return counted


def too_large() -> str:
    return (
        f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB; copy "
        "the answers alone into a new workbook, or save them as CSV"
    )


class Grid:
    """One sheet's rows as text, in order, counted against the limits as they are built.
    A row comes as its cells up to its last value: empty cells and rows after the last
    value cost nothing, as spreadsheet programs pad sheets with them."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.width = 0  # the header's, once a row with a value is seen
        self.cells = self.characters = 0
        self.rows: list[Row] = []

    def column_past(self, row: int, column: int) -> InvalidInput:
        return refused(
            self.label,
            f"a value in column {column_name(column)} is past the "
            f"{MAX_COLUMNS:,} columns a sheet may use; delete what lies right "
            "of the answers",
            row,
        )

    def cell_too_long(self, row: int) -> InvalidInput:
        return refused(
            self.label,
            f"a cell holds more than {MAX_CELL_CHARS:,} characters; "
            "answers are short, so shorten or delete it",
            row,
        )

    def add(self, number: int, cells: list[str], repeat: int = 1) -> None:
        last = number + repeat - 1
        if last > MAX_ROWS:
            row = max(number, MAX_ROWS + 1)
            raise refused(
                self.label,
                f"row {row:,} holds a value, but a sheet may use at "
                f"most {MAX_ROWS:,} rows (a header and one row per person); delete "
                "what lies below the answers, or split the team into several "
                "files",
            )
        if len(cells) > MAX_COLUMNS:
            raise self.column_past(number, len(cells))
        if not self.width:
            self.width = next((i + 1 for i in range(len(cells) - 1, -1, -1) if cells[i].strip()), 0)
        self.cells += max(len(cells), self.width) * repeat
        if any(len(cell) > LONG_CELL for cell in cells):
            self.characters += sum(len(cell) for cell in cells if len(cell) > LONG_CELL) * repeat
            if self.characters > MAX_TEXT_CHARS:
                raise refused(
                    self.label,
                    f"the sheet's cells of over {LONG_CELL} characters "
                    f"hold more than {MAX_TEXT_CHARS:,} in all; answers are short, "
                    "so copy them alone into a new workbook, or save them as CSV",
                )
        if self.cells > MAX_CELLS:
            raise refused(
                self.label,
                f"the sheet holds more than {MAX_CELLS:,} cells (rows "
                "times columns in use); delete unused rows and columns, or split "
                "the team into several files",
            )
        self.rows.append((number, cells, repeat))

    def take(self) -> list[Row]:
        rows, self.rows = self.rows, []
        return rows
