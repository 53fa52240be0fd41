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
(bank/shape.py), so that no file, however made, reaches the scorer malformed. The hash does not
stop someone who edits a bank and renames it to match: so the cache is used only from a
folder, and only in files, that the user alone owns and may write, the trust the user's own
files already have. A shared or foreign folder is left alone and the bank built every run.
"""

from __future__ import annotations

import fnmatch
import json
import os
from pathlib import Path
from typing import Any

from revops.bank.shape import bank_problem
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
