"""Reading an input file's text with one clear problem for each way it can fail.

Every input (content, answer files, CSV and spreadsheets, overlays, earlier reports) is read
here. Only regular files are read, and a limit counts the bytes actually read: the size a file
system reports is a claim (a device such as /dev/zero reports 0 and never ends), and opening a
pipe with no writer would wait for ever.

Kept apart from the YAML loader so that reading a CSV file does not import PyYAML.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from revops.foundation.problems import InvalidInput, Problem

MAX_BYTES = 1_000_000  # a content, YAML or JSON answer file, or a report
NOT_REGULAR = "is not a regular file (a device, pipe or socket); give the path of a saved file"
# Never wait on a pipe (a FIFO made in place of the file after the check, say)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def too_large(path: str, limit: int) -> Problem:
    size = f"{limit // 1_000_000} MB" if limit >= 10_000_000 else f"{limit // 1000} kB"
    return Problem(
        path, 1, 1, f"file is larger than {size}; split it or remove what does not belong"
    )


def _refuse_odd(mode: int, shown_as: str) -> None:
    if stat.S_ISDIR(mode):
        raise InvalidInput([Problem(shown_as, 0, 0, "is a folder, not a file")])
    if not stat.S_ISREG(mode):
        raise InvalidInput([Problem(shown_as, 0, 0, NOT_REGULAR)])


def _read_up_to(stream: BinaryIO, most: int, size: int) -> bytes:
    """At most `most` bytes of the stream. The size the file claims only sizes the first
    read (reading `most` at once allocates that much, 20 MB for a CSV file); what is read
    is counted, so a file that grows is read on to the limit."""
    data = stream.read(min(size + 1, most))
    if len(data) <= size or len(data) == most:
        return data
    return data + stream.read(most - len(data))


def read_bytes(file: Path | str, shown_as: str, limit: int) -> bytes:
    """At most `limit` bytes of a regular file. Raises InvalidInput with one clear problem
    if it is missing, a folder, a device, pipe or socket, unreadable, or longer."""
    try:
        _refuse_odd(os.stat(file).st_mode, shown_as)  # before opening: that may block
        with open(os.open(file, _OPEN_FLAGS), "rb") as stream:
            status = os.fstat(stream.fileno())
            _refuse_odd(status.st_mode, shown_as)  # what was opened
            data = _read_up_to(stream, limit + 1, status.st_size)
    except FileNotFoundError:
        raise InvalidInput([Problem(shown_as, 0, 0, "file not found")]) from None
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket, or a pipe opened for writing
            raise InvalidInput([Problem(shown_as, 0, 0, NOT_REGULAR)]) from None
        raise InvalidInput(
            [Problem(shown_as, 0, 0, f"cannot read file: {error.strerror}")]
        ) from None
    if len(data) > limit:
        raise InvalidInput([too_large(shown_as, limit)])
    return data


def read_text(file: Path, shown_as: str, limit: int = MAX_BYTES) -> str:
    """A file's text (UTF-8, byte-order mark dropped), read as read_bytes reads it."""
    data = read_bytes(file, shown_as, limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput([Problem(shown_as, 1, 1, "file is not UTF-8 text")]) from None
    # line ends as a text-mode read gives them, which the YAML and JSON readers got before
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
