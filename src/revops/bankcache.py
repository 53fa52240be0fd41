"""The question bank for `revops score`, cached by the exact bytes of the content.

Validating the content needs every typed model, which costs far more than scoring one answer
file. The bank (bank.bank) holds all that scoring needs, so once a content version has been
validated, its bank is kept as JSON under the user's cache folder and read back on the next
run. The key covers every content file's bytes and the revops code itself, so an edit to
either builds it afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import __version__
from .files import MAX_BYTES, read_bytes
from .problems import InvalidInput

KEEP = 16  # cached banks kept per cache folder; older ones are removed


def cache_folder() -> Path:
    if folder := os.environ.get("REVOPS_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "revops"


def content_files(root: Path) -> list[Path]:
    """The YAML files load_playbook reads (answer examples are not content)."""
    files = [*(root / "playbook").rglob("*.y*ml"), *(root / "assessment").rglob("*.y*ml")]
    return sorted(f for f in files if "examples" not in f.relative_to(root).parts)


def _key(root: Path) -> str:
    """Raises InvalidInput or OSError when a content file cannot be read as load_playbook
    reads it (a pipe, a device, too large): load_playbook then says so."""
    digest = hashlib.sha256(__version__.encode())
    code = Path(__file__).parent
    for source in sorted(code.rglob("*.py")):  # an edited model or scorer changes the key
        stat = source.stat()
        digest.update(f"{source.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    for file in content_files(root):
        data = read_bytes(file, str(file), MAX_BYTES)
        digest.update(str(file.relative_to(root)).encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:40]


PACKAGED = "data/bank.json"  # written into the wheel by setup.py from the playbook's content


def fingerprint(bank: dict) -> str:
    """A short hash naming the content a report was scored against."""
    text = json.dumps(bank, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def packaged_bank() -> dict | None:
    """The bank an installed package carries, or None (in a source checkout there is none)."""
    try:
        text = (Path(__file__).parent / PACKAGED).read_text(encoding="utf-8")
    except OSError:
        return None
    return json.loads(text)


def has_content(root: Path) -> bool:
    return (root / "playbook").is_dir() and (root / "assessment").is_dir()


def find_bank(root: Path | None) -> tuple[dict, str]:
    """(bank, where it came from): the project at --root if given, else the project in the
    current folder, else the bank this installation carries."""
    if root is None and not has_content(Path(".")):
        bank = packaged_bank()
        if bank is not None:
            return bank, f"the question bank of revops {__version__}"
        from .problems import Problem

        raise InvalidInput([Problem(".", 0, 0, "no playbook/ and assessment/ folders here, "
                                    "and this copy of revops carries no question bank (a "
                                    "source checkout does not); run from the project root, "
                                    "pass --root DIR, or install revops from a built wheel")])
    folder = Path(".") if root is None else root
    # The folder's name only: a report is shared, and a full path may name the user.
    return load_bank(folder), f"the playbook content in folder '{folder.resolve().name}'"


def load_bank(root: Path) -> dict:
    """The bank of the content under root. Raises InvalidInput if the content is invalid."""
    root = Path(root)
    try:
        key = _key(root)
    except (OSError, InvalidInput):
        key = None  # unreadable content is reported by load_playbook below
    if key is not None:
        try:
            return json.loads((cache_folder() / f"bank-{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    from .bank import bank
    from .content import load_playbook

    data = bank(load_playbook(root))
    if key is not None:
        _store(cache_folder(), f"bank-{key}.json", data)
    return data


def _store(folder: Path, name: str, data: dict) -> None:
    """Best effort: a cache that cannot be written only costs time on the next run."""
    from .output import write_atomically

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / name, json.dumps(data, ensure_ascii=False))
        banks = sorted(folder.glob("bank-*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in banks[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
