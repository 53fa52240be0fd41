"""The question bank for `revops score`, cached by the exact bytes of the content.

Validating the content needs every typed model, which costs far more than scoring one answer
file. The bank (bank.bank) holds all that scoring needs, so once a content version has been
validated, its bank is kept as JSON under the user's cache folder and read back on the next
run. The key covers every content file's bytes and the revops code itself, so an edit to
either builds it afresh.

A cached file is named by that key, by the bank's fingerprint (the SHA-256 a report names
it by, kept so that a run need not compute it) and by a BLAKE2 hash of the two: a file
damaged or edited since it was written no longer matches its name and is built afresh from
the content. The key and the name take BLAKE2 from CPython itself, as hashlib would first
load OpenSSL, 2 to 4 ms of every run.
What is read back (and the bank an installed wheel carries) must also have the bank's shape
(BANK below), so that no file, however made, reaches the scorer malformed. The hash does not
stop someone who edits a bank and renames it to match: so the cache is used only from a
folder, and only in files, that the user alone owns and may write, the trust the user's own
files already have. A shared or foreign folder is left alone and the bank built every run.
"""

from __future__ import annotations

import fnmatch
import json
import math
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from revops.foundation.files import MAX_BYTES, read_bytes
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.version import __version__

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without CPython's own BLAKE2
    from hashlib import blake2b

KEEP = 16  # cached banks kept per cache folder; older ones are removed
BANK_LIMIT = 20_000_000  # bytes of a cached or packaged bank (the playbook's is about 70 kB)
# Written into the wheel by setup.py from the playbook's content
PACKAGE = Path(__file__).resolve().parent.parent  # src/revops, or revops in site-packages
PACKAGED_BANK = PACKAGE / "data" / "bank.json"


