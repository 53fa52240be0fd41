"""Hostile spreadsheets get one message and exit 1 within a memory cap and a time limit: far
cells, repeated rows and columns, decompression bombs, long cells, DTDs, bad CRCs.

Each hostile file comes from a plain builder, `name(folder) -> Path`, so that the fuzz suite
can build the same files; every builder writes only inside the folder it is given.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from revops.answers.sheet_reading import MAX_CELLS

from .conftest import ROOT

# Files of millions of rows or cells: the full suite runs them, `make check` does not.
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
MEMORY = 1 << 30  # bytes of address space each run may take
SECONDS = 10
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = ("respondent", "role", "alignment-shared-targets")
NOT_A_WORKBOOK = "cannot read this spreadsheet: it is damaged or not an .xlsx or .ods file"
TOO_MANY_CELLS = (
    f"the sheet holds more than {MAX_CELLS:,} cells (rows times columns in use); "
    "delete unused rows and columns, or split the team into several files"
)


# --- builders: plain .xlsx and .ods packages ---------------------------------------------


def xlsx_parts(
    sheet_data: str,
    shared: str | None = None,
    sheet_head: str = "",
    target: str = "worksheets/sheet1.xml",
) -> dict[str, bytes]:
    """The parts of a one-sheet workbook named Sheet1 around the given <sheetData> body."""
    rels = f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="{target}"/>'
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet '
        'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}">{sheet_head}<sheetData>'
        f"{sheet_data}</sheetData></worksheet>",
    }
    if shared is not None:
        rels += f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{shared}</sst>'
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{RELS}">{rels}</Relationships>'
    return {name: text.encode() for name, text in parts.items()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    """The parts packed; an OpenDocument mimetype stays unpacked, as the format asks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype" else None)
    return path


def inline(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def team_rows(people: int = 1) -> str:
    """A header and people who answer: the rows of a sheet that scores."""
    header = "".join(inline(f"{letter}1", text) for letter, text in zip("ABC", HEADER, strict=True))
    rows = [f'<row r="1">{header}</row>']
    for row in range(2, people + 2):
        rows.append(
            f'<row r="{row}">{inline(f"A{row}", f"Person {row}")}'
            f'{inline(f"B{row}", "sales")}<c r="C{row}"><v>3</v></c></row>'
        )
    return "".join(rows)


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_parts(tables: str, manifest_entry: str = "") -> dict[str, bytes]:
    """The parts of a spreadsheet whose office:spreadsheet holds the given tables."""
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" '
        f'manifest:media-type="text/xml">{manifest_entry}</manifest:file-entry>'
        "</manifest:manifest>"
    )
    content = (
        f"<office:document-content {ODS_NAMESPACES}><office:body><office:spreadsheet>"
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    return {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": manifest.encode(),
        "content.xml": content.encode(),
    }


def ods_cell(text: str, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{repeated}><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def ods_row(*cells: str, repeat: int = 1) -> str:
    repeated = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{repeated}>{''.join(cells)}</table:table-row>"


def ods_team(*after: str) -> str:
    """A table named Answers: a header, one person, then the given rows."""
    header = ods_row(*(ods_cell(text) for text in HEADER))
    person = ods_row(
        ods_cell("Dana"),
        ods_cell("sales"),
        '<table:table-cell office:value-type="float" office:value="3"/>',
    )
    return f'<table:table table:name="Answers">{header}{person}{"".join(after)}</table:table>'


# --- builders: hostile files ------------------------------------------------------------


def far_cell_xlsx(folder: Path) -> Path:
    """2 KB: one value at XFD1048576, the last cell a sheet has (17 billion cells away)."""
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return write_zip(folder / "far-cell.xlsx", xlsx_parts(team_rows() + far))


def far_row_xlsx(folder: Path) -> Path:
    """A value in row 1,048,576 of column A."""
    far = f'<row r="1048576">{inline("A1048576", "x")}</row>'
    return write_zip(folder / "far-row.xlsx", xlsx_parts(team_rows() + far))


def claimed_dimension_xlsx(folder: Path) -> Path:
    """A sheet that says it spans A1:XFD1048576 and holds one person: it reads as one."""
    return write_zip(
        folder / "claimed.xlsx",
        xlsx_parts(team_rows(), sheet_head='<dimension ref="A1:XFD1048576"/>'),
    )


def shared_string_bomb_xlsx(folder: Path) -> Path:
    """About 100 KB: one shared text of 100 million characters, named by 10,000 cells."""
    cells = "".join(f'<c r="D{row}" t="s"><v>0</v></c>' for row in range(2, 10_002))
    parts = xlsx_parts(
        team_rows() + f'<row r="2">{cells}</row>',
        shared="<si><t>" + "a" * 100_000_000 + "</t></si>",
    )
    return write_zip(folder / "shared-bomb.xlsx", parts)


def shared_string_count_xlsx(folder: Path) -> Path:
    """1.2 million distinct one-word shared texts."""
    shared = "".join(f"<si><t>{n}</t></si>" for n in range(1_200_000))
    return write_zip(folder / "shared-count.xlsx", xlsx_parts(team_rows(), shared=shared))


def long_cell_xlsx(folder: Path) -> Path:
    """About 1 MB: one inline cell of a billion characters (the part is packed by hand)."""
    parts = xlsx_parts(
        team_rows() + '<row r="3"><c r="A3" t="inlineStr"><is><t>@</t></is></c></row>'
    )
    head, tail = parts["xl/worksheets/sheet1.xml"].split(b"@")
    chunk, count = b"a" * (1 << 20), 1 << 10
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = [packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)]
    same = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)  # the same bytes each time
    packed += [same] * count
    packed.append(packer.compress(tail) + packer.flush())
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(tail) + len(chunk) * count
    parts["xl/worksheets/sheet1.xml"] = (b"".join(packed), crc, size)
    return write_raw_zip(folder / "long-cell.xlsx", parts)


