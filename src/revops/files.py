"""Reading an input file's text with one clear problem for each way it can fail.

Kept apart from the YAML loader so that reading a CSV file does not import PyYAML.
"""

from __future__ import annotations

from pathlib import Path

from .problems import InvalidInput, Problem

MAX_BYTES = 1_000_000  # a content, YAML or JSON answer file, or a report


def too_large(path: str, limit: int) -> Problem:
    size = f"{limit // 1_000_000} MB" if limit >= 10_000_000 else f"{limit // 1000} kB"
    return Problem(path, 1, 1, f"file is larger than {size}; split it or remove what does "
                   "not belong")


def read_text(file: Path, shown_as: str, limit: int = MAX_BYTES) -> str:
    """A file's text (UTF-8, byte-order mark dropped). Raises InvalidInput with one clear
    problem if it is missing, a folder, too large or not text."""
    try:
        if file.is_dir():
            raise InvalidInput([Problem(shown_as, 0, 0, "is a folder, not a file")])
        if file.stat().st_size > limit:
            raise InvalidInput([too_large(shown_as, limit)])
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput([Problem(shown_as, 0, 0, "file not found")]) from None
    except UnicodeDecodeError:
        raise InvalidInput([Problem(shown_as, 1, 1, "file is not UTF-8 text")]) from None
    except OSError as error:
        raise InvalidInput([Problem(shown_as, 0, 0, f"cannot read file: {error.strerror}")]
                           ) from None


def read_bytes(file: Path, shown_as: str, limit: int) -> bytes:
    """A file's bytes, with the same messages as read_text for a missing, large or odd file."""
    try:
        if file.is_dir():
            raise InvalidInput([Problem(shown_as, 0, 0, "is a folder, not a file")])
        if file.stat().st_size > limit:
            raise InvalidInput([too_large(shown_as, limit)])
        return file.read_bytes()
    except FileNotFoundError:
        raise InvalidInput([Problem(shown_as, 0, 0, "file not found")]) from None
    except OSError as error:
        raise InvalidInput([Problem(shown_as, 0, 0, f"cannot read file: {error.strerror}")]
                           ) from None
