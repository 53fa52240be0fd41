"""Write output files whole or not at all, only where a new or ordinary file may go, and
never over an input; print to standard output with one clear failure."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

NOT_ORDINARY = {
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
}


class UnsafeTarget(OSError):
    """An output path that must not be written; the message says why and what to do.
    An OSError, so that callers which treat a failed write as best effort do so here too."""


def check_target(path: str | os.PathLike, inputs: Iterable[os.PathLike] = ()) -> Path:
    """The path to write if a file may go there: a new file in an existing, writable folder,
    or an existing ordinary file that is writable and none of the inputs (compared by
    identity, so hard links, symbolic links and other spellings count). Raises UnsafeTarget.
    Checks the raw text too: Path('name/') forgets the slash and would name the file 'name'."""
    shown = os.fspath(path)
    if os.path.basename(shown) in ("", ".", ".."):
        raise UnsafeTarget(
            f"cannot write {shown}: it names a folder, not a file; give a "
            "file name, e.g. report.html"
        )
    target = Path(shown)
    same = _same_as_input(target, inputs)
    if same is not None:
        raise UnsafeTarget(
            f"cannot write {shown}: it is the input file {same}, which the "
            "report would overwrite; choose another name"
        )
    folder = target.parent
    if not folder.is_dir():
        why = (
            f"{folder} is not a folder"
            if os.path.lexists(folder)
            else f"folder {folder} does not exist"
        )
        raise UnsafeTarget(f"cannot write {shown}: {why}")
    try:
        status = target.lstat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise UnsafeTarget(f"cannot write {shown}: {error.strerror}") from None
    if status is not None:
        _check_existing(shown, status)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UnsafeTarget(
            f"cannot write {shown}: permission denied (folder {folder} is "
            "read-only); choose another folder"
        )
    return target


def _check_existing(shown: str, status: os.stat_result) -> None:
    """Only an ordinary, writable file may be replaced: the rename would otherwise put a
    report in place of a device or pipe, or defeat a read-only file's protection."""
    kind = stat.S_IFMT(status.st_mode)
    if kind == stat.S_IFLNK:
        raise UnsafeTarget(
            f"cannot write {shown}: it is a symbolic link, and revops neither "
            "writes through a link nor replaces it; give the path of the file "
            "itself, or remove the link"
        )
    if kind == stat.S_IFDIR:
        raise UnsafeTarget(
            f"cannot write {shown}: it is a folder; give a file name in it, "
            f"e.g. {os.path.join(shown, 'report.html')}"
        )
    if kind != stat.S_IFREG:
        raise UnsafeTarget(
            f"cannot write {shown}: it is {NOT_ORDINARY.get(kind, 'not a file')}"
            ", not an ordinary file; give the name of a new or ordinary file"
        )
    # The mode bits too: the superuser passes os.access, but a file nobody may write stays so
    if not status.st_mode & 0o222 or not os.access(shown, os.W_OK):
        raise UnsafeTarget(
            f"cannot write {shown}: permission denied (the file is "
            "read-only); make it writable or choose another name"
        )


def _same_as_input(target: Path, inputs: Iterable[os.PathLike]) -> str | None:
    """The input (as the user wrote it) that target is, by device and inode or, for a
    file that does not exist yet, by resolved path; None if it is none of them."""
    here = _identity(target)
    resolved = os.path.realpath(target)
    for given in inputs:
        if (here is not None and _identity(Path(given)) == here) or os.path.realpath(
            given
        ) == resolved:
            return os.fspath(given)
    return None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()  # follows a symbolic link to what it names
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new one gets what the user's umask allows, as if
    opened normally (mkstemp alone would make it private, 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _keep_owner(handle: int, path: Path) -> None:
    """The superuser replacing a user's file gives it back to that user (best effort)."""
    try:
        status = path.stat()
        if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            os.fchown(handle, status.st_uid, status.st_gid)
    except (OSError, AttributeError):  # a new file, a user who may not chown, or Windows
        pass


# How tempfile.mkstemp opens its file: new, never through a symbolic link, and not translating
# line ends on Windows
NEW_FILE = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)


def _new_file_beside(path: Path) -> tuple[int, str]:
    """A new file under an unguessable name beside path that only its owner may read, as
    tempfile.mkstemp makes one: tempfile is not imported, as it brings random and shutil,
    about a fiftieth of the time `revops score` takes for a large team."""
    temporary = str(path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp")
    return os.open(temporary, NEW_FILE, 0o600), temporary


def write_atomically(path: Path, text: str, inputs: Iterable[os.PathLike] = ()) -> None:
    """Write to a temporary file beside the target, then rename it over the target. Checks
    the target (check_target) before starting and again just before the rename."""
    inputs = list(inputs)
    check_target(path, inputs)
    mode = _mode_for(path)
    handle, temporary = _new_file_beside(path)
    try:
        os.fchmod(handle, mode)
        _keep_owner(handle, path)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        check_target(path, inputs)  # something may have taken its place while writing
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_stdout(text: str, what: str) -> bool:
    """Print text and flush it; on a failure such as a full disk, say so once on standard
    error (what: 'the report') and return False. Standard output then points at the null
    device, as Python's documentation advises, so that the flush at exit does not fail again.
    A closed pipe (`| head`) is raised as BrokenPipeError for the caller to end quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
        return True
    except OSError as error:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError):  # a stream without a file, as in tests
            pass
        if isinstance(error, BrokenPipeError):
            raise
        print(
            f"revops: error: cannot write {what} to standard output: {error.strerror or error}",
            file=sys.stderr,
        )
        return False