def write_raw_zip(path: Path, parts: dict) -> Path:
    """A zip whose parts are bytes to pack, or (raw deflate, crc, size) packed already."""
    body, directory = bytearray(), bytearray()
    for name, data in parts.items():
        if isinstance(data, bytes):
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = (packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))
        packed, crc, size = data
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0, crc, len(packed), size)
        directory += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(body))
            + encoded
        )
        body += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + packed
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory) + end)
    return path


def unpacked_bomb_xlsx(folder: Path) -> Path:
    """About 250 KB that unpacks to 250 MB: blank space between two rows."""
    parts = xlsx_parts(team_rows() + " " * 250_000_000)
    return write_zip(folder / "unpacked-bomb.xlsx", parts)


def wide_rows_xlsx(folder: Path) -> Path:
    """6,001 people with a note in column 1,000 beside their answers: 6 million cells."""
    people = team_rows(6_001).replace("</v></c></row>", f"</v></c>{inline('ALL', 'x')}</row>")
    return write_zip(folder / "wide.xlsx", xlsx_parts(people))


def laughs_xlsx(folder: Path) -> Path:
    """The billion laughs: entities that expand to a billion copies of one word."""
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)
    )
    parts = xlsx_parts(team_rows())
    parts["xl/worksheets/sheet1.xml"] = f"<!DOCTYPE worksheet [{entities}]>".encode() + parts[
        "xl/worksheets/sheet1.xml"
    ].replace(b"Person 2", b"&a9;")
    return write_zip(folder / "laughs.xlsx", parts)


def escaping_part_xlsx(folder: Path) -> Path:
    """A sheet that points outside the package, at the machine's own files."""
    parts = xlsx_parts(team_rows(), target="../../../../../../etc/passwd")
    parts["../../../../etc/evil"] = b"a part named to climb out of a folder"
    return write_zip(folder / "escaping.xlsx", parts)


