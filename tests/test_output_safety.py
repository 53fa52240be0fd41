"""Where reports go: `--output` writes only a new file or over an ordinary one, never over an
input (however spelled or linked), a device, a pipe, a socket, a folder or through a link, and
a read-only file keeps its protection; each refusal is one message, exit 2, nothing changed.
A full standard output is one message and exit 1, never a traceback.

Each hostile setup is built by a plain function of a folder, so the fuzz suite can reuse it.
Devices and pipes are private ones in tmp_path: a FIFO made here, and a link to /dev/null
that must be refused without touching /dev/null."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from revops.cli.main import main

from .conftest import BIN, ROOT

EXAMPLES = ROOT / "assessment" / "examples"
OVERLAY = ROOT / "overlays" / "example.yaml"
REFUSED = "revops: error: cannot write "


def run(cwd: Path, *args: str, root: Path = ROOT) -> tuple[int, str, str]:
    """`revops ARGS --root ROOT` in this process, run from cwd."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([*args, "--root", str(root)])
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code
    assert "Traceback" not in err.getvalue() + out.getvalue()
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under folder, by kind and content (a link by where it points), so a test
    sees any file written, replaced or left behind, temporary ones included."""
    found = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            found[str(path)] = (stat.S_IFLNK, os.readlink(path))
        elif stat.S_ISREG(mode):
            found[str(path)] = (stat.S_IFREG, path.read_bytes())
        else:
            found[str(path)] = (stat.S_IFMT(mode), b"")
    return found


def assert_refused(folder: Path, args: list[str], reason: str) -> None:
    """score ARGS from folder: exit 2, one line naming the reason, nothing changed."""
    before = snapshot(folder)
    code, out, err = run(folder, "score", *args)
    assert code == 2, err
    assert err.startswith(REFUSED) and err.count("\n") == 1, err
    assert reason in err, err
    assert out == ""
    assert snapshot(folder) == before


# Inputs that an --output could name. Each builder puts its input into folder and returns
# (the score arguments, the input a report must not replace), as paths relative to folder.


def answers_yaml_input(folder: Path) -> tuple[list[str], str]:
    shutil.copy(EXAMPLES / "single-leader.yaml", folder / "answers.yaml")
    return ["answers.yaml"], "answers.yaml"


def answers_csv_input(folder: Path) -> tuple[list[str], str]:
    shutil.copy(EXAMPLES / "leadership-team-2026-q2.csv", folder / "team.csv")
    return ["team.csv"], "team.csv"


def previous_input(folder: Path) -> tuple[list[str], str]:
    shutil.copy(EXAMPLES / "leadership-team-2026-q1.csv", folder / "q1.csv")
    return [str(EXAMPLES / "leadership-team-2026-q2.csv"), "--previous", "q1.csv"], "q1.csv"


def overlay_input(folder: Path) -> tuple[list[str], str]:
    shutil.copy(OVERLAY, folder / "overlay.yaml")
    return [str(EXAMPLES / "single-leader.yaml"), "--overlay", "overlay.yaml"], "overlay.yaml"


INPUTS: dict[str, Callable[[Path], tuple[list[str], str]]] = {
    "answers-yaml": answers_yaml_input,
    "answers-csv": answers_csv_input,
    "previous": previous_input,
    "overlay": overlay_input,
}


# Ways to name an input as --output. Each takes the folder and the input's name there and
# returns the --output text, making a link beside it when the spelling needs one.


def same_name(folder: Path, name: str) -> str:
    return name


def dot_slash(folder: Path, name: str) -> str:
    return f"./{name}"


def through_parent(folder: Path, name: str) -> str:
    return f"../{folder.name}/{name}"


def hard_link(folder: Path, name: str) -> str:
    os.link(folder / name, folder / "hard-link")
    return "hard-link"


def symbolic_link(folder: Path, name: str) -> str:
    (folder / "soft-link").symlink_to(name)
    return "soft-link"


SPELLINGS: dict[str, Callable[[Path, str], str]] = {
    "same": same_name,
    "dot-slash": dot_slash,
    "through-parent": through_parent,
    "hard-link": hard_link,
    "symbolic-link": symbolic_link,
}


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("kind", INPUTS)
def test_output_over_an_input_is_refused(tmp_path, kind, spelling):
    folder = tmp_path / "work"
    folder.mkdir()
    args, name = INPUTS[kind](folder)
    output = SPELLINGS[spelling](folder, name)
    assert_refused(folder, [*args, "--output", output], f"it is the input file {name}")


def content_copy(folder: Path) -> Path:
    """A private copy of the playbook's content, to score against with --root."""
    for part in ("playbook", "assessment"):
        shutil.copytree(ROOT / part, folder / part)
    return folder


def test_output_over_a_content_file_is_refused(tmp_path):
    content = content_copy(tmp_path / "content")
    scoring = content / "assessment" / "scoring.yaml"
    before = scoring.read_bytes()
    code, _, err = run(
        tmp_path,
        "score",
        str(EXAMPLES / "single-leader.yaml"),
        "--output",
        str(scoring),
        root=content,
    )
    assert code == 2 and err.startswith(REFUSED) and "it is the input file" in err, err
    assert scoring.read_bytes() == before


# Places that are not an ordinary file. Each builder makes one in folder and returns the
# --output text.


def fifo_target(folder: Path) -> str:
    os.mkfifo(folder / "pipe")
    return "pipe"


