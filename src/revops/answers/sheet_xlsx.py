"""An .xlsx or .xlsm workbook: its sheets, shared texts and date formats, then the rows of
one sheet (sheet_cells.py), each part read within sheet_reading's limits."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from revops.answers.sheet_cells import Worksheet
from revops.answers.sheet_reading import (
    MAX_CELL_CHARS,
    MAX_PARTS,
    MAX_SHARED_STRINGS,
    MAX_SHEETS,
    MAX_TEXT_CHARS,
    Grid,
    Handler,
    Labeller,
    Package,
    Row,
    damaged,
    no_sheet,
    refused,
    too_many_sheets,
    unescaped,
    whole_number,
)
from revops.foundation.problems import InvalidInput

OFFICE_DOCUMENT = "/officeDocument"
# Number formats Excel numbers rather than spells out: dates and times, and one duration.
BUILTIN_DATES = {*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)}
BUILTIN_DURATIONS = {46}
MAX_STYLES = 65_536


class _Handler(Handler):
    """A Handler that compares names without their namespace (parts other than sheets)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, str] = {}

    def local(self, name: str) -> str:
        local = self.names.get(name)
        if local is None:
            local = name.rpartition(" ")[2]
            if len(self.names) < 1_000:  # a part names a few dozen kinds of element
                self.names[name] = local
        return local


class _Relationships(_Handler):
    """Id -> (type, target) of a .rels part."""

    def __init__(self, shown: str) -> None:
        super().__init__()
        self.shown = shown
        self.found: dict[str, tuple[str, str]] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if self.local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            self.found[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))
            if len(self.found) > MAX_PARTS:
                raise damaged(self.shown, f"it lists more than {MAX_PARTS:,} relationships")


class _Workbook(_Handler):
    """The sheets' names and relationship ids, and which date system the workbook uses."""

    def __init__(self, shown: str) -> None:
        super().__init__()
        self.shown = shown
        self.sheets: list[tuple[str, str]] = []
        self.date1904 = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        local = self.local(name)
        if local == "sheet":
            ids = [value for key, value in attrs.items() if key.endswith(" id")]
            self.sheets.append((attrs.get("name", ""), ids[0] if ids else ""))
            if len(self.sheets) > MAX_SHEETS:
                raise too_many_sheets(self.shown)
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class _Texts(_Handler):
    """Collects the text of <t> elements (not phonetic guides) up to the cell limit."""

    def __init__(self, too_long: Callable[[], InvalidInput]) -> None:
        super().__init__()
        self.too_long = too_long
        self.text: list[str] = []
        self.length = 0
        self.capture = self.phonetic = False

    def data(self, text: str) -> None:
        if self.capture:
            self.text.append(text)
            self.length += len(text)
            if self.length > MAX_CELL_CHARS:
                raise self.too_long()

    def joined(self) -> str:
        text = "".join(self.text)
        self.text, self.length = [], 0
        return unescaped(text)


class _SharedStrings(_Texts):
    def __init__(self, shown: str) -> None:
        super().__init__(
            lambda: refused(
                shown,
                f"a text in the workbook is longer than "
                f"{MAX_CELL_CHARS:,} characters; answers are short, "
                "so shorten or delete it",
            )
        )
        self.shown = shown
        self.strings: list[str] = []
        self.characters = 0  # held in memory at up to four bytes each, whatever the XML took

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        local = self.local(name)
        if local == "t":
            self.capture = not self.phonetic
        elif local == "rPh":
            self.phonetic = True

    def end(self, name: str) -> None:
        self.ended += 1
        local = self.local(name)
        if local == "t":
            self.capture = False
        elif local == "rPh":
            self.phonetic = False
        elif local == "si":
            self.strings.append(self.joined())
            self.characters += len(self.strings[-1])
            if self.characters > MAX_TEXT_CHARS:
                raise refused(
                    self.shown,
                    f"the workbook's texts hold more than "
                    f"{MAX_TEXT_CHARS:,} characters; copy the answers alone into a "
                    "new workbook, or save them as CSV",
                )
            if len(self.strings) > MAX_SHARED_STRINGS:
                raise refused(
                    self.shown,
                    f"the workbook holds more than "
                    f"{MAX_SHARED_STRINGS:,} distinct texts; copy the answers alone "
                    "into a new workbook, or save them as CSV",
                )