def bad_crc_xlsx(folder: Path) -> Path:
    """A workbook whose sheet (stored unpacked) no longer matches the checksum the zip
    records: one answer changed from 3 to 4 on the way."""
    path = folder / "bad-crc.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        for name, data in xlsx_parts(team_rows(3)).items():
            package.writestr(name, data)
    data = path.read_bytes()
    assert data.count(b"<v>3</v>") == 3
    path.write_bytes(data.replace(b"<v>3</v>", b"<v>4</v>", 1))
    return path


def bad_crc_unread_part_xlsx(folder: Path) -> Path:
    """A damaged part that reading the answers does not need: its checksum is still wrong."""
    path = folder / "bad-crc-unread.xlsx"
    parts = {**xlsx_parts(team_rows()), "docProps/app.xml": b"<Properties>Excel</Properties>"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"<Properties>Excel", b"<Properties>Excem", 1))
    return path


def encrypted_xlsx(folder: Path) -> Path:
    """What Excel writes for a workbook with a password: an OLE file, not a zip."""
    path = folder / "encrypted.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(504)
        + "EncryptionInfo".encode("utf-16-le")
        + bytes(1024)
    )
    return path


def with_sheet_head(head: bytes) -> dict[str, bytes]:
    """A team's parts with bytes put in the sheet before its rows."""
    parts = xlsx_parts(team_rows())
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"<sheetData>", head + b"<sheetData>"
    )
    return parts


def long_tag_xlsx(folder: Path) -> Path:
    """A 50 MB attribute: expat scans an unfinished tag again with each chunk it is given."""
    head = b'<sheetPr codeName="' + b"x" * 50_000_000 + b'"/>'
    return write_zip(folder / "long-tag.xlsx", with_sheet_head(head))


def long_comment_xlsx(folder: Path) -> Path:
    """A 50 MB comment, which expat likewise holds whole."""
    head = b"<!--" + b"x" * 50_000_000 + b"-->"
    return write_zip(folder / "long-comment.xlsx", with_sheet_head(head))


def deep_xlsx(folder: Path) -> Path:
    """A million elements each inside the one before: expat keeps every open one."""
    head = b"<x>" * 1_000_000 + b"</x>" * 1_000_000
    return write_zip(folder / "deep.xlsx", with_sheet_head(head))


def junk_elements_xlsx(folder: Path, count: int = 16_000_000) -> Path:
    """Empty elements that mean nothing, each one a call into Python: 64 MB of them."""
    return write_zip(folder / "junk.xlsx", with_sheet_head(b"<x/>" * count))


def far_empty_cell_xlsx(folder: Path) -> Path:
    """A formatted but empty cell at XFD1048576, as a sheet with a styled column has."""
    far = '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    return write_zip(folder / "far-empty.xlsx", xlsx_parts(team_rows() + far))


def many_parts_xlsx(folder: Path) -> Path:
    """12,000 empty parts: the zip's index alone would take a while to read."""
    parts = xlsx_parts(team_rows())
    parts.update((f"extra/{n}", b"") for n in range(12_000))
    return write_zip(folder / "many-parts.xlsx", parts)


def many_sheets_xlsx(folder: Path) -> Path:
    """A workbook that lists 1,001 sheets."""
    parts = xlsx_parts(team_rows())
    sheets = "".join(f'<sheet name="S{n}" sheetId="{n}" r:id="rId1"/>' for n in range(1_001))
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>{sheets}</sheets></workbook>'
    ).encode()
    return write_zip(folder / "many-sheets.xlsx", parts)


def bzip2_xlsx(folder: Path) -> Path:
    """Parts packed with bzip2, which zip allows and spreadsheets never use."""
    path = folder / "bzip2.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as package:
        for name, data in xlsx_parts(team_rows()).items():
            package.writestr(name, data)
    return path


