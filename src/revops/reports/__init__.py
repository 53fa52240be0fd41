"""The report: built through its model (build.py, model.py) and written in each format.

Kept light to import: the command line reads FORMATS and DEFAULT_SITE_URL before it parses its
arguments."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, cycle
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from revops.reports.model import Report

SCHEMA_VERSION = 3
FORMATS = ("terminal", "markdown", "html", "json")
PLAN_FORMATS = ("terminal", "markdown", "html", "json", "csv")  # what `revops plan` writes
DEFAULT_SITE_URL = "https://revops-playbook.github.io/revops-playbook/"
# Characters that would end a link early in the Markdown or HTML report
URL_BREAKERS = set(" <>\"'`()\\")


def site_url_problem(text: str) -> str | None:
    """Why an address cannot be the base of the report's links, or None: it must be an
    absolute http(s) address, as anything else (javascript:, a file path) would become a link
    in every report."""
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or URL_BREAKERS.intersection(text)
        or not text.isprintable()
    ):
        return (
            f"'{text[:80]}' is not an absolute http:// or https:// address without spaces, "
            "query or fragment; use e.g. https://example.com/playbook/"
        )
    return None


def to_json(report: Report | dict[str, Any]) -> str:
    """One line per field and per list item: readable in a diff, and written by the C encoder
    (an indented dump runs in Python, which took longer than scoring for a large team)."""
    from revops.foundation.characters import shown

    data = report if isinstance(report, dict) else report.dump()
    dump = _encoder()
    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            fields.append(f"  {dump(key)}: [\n    {_items(value, dump)}\n  ]")
        else:
            fields.append(f"  {dump(key)}: {dump(value)}")
    # A refused character (a file name's ESC, say) as its JSON escape: the same text to a
    # JSON reader, and nothing a terminal would act on. The encoder escapes every control
    # character below space, so ASCII text can hold only DEL, found by one scan in C.
    text = "{\n" + ",\n".join(fields) + "\n}\n"
    return text if text.isascii() and "\x7f" not in text else shown(text)


ITEM_BREAK = "}, {"  # between two objects of a list the encoder writes on one line


def _items(items: list[Any], dump: Callable[[Any], str]) -> str:
    """The items of a list, each dumped as dump(item) would, one to a line. A list of
    objects (a large team's respondents) is dumped in one call and broken between them: the
    break is found as often as there are objects less one only when no text or nested list
    holds it, and otherwise each item is dumped alone."""
    if set(map(type, items)) == {dict}:
        if (rows := _text_rows(items, dump)) is not None:
            return rows
        text = dump(items)[1:-1]
        if text.count(ITEM_BREAK) == len(items) - 1:
            return text.replace(ITEM_BREAK, "},\n    {")
    return ",\n    ".join(map(dump, items))


def _text_rows(items: list[dict[Any, Any]], dump: Callable[[Any], str]) -> str | None:
    """_items of objects that have the same text keys in the same order and only text or
    null in them (a large team's respondents), written a value at a time with each text
    escaped in C, where the encoder walks every object; None for any other list."""
    from json import encoder

    keys = list(items[0])
    if not keys or any(type(key) is not str for key in keys):
        return None
    if not all(map(keys.__eq__, map(list, items))):
        return None
    values = list(chain.from_iterable(map(dict.values, items)))
    kinds = set(map(type, values))
    if not kinds <= {str, type(None)}:
        return None
    escape = encoder.encode_basestring
    texts = (
        map(escape, values)
        if kinds == {str}
        else ["null" if v is None else escape(v) for v in values]
    )
    opening = "},\n    {"  # each object's: closes the one before
    heads = [f"{opening}{dump(keys[0])}: ", *(f", {dump(key)}: " for key in keys[1:])]
    return "".join(chain.from_iterable(zip(cycle(heads), texts)))[len(opening) - 1 :] + "}"


def _encoder() -> Callable[[Any], str]:
    """json.JSONEncoder(ensure_ascii=False).encode, with the C encoder it runs made once:
    encode makes it anew on every call, which cost twice the encoding itself for the
    respondent list of a large team."""
    import json
    from json import encoder

    plain = json.JSONEncoder(ensure_ascii=False)
    make = getattr(encoder, "c_make_encoder", None)  # what JSONEncoder.iterencode calls
    if make is None:  # a Python built without the _json accelerator
        return plain.encode
    chunks = make(
        None,  # markers, for check_circular: a report's dump is made afresh as a tree (a
        # hand-made dump with a cycle ends in RecursionError, not json's ValueError)
        plain.default,
        encoder.encode_basestring,
        None,  # indent
        plain.key_separator,
        plain.item_separator,
        False,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )
    return lambda value: "".join(chunks(value, 0))


def render(report: Report | dict[str, Any], fmt: str) -> str:
    """The report in one of FORMATS. Each renderer reads the report's dump (Report.dump), so
    a dump given here, as the safety tests give hand-altered ones, renders alike."""
    data = report if isinstance(report, dict) else report.dump()
    if fmt == "json":
        return to_json(data)
    if fmt == "terminal":
        from revops.reports.terminal import render_terminal

        return render_terminal(data)
    from revops.reports.documents import render_document

    return render_document(data, fmt)