class _Styles(_Handler):
    """Which cell styles show numbers as dates or durations: style index -> kind. Excel
    keeps at most 64,000 styles, with codes of 255 characters: what lies past is ignored."""

    def __init__(self) -> None:
        super().__init__()
        self.formats: dict[str, str] = {}
        self.styles: list[str] = []
        self.in_cell_styles = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        local = self.local(name)
        if local == "numFmt" and len(self.formats) < MAX_STYLES:
            self.formats[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")[:255]
        elif local == "cellXfs":
            self.in_cell_styles = True
        elif local == "xf" and self.in_cell_styles and len(self.styles) < MAX_STYLES:
            self.styles.append(attrs.get("numFmtId", "0"))

    def end(self, name: str) -> None:
        self.ended += 1
        if self.local(name) == "cellXfs":
            self.in_cell_styles = False

    def kinds(self) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for index, format_id in enumerate(self.styles):
            code = self.formats.get(format_id)
            kind = format_kind(code) if code is not None else builtin_kind(format_id)
            if kind:
                kinds[str(index)] = kind
        return kinds


def builtin_kind(format_id: str) -> str | None:
    number = whole_number(format_id)
    return (
        "date" if number in BUILTIN_DATES else ("duration" if number in BUILTIN_DURATIONS else None)
    )


def format_kind(code: str) -> str | None:
    """'date' when a number format shows a date or time, 'duration' for [h]:mm and the like."""
    quoted = escaped = False
    bracket = None
    for char in code:
        if escaped:
            escaped = False
        elif quoted:
            quoted = char != '"'
        elif bracket is not None:
            if char == "]":
                if bracket.lower() in ("h", "hh", "m", "mm", "s", "ss"):
                    return "duration"
                bracket = None
            else:
                bracket += char
        elif char in "\\_*":
            escaped = True
        elif char == '"':
            quoted = True
        elif char == "[":
            bracket = ""
        elif char == ";":
            break  # the first section says how positive numbers look
        elif char in "dmyhsDMYHS":
            return "date"
    return None


def _part(
    package: Package, source: str, relationship: str, found: dict[str, tuple[str, str]]
) -> str | None:
    for kind, target in found.values():
        if kind.endswith(relationship):
            name = package.resolve(source, target)
            return name if name in package else None
    return None


def rels_of(name: str) -> str:
    folder, base = name.rpartition("/")[::2]
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def relationships(package: Package, name: str) -> dict[str, tuple[str, str]]:
    found = _Relationships(package.shown)
    if rels_of(name) in package:
        package.parse(rels_of(name), found)
    return found.found


def workbook_sheets(
    package: Package,
) -> tuple[str, dict[str, tuple[str, str]], list[tuple[str, str]], _Workbook]:
    """(the workbook's relationships part, its relationships, [(sheet name, sheet part)],
    what the workbook says)."""
    root = relationships(package, "")
    book = _part(package, "_rels/.rels", OFFICE_DOCUMENT, root) or "xl/workbook.xml"
    if book not in package:
        raise damaged(package.shown, "it holds no workbook part")
    workbook = _Workbook(package.shown)
    package.parse(book, workbook)
    found = relationships(package, book)
    sheets = [
        (name, package.resolve(rels_of(book), found[rid][1]) if rid in found else "")
        for name, rid in workbook.sheets
    ]
    return rels_of(book), found, sheets, workbook


def read_xlsx(package: Package, sheet: str | None, label_of: Labeller) -> Iterator[str | Row]:
    """A generator: the chosen sheet's label, then its rows (as Grid holds them)."""
    rels, found, sheets, workbook = workbook_sheets(package)
    name, part = choose(package.shown, sheets, sheet)
    grid = Grid(label_of(name))
    yield grid.label
    kinds: dict[str, str] = {}
    if styles := _part(package, rels, "/styles", found):
        styled = _Styles()
        package.parse(styles, styled)
        kinds = styled.kinds()
    strings: list[str] = []
    if shared := _part(package, rels, "/sharedStrings", found):
        texts = _SharedStrings(package.shown)
        package.parse(shared, texts)
        strings = texts.strings
    if part in package:
        for _ in package.stream(
            part, Worksheet(grid, strings, kinds, workbook.date1904), namespaces=False
        ):
            yield from grid.take()
    package.check_rest()


def choose(shown: str, sheets: list[tuple[str, str]], sheet: str | None) -> tuple[str, str]:
    """(name, part) of the sheet asked for, or the first."""
    for found in sheets:
        if sheet in (None, found[0]):
            return found
    raise no_sheet(shown, [name for name, _ in sheets], sheet)