def repeat_bomb_ods(folder: Path) -> Path:
    """1 KB: a row of 1,000 values repeated 10,000 times, 10 million cells."""
    bomb = ods_row(ods_cell("3", 1_000), repeat=10_000)
    return write_zip(folder / "repeat-bomb.ods", ods_parts(ods_team(bomb)))


def repeated_person_ods(folder: Path) -> Path:
    """1 KB: one person's row repeated ten million times."""
    person = ods_row(ods_cell("Luis"), ods_cell("sales"), ods_cell("4"), repeat=10_000_000)
    return write_zip(folder / "repeated-person.ods", ods_parts(ods_team(person)))


def billion_rows_ods(folder: Path) -> Path:
    """1 KB: a billion empty rows, then one more person."""
    empty = ods_row("<table:table-cell/>", repeat=1_000_000_000)
    late = ods_row(ods_cell("Luis"), ods_cell("sales"), ods_cell("4"))
    return write_zip(folder / "billion-rows.ods", ods_parts(ods_team(empty, late)))


def wide_repeat_ods(folder: Path) -> Path:
    """A value repeated across all 16,384 columns of a row."""
    return write_zip(
        folder / "wide-repeat.ods", ods_parts(ods_team(ods_row(ods_cell("x", 16_384))))
    )


def long_space_ods(folder: Path) -> Path:
    """A cell whose text asks for a billion spaces (text:s)."""
    cell = (
        '<table:table-cell office:value-type="string"><text:p>'
        '<text:s text:c="1000000000"/></text:p></table:table-cell>'
    )
    return write_zip(folder / "long-space.ods", ods_parts(ods_team(ods_row(cell))))


def many_spaces_ods(folder: Path) -> Path:
    """Thousands of text:s just under the cell limit each, in one chunk of the XML."""
    cell = (
        '<table:table-cell office:value-type="string"><text:p>'
        + '<text:s text:c="131000"/>' * 4_000
        + "</text:p></table:table-cell>"
    )
    return write_zip(folder / "many-spaces.ods", ods_parts(ods_team(ods_row(cell))))


def long_text_everywhere_xlsx(folder: Path) -> Path:
    """One shared text of 100,000 characters named by 1,000 cells: 100 million characters
    handed on from a file of a few hundred kilobytes."""
    rows = "".join(
        f'<row r="{row}"><c r="D{row}" t="s"><v>0</v></c></row>' for row in range(3, 1_003)
    )
    return write_zip(
        folder / "long-text.xlsx",
        xlsx_parts(team_rows() + rows, shared="<si><t>" + "a" * 100_000 + "</t></si>"),
    )


def unknown_encoding_xlsx(folder: Path) -> Path:
    parts = xlsx_parts(team_rows())
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = b'<?xml version="1.0" encoding="bogus"?>' + sheet
    return write_zip(folder / "encoding.xlsx", parts)


def padded_ods(folder: Path) -> Path:
    """What LibreOffice writes: each row padded with empty cells to column 1,024, and empty
    rows to row 1,048,576 (not refused, and nothing to keep in memory)."""
    padding = '<table:table-cell table:number-columns-repeated="1021"/>'
    header = ods_row(*(ods_cell(text) for text in HEADER), padding)
    person = ods_row(ods_cell("Dana"), ods_cell("sales"), ods_cell("3"), padding)
    rest = ods_row('<table:table-cell table:number-columns-repeated="1024"/>', repeat=1_048_574)
    table = f'<table:table table:name="Answers">{header}{person}{rest}</table:table>'
    return write_zip(folder / "padded.ods", ods_parts(table))


def encrypted_ods(folder: Path) -> Path:
    """What LibreOffice writes for a sheet with a password: a manifest naming the cipher."""
    entry = '<manifest:encryption-data manifest:checksum-type="SHA1" manifest:checksum="x"/>'
    return write_zip(folder / "encrypted.ods", ods_parts(ods_team(), entry))