def socket_target(folder: Path) -> str:
    with contextlib.chdir(folder), socket.socket(socket.AF_UNIX) as listener:
        listener.bind("sock")  # a relative name: tmp_path may be longer than a socket allows
    return "sock"


def link_to_null_device(folder: Path) -> str:
    """A link to /dev/null: writing through it or replacing it are both wrong."""
    (folder / "null").symlink_to(os.devnull)
    return "null"


def link_to_ordinary_file(folder: Path) -> str:
    (folder / "elsewhere.html").write_text("kept", encoding="utf-8")
    (folder / "report.html").symlink_to("elsewhere.html")
    return "report.html"


def folder_target(folder: Path) -> str:
    (folder / "reports").mkdir()
    return "reports"


def read_only_file(folder: Path) -> str:
    path = folder / "signed-off.html"
    path.write_text("the version the board approved", encoding="utf-8")
    path.chmod(0o444)
    return "signed-off.html"


TARGETS: dict[str, tuple[Callable[[Path], str], str]] = {
    "fifo": (fifo_target, "it is a named pipe (FIFO), not an ordinary file"),
    "socket": (socket_target, "it is a socket, not an ordinary file"),
    "link-to-dev-null": (link_to_null_device, "it is a symbolic link"),
    "link-to-a-file": (link_to_ordinary_file, "it is a symbolic link"),
    "folder": (folder_target, "it is a folder; give a file name in it"),
    "read-only": (read_only_file, "permission denied (the file is read-only)"),
    "trailing-slash": (lambda folder: "report/", "it names a folder, not a file"),
    "trailing-dot": (lambda folder: "report/.", "it names a folder, not a file"),
    "inside-a-file": (lambda folder: read_only_file(folder) + "/x.html", "is not a folder"),
}


@pytest.mark.parametrize("kind", TARGETS)
def test_output_that_is_not_a_new_or_ordinary_file_is_refused(tmp_path, kind):
    build, reason = TARGETS[kind]
    output = build(tmp_path)
    assert_refused(tmp_path, [str(EXAMPLES / "single-leader.yaml"), "--output", output], reason)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_an_ordinary_file_is_still_replaced_and_keeps_its_owner(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("last quarter", encoding="utf-8")
    out.chmod(0o640)
    if os.geteuid() == 0:  # the superuser writing a user's report gives it back to them
        os.chown(out, 4321, 4321)
    code, _, err = run(
        tmp_path,
        "score",
        str(EXAMPLES / "single-leader.yaml"),
        "--format",
        "json",
        "--output",
        "report.json",
    )
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("{")
    status = out.stat()
    assert status.st_mode & 0o777 == 0o640
    if os.geteuid() == 0:
        assert (status.st_uid, status.st_gid) == (4321, 4321)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_target_that_becomes_a_pipe_while_the_report_is_written_is_kept(tmp_path, monkeypatch):
    """The target is checked again just before the rename: something that took its place
    while the report was being written (here a FIFO, made as the file is flushed) stays."""
    import revops.foundation.output

    real_fsync = os.fsync

    def fsync_then_swap(descriptor: int) -> None:
        real_fsync(descriptor)
        if os.readlink(f"/proc/self/fd/{descriptor}").startswith(str(tmp_path / ".report")):
            os.mkfifo(tmp_path / "report.json")  # only the report's, not the bank cache's

    monkeypatch.setattr(revops.foundation.output.os, "fsync", fsync_then_swap)
    code, out, err = run(
        tmp_path, "score", str(EXAMPLES / "single-leader.yaml"), "--output", "report.json"
    )
    assert code == 2, err
    assert "it is a named pipe (FIFO)" in err
    assert stat.S_ISFIFO((tmp_path / "report.json").lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary left


def test_scaffold_keeps_a_read_only_question_file(tmp_path):
    content = content_copy(tmp_path / "content")
    questions = content / "assessment" / "questions" / "alignment.yaml"
    questions.chmod(0o444)
    before = snapshot(content)
    code, out, err = run(tmp_path, "new", "question", "alignment", root=content)
    assert code == 2 and err.startswith(REFUSED) and err.count("\n") == 1, err
    assert "permission denied (the file is read-only)" in err
    assert out == "" and snapshot(content) == before


# A full standard output, from /dev/full (every write to it fails with ENOSPC).

FULL = Path("/dev/full")


def full_stdout_run(*args: str) -> subprocess.CompletedProcess:
    if sys.platform.startswith("linux"):
        assert FULL.exists(), "Linux always has /dev/full"
    elif not FULL.exists():
        pytest.skip("this platform has no /dev/full")
    with FULL.open("w") as full:
        return subprocess.run(
            [str(BIN / "revops"), *args],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )


@pytest.mark.parametrize(
    "args,what",
    [
        (["score", str(EXAMPLES / "single-leader.yaml")], "the report"),
        (["score", str(EXAMPLES / "single-leader.yaml"), "--format", "json"], "the report"),
        (["template"], "the answer sheet"),
        (["template", "--format", "csv"], "the answer sheet"),
        (["form"], "the questionnaire"),
        (["validate"], "the summary"),
    ],
    ids=["score", "score-json", "template", "template-csv", "form", "validate"],
)
def test_a_full_standard_output_is_one_message(args, what):
    result = full_stdout_run(*args)
    assert result.returncode == 1
    assert result.stderr == (
        f"revops: error: cannot write {what} to standard output: No space left on device\n"
    )
