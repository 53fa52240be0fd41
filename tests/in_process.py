"""`revops ARGS` run inside the test process, for `make check` (pytest --cli-in-process).

A `revops` subprocess pays for Python's start-up and the library's imports, about 0.2 s of CPU
each; the same command run here costs a tenth of that once the first has imported the library.
The runner gives a test what the subprocess would: the exit code, and standard output and
error as text, written through UTF-8 streams with Python's own error handlers and read back
with the newline translation `subprocess.run(text=True)` does. It runs in the test's folder
and environment; an exception the command lets out is printed as a traceback with exit code
1, as the interpreter would. `make test` keeps the real subprocess for every test.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

# What a subprocess whose output is a pipe sees: argparse wraps help at the fallback width.
TERMINAL_FALLBACK = {"COLUMNS": "80", "LINES": "24"}
# After `default::DeprecationWarning:__main__`, Python's other default filters (anything else
# is shown once per place).
IGNORED_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


def run_in_process(
    command: str, args: list[str], cwd: Path, env: Mapping[str, str], text: bool = True
) -> subprocess.CompletedProcess:
    """As subprocess.run([command, *args], capture_output=True, text=text, ...) returns it."""
    from revops.cli.main import main

    out, err = _stream("strict"), _stream("backslashreplace")
    with (
        _environment(env),
        contextlib.chdir(cwd),
        _redirected(out, err, [command, *args]),
        _fresh_warnings(),
    ):
        code = _exit_code(main, args)
    read = _text if text else _bytes
    return subprocess.CompletedProcess([command, *args], code, read(out), read(err))


def _exit_code(main, args: list[str]) -> int:
    try:
        code = main(args)
    except SystemExit as stop:  # argparse's usage errors, --help and --version
        code = stop.code
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message") prints it and exits 1
    return 1


def _stream(errors: str) -> io.TextIOWrapper:
    """An output stream as Python opens stdout (errors="strict") or stderr on UTF-8."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, newline="\n")


def _bytes(stream: io.TextIOWrapper) -> bytes:
    with contextlib.suppress(Exception):
        stream.flush()
    return stream.buffer.getvalue()  # type: ignore[attr-defined]


def _text(stream: io.TextIOWrapper) -> str:
    return _bytes(stream).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@contextlib.contextmanager
def _redirected(out: io.TextIOWrapper, err: io.TextIOWrapper, argv: list[str]) -> Iterator[None]:
    saved = sys.stdout, sys.stderr, sys.argv
    sys.stdout, sys.stderr, sys.argv = out, err, argv
    try:
        yield
    finally:
        sys.stdout, sys.stderr, sys.argv = saved


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update({**TERMINAL_FALLBACK, **env})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _fresh_warnings() -> Iterator[None]:
    """Python's warning filters as a new interpreter has them, printed to our stderr (pytest
    would otherwise collect them)."""
    with warnings.catch_warnings():
        warnings.resetwarnings()
        warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
        for category in IGNORED_WARNINGS:
            warnings.simplefilter("ignore", category, append=True)
        warnings.showwarning = _show_warning
        yield


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))