def cache_folder() -> Path:
    if folder := os.environ.get("REVOPS_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "revops"


def content_files(root: Path) -> list[Path]:
    """The YAML files load_playbook reads (answer examples are not content)."""
    return [root / name for name in _content_names(root)]


def _content_names(root: Path) -> list[str]:
    """content_files, as paths relative to root."""
    return [
        f"{folder}/{name}"
        for folder in ("assessment", "playbook")
        for name in files_under(root / folder, "*.y*ml", skip="examples")
    ]


def files_under(top: Path, pattern: str, skip: str = "") -> list[str]:
    """The files under top whose names match pattern, as '/'-separated paths relative to it
    in the order sorted(top.rglob(pattern)) gives, leaving out folders named skip. Read
    with os.walk: pathlib's rglob and relative_to took most of the cache key's time."""
    found = []
    for folder, folders, files in os.walk(top):
        if skip in folders:
            folders.remove(skip)
        base = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        found += [prefix + name for name in fnmatch.filter(files, pattern)]
    return sorted(found, key=lambda path: path.split("/"))


def _key(root: Path) -> str:
    """Raises InvalidInput or OSError when a content file cannot be read as load_playbook
    reads it (a pipe, a device, too large): load_playbook then says so."""
    digest = blake2b(__version__.encode(), digest_size=20)
    for name in files_under(PACKAGE, "*.py"):  # an edited model or scorer changes the key
        stat = os.stat(os.path.join(PACKAGE, name))
        digest.update(f"{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    for name in _content_names(root):
        path = os.path.join(root, name)
        digest.update(name.encode() + b"\0" + read_bytes(path, path, MAX_BYTES) + b"\0")
    return digest.hexdigest()


def fingerprint(bank: dict[str, Any]) -> str:
    """A short hash naming the content a report was scored against."""
    import hashlib  # here: a cached bank's is read from its name

    text = json.dumps(bank, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def cache_name(key: str, printed: str, data: bytes) -> str:
    """The name of the cache file holding data, the bank whose fingerprint is printed."""
    digest = blake2b(printed.encode() + b"\n" + data, digest_size=32).hexdigest()
    return f"bank-{key}-{printed}-{digest}.json"


def parse_bank(data: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """(the bank, None), or (None, what is wrong with it)."""
    try:
        bank = json.loads(data)
    except (ValueError, RecursionError):
        return None, "not valid JSON"
    problem = bank_problem(bank)
    return (None, problem) if problem else (bank, None)


def packaged_bank() -> dict[str, Any] | None:
    """The bank an installed package carries, or None (in a source checkout there is none).
    Raises InvalidInput with one message when it is damaged."""
    if not os.path.lexists(PACKAGED_BANK):
        return None
    shown = str(PACKAGED_BANK)
    bank, problem = parse_bank(read_bytes(PACKAGED_BANK, shown, BANK_LIMIT))
    if problem:
        raise InvalidInput(
            [
                Problem(
                    shown,
                    0,
                    0,
                    "the question bank this copy of revops "
                    f"carries is damaged ({problem}); install revops again",
                )
            ]
        )
    return bank


def has_content(root: Path) -> bool:
    return (root / "playbook").is_dir() and (root / "assessment").is_dir()


def find_bank(root: Path | None) -> tuple[dict[str, Any], str, str]:
    """(bank, where it came from, its fingerprint): the project at --root if given, else the
    project in the current folder, else the bank this installation carries."""
    if root is None and not has_content(Path(".")):
        bank = packaged_bank()
        if bank is not None:
            return bank, f"the question bank of revops {__version__}", fingerprint(bank)
        raise InvalidInput(
            [
                Problem(
                    ".",
                    0,
                    0,
                    "no playbook/ and assessment/ folders here, "
                    "and this copy of revops carries no question bank (a "
                    "source checkout does not); run from the project root, "
                    "pass --root DIR, or install revops from a built wheel",
                )
            ]
        )
    folder = Path(".") if root is None else root
    bank, printed = load_bank(folder)
    # The folder's name only: a report is shared, and a full path may name the user.
    return bank, f"the playbook content in folder '{folder.resolve().name}'", printed


def load_bank(root: Path) -> tuple[dict[str, Any], str]:
    """The bank of the content under root and its fingerprint. Raises InvalidInput if the
    content is invalid."""
    root = Path(root)
    try:
        key = _key(root)
    except (OSError, InvalidInput):
        key = None  # unreadable content is reported by load_playbook below
    folder = cache_folder()
    usable = key is not None and _private(folder)
    if usable and key is not None and (cached := _cached(folder, key)) is not None:
        return cached
    from revops.bank.build import bank
    from revops.content.playbook import load_playbook

    data = bank(load_playbook(root))
    printed = fingerprint(data)
    if key is not None and (usable or not folder.exists()):
        _store(folder, key, data, printed)
    return data, printed


def _private(path: Path) -> bool:
    """Whether path is the user's own and no one else may write it (a folder or a file)."""
    try:
        status = path.stat()
    except OSError:
        return False
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def _cached(folder: Path, key: str) -> tuple[dict[str, Any], str] | None:
    """The bank cached for key and its fingerprint, if a file holds them unchanged; any
    other file for the key (edited, damaged, not a file) is removed."""
    try:
        found = list(folder.glob(f"bank-{key}-*.json"))
    except OSError:
        return None
    for path in found:
        try:
            data = read_bytes(path, str(path), BANK_LIMIT) if _private(path) else None
        except InvalidInput:
            data = None
        printed = path.stem.split("-")[-2]
        if data is not None and cache_name(key, printed, data) == path.name:
            bank, _ = parse_bank(data)
            if bank is not None:
                return bank, printed
        try:
            path.unlink()
        except OSError:
            pass
    return None


def _store(folder: Path, key: str, data: dict[str, Any], printed: str) -> None:
    """Best effort: a cache that cannot be written only costs time on the next run."""
    from revops.foundation.output import write_atomically

    text = json.dumps(data, ensure_ascii=False)
    name = cache_name(key, printed, text.encode("utf-8"))
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(folder / name, text)
        (folder / name).chmod(0o600)  # the user's alone, whatever the umask, as _private asks
        banks = sorted(folder.glob("bank-*.json"), key=lambda p: p.lstat().st_mtime_ns)
        for old in banks[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


# -- the shape of a bank ------------------------------------------------------------------
# formats.Bank, checked without pydantic (importing it would double the start-up of a run),
# and the content's own limits on top: what bank.bank builds from valid content and nothing
# else. tests/test_bank_cache.py holds the two together.


class Whole(NamedTuple):
    low: int
    high: int


class Number(NamedTuple):
    above: float
    up_to: float


class Each(NamedTuple):
    """A mapping of text to values of one shape."""

    shape: object


TEXT_OR_NONE = (str, None)
PAGE = {"name?": TEXT_OR_NONE, "title?": TEXT_OR_NONE, "path": str}
QUESTION = {
    "id": str,
    "text": str,
    "help?": TEXT_OR_NONE,
    "weight": Whole(1, 5),
    "evidence?": (Each(str), None),
    "options": Each(str),
    "foundational?": bool,
    "plan?": (
        {
            "process": str,
            "owner": str,
            "owner_name": str,
            "forum": str,
            "forum_name": str,
            "metric": str,
            "metric_name": str,
        },
        None,
    ),
}
RULE = {
    "id": str,
    "title": str,
    "path": str,
    "maturity": Each(str),
    "practices": [PAGE],
    "steps": [PAGE],
    "questions": [QUESTION],
}
GUIDE = {
    "id": str,
    "name": str,
    "path": str,
    "foundations": Each({"until_level": (int, None), "reason": str}),
    "later": Each({"from_level": int, "reason": str}),
    "target_level?": (int, None),
    "target_reason?": TEXT_OR_NONE,
}
SCORING = {
    "min_answered_fraction": Number(0, 1),
    "misaligned_gap": Number(0, math.inf),
    "decimals": Whole(0, 4),
    "evidence_from_level?": Whole(1, 5),
    "unevidenced_cap?": (Whole(1, 5), None),
    "miscalibrated_gap?": Whole(1, 4),
    "inconsistent_from_level?": Whole(2, 5),
    "foundation_at_most?": Whole(1, 4),
}
BANK = {
    "version": int,
    "parameters": SCORING,
    "levels": [{"level": int, "name": str}],
    "rules": [RULE],
    "retired?": Each({"replaced_by": TEXT_OR_NONE, "reason": str, "text?": TEXT_OR_NONE}),
    "overlay?": (
        {"organisation": TEXT_OR_NONE, "set_aside": Each(str), "not_applicable": [str]},
        None,
    ),
    "profiles?": ({"stages": [GUIDE], "motions": [GUIDE]}, None),
    "readings?": Each(
        {
            "name": str,
            "rule": str,
            "higher_is_better": bool,
            "unit": str,
            "levels": Each(Number(-math.inf, math.inf)),
            "basis": str,
        }
    ),
}


def bank_problem(bank: object) -> str | None:
    """Where and how a bank read from a file departs from what scoring needs, or None."""
    if problem := _departure(bank, BANK, "bank"):
        return problem
    assert isinstance(bank, dict)  # as _departure has just found it
    levels = [level["level"] for level in bank["levels"]]
    if len(levels) < 2 or levels != list(range(1, len(levels) + 1)):
        return "levels: not 1, 2, 3... without gaps"
    numbers = set(map(str, levels))
    for i, rule in enumerate(bank["rules"]):
        ladders = [("maturity", rule["maturity"])] + [
            (f"questions[{j}].options", question["options"])
            for j, question in enumerate(rule["questions"])
        ]
        for where, ladder in ladders:
            if ladder.keys() != numbers:
                return f"rules[{i}].{where}: not one entry per level"
        for j, question in enumerate(rule["questions"]):
            if not (question.get("evidence") or {}).keys() <= numbers:
                return f"rules[{i}].questions[{j}].evidence: not level numbers"
    for metric, reading in (bank.get("readings") or {}).items():
        if not reading["levels"].keys() <= numbers:
            return f"readings.{metric}.levels: not level numbers"
    return None


def _departure(value: object, shape: object, where: str) -> str | None:
    """Where value first departs from shape: a type (int and float exclude bool), None, a
    Whole or Number range, a tuple of alternatives, [shape] for a list, Each(shape), or a
    dict of key -> shape (a key ending in ? may be left out; no other key is allowed)."""
    if type(shape) is tuple:  # Whole, Number and Each are tuples of their own kinds
        if value is None and None in shape or type(value) in shape:  # most alternatives
            return None
        found = [_departure(value, option, where) for option in shape]
        return None if None in found else found[0]
    if isinstance(shape, list | Each | dict):
        return _container_departure(value, shape, where)
    if shape is None:
        return None if value is None else f"{where}: not null"
    if isinstance(shape, Whole):
        fits = type(value) is int and shape.low <= value <= shape.high
        return None if fits else f"{where}: not a whole number from {shape.low} to {shape.high}"
    if isinstance(shape, Number):
        fits = (
            (type(value) is int or type(value) is float)
            and math.isfinite(value)
            and shape.above < value <= shape.up_to
        )
        return None if fits else f"{where}: not a number in range"
    names: dict[object, str] = {int: "a whole number", str: "text", bool: "true or false"}
    return None if type(value) is shape else f"{where}: not {names[shape]}"


def _container_departure(
    value: object, shape: list[object] | Each | dict[str, object], where: str
) -> str | None:
    if isinstance(shape, list):
        if type(value) is not list:
            return f"{where}: not a list"
        items = ((i, item, shape[0]) for i, item in enumerate(value))
        return _first_departure(items, lambda i: f"{where}[{i}]")
    if type(value) is not dict:
        return f"{where}: not a mapping"
    if isinstance(shape, Each):
        items = ((key, item, shape.shape) for key, item in value.items())
    else:
        keys = {key.rstrip("?"): key for key in shape}
        missing = [key for key in shape if not key.endswith("?") and key not in value]
        extra = [key for key in value if key not in keys]
        if missing or extra:
            return f"{where}.{(missing or extra)[0]}: {'missing' if missing else 'unexpected'}"
        items = ((key, item, shape[keys[key]]) for key, item in value.items())
    return _first_departure(items, lambda key: f"{where}.{key}")


def _first_departure(
    items: Iterable[tuple[object, object, object]], place: Callable[[object], str]
) -> str | None:
    """The first departure of (key, value, shape) items, each placed by place(key): a value
    of a plain type its shape names passes at once, as most of a bank's values do, and no
    place is written for it."""
    for key, item, part in items:
        if type(item) is part:  # text, a whole number, true or false, as asked
            continue
        if problem := _departure(item, part, place(key)):
            return problem
    return None