# --- the tests --------------------------------------------------------------------------


def capped():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def score(path: Path) -> tuple[int, str, str, float]:
    """revops score on a file, under the memory cap: (exit code, stderr, stdout, seconds)."""
    started = time.monotonic()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(BIN / "revops"), "score", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=capped,
    )
    return result.returncode, result.stderr, result.stdout, time.monotonic() - started


def sheet(path: Path, name: str = "Sheet1") -> str:
    return f"{path} (sheet '{name}')"


REFUSED = [
    (
        far_cell_xlsx,
        lambda p: (
            f"{sheet(p)}:1048576: a value in column XFD is past the 1,000 "
            "columns a sheet may use; delete what lies right of the answers"
        ),
    ),
    (
        far_row_xlsx,
        lambda p: (
            f"{sheet(p)}: row 1,048,576 holds a value, but a sheet may use "
            "at most 120,000 rows (a header and one row per person); delete what lies below the "
            "answers, or split the team into several files"
        ),
    ),
    (
        shared_string_bomb_xlsx,
        lambda p: (
            f"{p}: a text in the workbook is longer than 131,072 "
            "characters; answers are short, so shorten or delete it"
        ),
    ),
    (
        shared_string_count_xlsx,
        lambda p: (
            f"{p}: the workbook holds more than 1,000,000 "
            "distinct texts; copy the answers alone into a new workbook, or save them as CSV"
        ),
    ),
    (
        long_cell_xlsx,
        lambda p: (
            f"{sheet(p)}:3: a cell holds more than 131,072 characters; "
            "answers are short, so shorten or delete it"
        ),
    ),
    (
        unpacked_bomb_xlsx,
        lambda p: (
            f"{p}: the workbook unpacks to more than 200 MB; copy the "
            "answers alone into a new workbook, or save them as CSV"
        ),
    ),
    (wide_rows_xlsx, lambda p: f"{sheet(p)}: {TOO_MANY_CELLS}"),
    (
        laughs_xlsx,
        lambda p: f"{p}: {NOT_A_WORKBOOK} (its XML declares a DTD, which spreadsheets never do)",
    ),
    (
        escaping_part_xlsx,
        lambda p: (
            f"{p}: {NOT_A_WORKBOOK} (a part points outside the "
            "workbook: ../../../../../../etc/passwd)"
        ),
    ),
    (
        bad_crc_xlsx,
        lambda p: f"{p}: {NOT_A_WORKBOOK} (Bad CRC-32 for file 'xl/worksheets/sheet1.xml')",
    ),
    (
        bad_crc_unread_part_xlsx,
        lambda p: f"{p}: {NOT_A_WORKBOOK} (Bad CRC-32 for file 'docProps/app.xml')",
    ),
    (
        encrypted_xlsx,
        lambda p: (
            f"{p}: the workbook is password-protected; save a copy "
            "without a password and score that"
        ),
    ),
    (
        long_tag_xlsx,
        lambda p: (
            f"{p}: {NOT_A_WORKBOOK} (xl/worksheets/sheet1.xml holds an "
            "XML tag or comment longer than 1 MB)"
        ),
    ),
    (
        long_comment_xlsx,
        lambda p: (
            f"{p}: {NOT_A_WORKBOOK} (xl/worksheets/sheet1.xml holds "
            "an XML tag or comment longer than 1 MB)"
        ),
    ),
    (deep_xlsx, lambda p: f"{p}: {NOT_A_WORKBOOK} (its XML nests more than 100 levels deep)"),
    (many_parts_xlsx, lambda p: f"{p}: {NOT_A_WORKBOOK} (it holds more than 10,000 parts)"),
    (
        many_sheets_xlsx,
        lambda p: (
            f"{p}: the workbook holds more than 1,000 sheets; copy the "
            "answers alone into a new workbook, or save them as CSV"
        ),
    ),
    (
        bzip2_xlsx,
        lambda p: f"{p}: {NOT_A_WORKBOOK} (_rels/.rels is packed in a way spreadsheets never use)",
    ),
    (repeat_bomb_ods, lambda p: f"{sheet(p, 'Answers')}: {TOO_MANY_CELLS}"),
    (
        repeated_person_ods,
        lambda p: (
            f"{sheet(p, 'Answers')}: row 120,001 holds a value, but "
            "a sheet may use at most 120,000 rows (a header and one row per person); delete what "
            "lies below the answers, or split the team into several files"
        ),
    ),
    (
        billion_rows_ods,
        lambda p: (
            f"{sheet(p, 'Answers')}: row 1,000,000,003 holds a value, "
            "but a sheet may use at most 120,000 rows (a header and one row per person); delete "
            "what lies below the answers, or split the team into several files"
        ),
    ),
    (
        wide_repeat_ods,
        lambda p: (
            f"{sheet(p, 'Answers')}:3: a value in column ALM is past the "
            "1,000 columns a sheet may use; delete what lies right of the answers"
        ),
    ),
    (
        long_space_ods,
        lambda p: (
            f"{sheet(p, 'Answers')}:3: a cell holds more than 131,072 "
            "characters; answers are short, so shorten or delete it"
        ),
    ),
    (
        encrypted_ods,
        lambda p: (
            f"{p}: the workbook is password-protected; save a copy "
            "without a password and score that"
        ),
    ),
    (
        many_spaces_ods,
        lambda p: (
            f"{sheet(p, 'Answers')}:3: a cell holds more than 131,072 "
            "characters; answers are short, so shorten or delete it"
        ),
    ),
    (
        long_text_everywhere_xlsx,
        lambda p: (
            f"{sheet(p)}: the sheet's cells of over 256 "
            "characters hold more than 40,000,000 in all; answers are short, so copy them alone "
            "into a new workbook, or save them as CSV"
        ),
    ),
    (
        unknown_encoding_xlsx,
        lambda p: f"{p}: {NOT_A_WORKBOOK} (xl/worksheets/sheet1.xml: unknown encoding: bogus)",
    ),
]


