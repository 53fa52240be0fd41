"""Answer values and dates as files give them: the rules every reader applies.

Kept free of pydantic, so that reading a large CSV does not pay for the typed models.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple, TypedDict

NOT_APPLICABLE, UNKNOWN = "n/a", "unknown"
Value = int | str | None  # 1..5, "n/a", "unknown", or None for unanswered
VALUE_HINT = "use 1 to 5, n/a, unknown, or leave it empty"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BLANK = ("", "~", "null")
# Every text spelling parse_value accepts, for editors that check a file against the schema.
VALUE_TEXT = r"^\s*(|~|[Nn][Uu][Ll][Ll]|[1-5]|[Nn]/[Aa]|[Uu][Nn][Kk][Nn][Oo][Ww][Nn])\s*$"


def parse_value(raw: object) -> Value:
    """An answer as given in a file. Raises ValueError with the reason if it is not one."""
    if raw is None:
        return None
    if isinstance(raw, bool) or isinstance(raw, float):
        raise ValueError(f"{raw!r} is not an answer")
    if isinstance(raw, int):
        if 1 <= raw <= 5:
            return raw
        raise ValueError(f"{raw} is out of range")
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in _BLANK:
            return None
        if text in (NOT_APPLICABLE, UNKNOWN):
            return text
        if text in ("1", "2", "3", "4", "5"):
            return int(text)
        if text.isascii() and text.isdigit() and not 1 <= int(text) <= 5:
            raise ValueError(f"{int(text)} is out of range")
        raise ValueError(f"'{raw[:40]}' is not an answer")
    raise ValueError(f"a {type(raw).__name__} is not an answer")


def parse_target(raw: object) -> int | None:
    """A rule's target as an answer file gives it: a level from 1 to 5, or null for none.
    Raises ValueError with the reason."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 5:
        shown = f"'{raw[:40]}'" if isinstance(raw, str) else repr(raw)[:40]
        raise ValueError(f"a target is a level from 1 to 5, not {shown}")
    return raw


def parse_date(raw: object) -> dt.date:
    """A date written as YYYY-MM-DD (YAML may already have made it a date)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str) and ISO_DATE.match(raw.strip()):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    shown = f"'{raw[:40]}'" if isinstance(raw, str) else repr(raw)
    raise ValueError(f"bad date {shown}; write it as YYYY-MM-DD, e.g. 2026-03-31")


def team_name(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("'team' is required: the team's name, as text")
    return raw.strip()


class RetiredEntry(TypedDict):
    """A retired question, as the bank holds it (bank.model.BankRetired dumped)."""

    replaced_by: str | None
    reason: str
    text: str | None  # its wording when retired; absent from banks written before it


def retired_message(question_id: str, entry: RetiredEntry) -> str:
    """What an answer file that still names a retired question is told."""
    instead = (
        f"; answer '{entry['replaced_by']}' instead"
        if entry.get("replaced_by")
        else "; leave it out"
    )
    return f"question '{question_id}' was retired: {entry['reason']}{instead}"


EVIDENCE_KEYS = ("level", "evidence", "owner", "checked")


class Evidence(NamedTuple):
    """What backs one answer: a link or a note, who keeps it, and when it was last checked."""

    text: str | None = None
    owner: str | None = None
    checked: dt.date | None = None


def parse_answer(raw: object) -> tuple[Value, Evidence | None]:
    """An answer as an answer file gives it: a bare value, or a mapping with `level` and
    optionally `evidence`, `owner` and `checked`. Raises ValueError with the reason."""
    if not isinstance(raw, dict):
        return parse_value(raw), None
    unknown = [str(key) for key in raw if key not in EVIDENCE_KEYS]
    if unknown:
        raise ValueError(
            f"unknown key '{unknown[0][:40]}' in the answer; allowed keys: "
            f"{', '.join(EVIDENCE_KEYS)}"
        )
    if "level" not in raw:
        raise ValueError(
            "an answer written as a mapping needs 'level' (1 to 5, n/a or "
            "unknown) beside its evidence"
        )
    texts = {}
    for key in ("evidence", "owner"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'{key}' must be text")
        texts[key] = value.strip() if value and value.strip() else None
    checked = raw.get("checked")
    checked = parse_date(checked) if checked not in (None, "") else None
    return parse_value(raw["level"]), Evidence(texts["evidence"], texts["owner"], checked)
