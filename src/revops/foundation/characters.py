"""The characters no input may hold, defined once for every reader and every output.

Readers refuse them with one located message; renderers show any that reach them (from an
option, say) as a visible escape. docs/assets/answer-yaml-types.js holds the page's copy of
REFUSED_CLASS, and tests/cases/reading-*.json hold the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from revops.foundation.problems import Problem

# C0 controls but tab, LF and CR; DEL; C1 controls (U+009B is the 8-bit CSI that starts a
# terminal escape sequence); and the bidi embedding, override and isolate controls, which
# make text show in another order than the one it is read in (U+202E reverses it).
REFUSED_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
REFUSED = re.compile(f"[{REFUSED_CLASS}]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The ASCII characters REFUSED lets through: deleting them from ASCII text leaves the refused
_ASCII_ALLOWED = bytes(code for code in range(128) if not REFUSED.match(chr(code)))


def character_name(character: str) -> str:
    """How a message names a character: "control character U+009B"."""
    code = f"U+{ord(character):04X}"
    if _BIDI.match(character):
        return f"text-direction control character {code}"
    return f"control character {code}" if ord(character) <= 0x9F else f"non-character {code}"


def refused_problem(path: str, line: int, column: int, character: str, count: int = 1) -> Problem:
    more = f" ({count} found; this is the first)" if count > 1 else ""
    return Problem(
        path,
        line,
        column,
        f"{character_name(character)} is not allowed{more}; "
        "delete it (most editors do not show it)",
    )


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of text[index], lines ending at CR, LF or CRLF. Counted,
    not matched: a match object per line of a 20 MB file would take gigabytes."""
    line = (
        text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    )
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return line, index - start + 1


def refused_in(text: str, path: str, pattern: re.Pattern = REFUSED) -> Problem | None:
    """One problem for the refused characters in a file's text, placed at the first."""
    if pattern is REFUSED and text.isascii():  # most files: their bytes sifted in C, faster
        if not text.encode("ascii").translate(None, _ASCII_ALLOWED):
            return None
    first = pattern.search(text)
    if first is None:
        return None
    count = pattern.subn("", text[first.start() :])[1]  # in C: a file full of them is quick
    return refused_problem(path, *position(text, first.start()), first.group(), count)


def shown(text: str) -> str:
    """Text with every refused character written as a visible escape such as \\u009b."""
    if text.isascii() and not text.encode("ascii").translate(None, _ASCII_ALLOWED):
        return text  # most text, a large report's included: sifted in C, as refused_in does
    return REFUSED.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def one_line(text: str) -> str:
    """Text as a report shows a value: refused characters escaped, then line breaks and runs
    of space made one space, so that no value starts a line of its own."""
    return " ".join(shown(text).split())


def map_strings(data, change: Callable[[object, str], object], key: object = None):
    """A copy of nested dicts and lists with every string value changed by
    change(key it is under, text); keys and other values stay."""
    if isinstance(data, str):
        return change(key, data)
    if isinstance(data, dict):
        return {name: map_strings(value, change, name) for name, value in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(map_strings(value, change, key) for value in data)
    return data