@pytest.mark.parametrize("build,message", REFUSED, ids=[b.__name__ for b, _ in REFUSED])
def test_a_hostile_spreadsheet_gets_one_message_within_the_limits(tmp_path, build, message):
    path = build(tmp_path)
    code, err, out, seconds = score(path)
    assert "Traceback" not in err
    assert (code, err) == (1, f"{message(path)}\n1 problem found\n")
    assert out == ""
    assert seconds < SECONDS


@pytest.mark.parametrize("build", [claimed_dimension_xlsx, far_empty_cell_xlsx, padded_ods])
def test_what_spreadsheet_programs_pad_a_sheet_with_costs_nothing(tmp_path, build):
    code, err, out, seconds = score(build(tmp_path))
    assert (code, err.count("Traceback")) == (0, 0), err
    assert "1 respondent" in out
    assert seconds < SECONDS


def test_the_elements_a_workbook_may_hold_are_counted(tmp_path, monkeypatch):
    """In this process, with the limit lowered: junk_elements_xlsx at full size takes a few
    seconds to refuse (reported in the note), too long for this suite."""
    from revops.answers import sheet_reading
    from revops.cli.main import main

    monkeypatch.setattr(sheet_reading, "MAX_ELEMENTS", 100_000)
    path = junk_elements_xlsx(tmp_path, 200_000)
    err = io.StringIO()
    with (
        contextlib.chdir(ROOT),
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(err),
    ):
        code = main(["score", str(path)])
    assert (code, err.getvalue()) == (
        1,
        f"{path}: the workbook holds more than 100,000 XML "
        "elements; copy the answers alone into a new workbook, "
        "or save them as CSV\n1 problem found\n",
    )
