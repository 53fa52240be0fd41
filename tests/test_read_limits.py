"""Every input is read from a regular file only, and every limit counts what is read: a device
that never ends, a pipe nobody writes to, and a file whose reported size is false all get one
message and exit 1, quickly, under a 1 GiB memory cap. A file of more respondents than revops
scores is refused as soon as the row past the cap is read.

The builders (endless_device, pipe_without_writer, ...) make each hostile file in a folder the
test owns, so that a fuzz suite can reuse them; none touches the machine's own devices."""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from revops.answers.documents import MAX_ANSWER_FILES, MAX_RESPONDENTS
from revops.foundation.files import NOT_REGULAR, _read_up_to
from revops.options import MAX_PREVIOUS

from .conftest import BIN, ROOT

MEMORY_CAP = 1 << 30  # a regression runs out of memory here instead of on the machine
LEADER = ROOT / "assessment" / "examples" / "single-leader.yaml"
RULE = "playbook/rules/02-alignment.yaml"
TOO_MANY = (
    f"the files hold more than {MAX_RESPONDENTS:,} respondents, more than revops "
    "scores in one run; score a sample of them, or each team or function in a run of "
    "its own"
)


def endless_device(folder: Path, name: str) -> Path:
    """A link to /dev/zero: its reported size is 0, and reading it never ends."""
    link = folder / name
    link.symlink_to("/dev/zero")
    return link


def pipe_without_writer(folder: Path, name: str) -> Path:
    """A FIFO that nobody writes to: opening it to read waits until someone does."""
    path = folder / name
    os.mkfifo(path)
    return path


def tiny_rows(folder: Path, name: str, rows: int, then: str = "") -> Path:
    """A CSV of one question and a one-character row per respondent, then `then`."""
    path = folder / name
    path.write_text("insights-decision-first\n" + "3\n" * rows + then, encoding="utf-8")
    return path


def content_copy(folder: Path) -> Path:
    """The playbook's content alone, to break one file of."""
    for part in ("playbook", "assessment"):
        shutil.copytree(ROOT / part, folder / part)
    return folder


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def revops_capped(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The CLI under the memory cap; a read that waits for ever fails on the timeout."""
    return subprocess.run(
        [str(BIN / "revops"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_cap_memory,
    )


def assert_refused(result: subprocess.CompletedProcess, shown: str, message: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"{shown}: {message}\n1 problem found\n"


ODD_FILES = [(endless_device, name) for name in ("a.yaml", "a.json", "a.csv", "a.xlsx")] + [
    (pipe_without_writer, name) for name in ("a.yaml", "a.csv")
]


@pytest.mark.parametrize("build,name", ODD_FILES, ids=[f"{b.__name__}-{n}" for b, n in ODD_FILES])
def test_an_answer_file_that_is_not_a_regular_file_is_refused(tmp_path, build, name):
    path = build(tmp_path, name)
    assert_refused(revops_capped("score", str(path)), str(path), NOT_REGULAR)


@pytest.mark.parametrize(
    "option,name", [("--overlay", "o.yaml"), ("--previous", "p.json"), ("--previous", "p.yaml")]
)
@pytest.mark.parametrize("build", [endless_device, pipe_without_writer])
def test_an_overlay_or_earlier_file_that_is_not_a_regular_file_is_refused(
    tmp_path, build, option, name
):
    path = build(tmp_path, name)
    result = revops_capped("score", str(LEADER), option, str(path))
    assert_refused(result, str(path), NOT_REGULAR)


@pytest.mark.parametrize("command", ["validate", "score"])
@pytest.mark.parametrize("build", [endless_device, pipe_without_writer])
def test_a_content_file_that_is_not_a_regular_file_is_refused(tmp_path, build, command):
    root = content_copy(tmp_path / "project")
    (root / RULE).unlink()
    build(root / RULE.rsplit("/", 1)[0], RULE.rsplit("/", 1)[1])
    args = ("score", str(LEADER)) if command == "score" else ("validate",)
    result = revops_capped(*args, "--root", str(root), cwd=root)
    assert result.returncode == 1, result.stderr
    assert f"{RULE}: {NOT_REGULAR}\n" in result.stderr and "Traceback" not in result.stderr


def test_the_limit_counts_the_bytes_read_not_the_size_reported(tmp_path, monkeypatch):
    from revops.foundation import files

    path = tmp_path / "answers.yaml"
    path.write_bytes(b"#" * (files.MAX_BYTES + 1))
    real_stat = os.stat

    def reports_empty(target, *args, **kwargs):  # as /proc files and some devices do
        found = real_stat(target, *args, **kwargs)
        if Path(target) != path:
            return found
        return os.stat_result((found.st_mode, *found[1:6], 0, *found[7:]))

    monkeypatch.setattr(os, "stat", reports_empty)
    with pytest.raises(files.InvalidInput) as refused:
        files.read_text(path, "answers.yaml")
    assert [str(p) for p in refused.value.problems] == [
        "answers.yaml:1:1: file is larger than 1000 kB; split it or remove what does not belong"
    ]


def test_a_pipe_put_in_place_after_the_check_is_not_waited_on(tmp_path):
    """The file is checked, then opened without waiting, then checked again as opened."""
    path = pipe_without_writer(tmp_path, "answers.yaml")
    probe = (
        "import os, stat, sys\n"
        "from revops.foundation import files\n"
        "real = os.stat\n"
        "def regular(target, *a, **k):\n"
        "    found = real(target, *a, **k)\n"
        "    mode = stat.S_IFREG | stat.S_IMODE(found.st_mode)\n"
        "    return os.stat_result((mode, *found[1:]))\n"
        "os.stat = regular\n"
        "try:\n"
        "    files.read_text(sys.argv[1], 'answers.yaml')\n"
        "except files.InvalidInput as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_cap_memory,
    )
    assert result.stdout == f"answers.yaml: {NOT_REGULAR}\n", result.stderr


def test_more_respondents_than_the_cap_are_refused_at_the_row_past_it(tmp_path):
    fits = tiny_rows(tmp_path, "fits.csv", MAX_RESPONDENTS)
    result = revops_capped("score", str(fits), "--format", "json", "--team", "T")
    assert result.returncode == 0, result.stderr
    over = tiny_rows(tmp_path, "over.csv", MAX_RESPONDENTS + 1)
    assert_refused(revops_capped("score", str(over)), f"{over}:{MAX_RESPONDENTS + 2}", TOO_MANY)


def test_rows_past_the_cap_are_not_read(tmp_path):
    """Rows after the cap would each be a problem, were they read."""
    path = tiny_rows(tmp_path, "over.csv", MAX_RESPONDENTS + 1, then="seven\n" * 5000)
    assert_refused(revops_capped("score", str(path)), f"{path}:{MAX_RESPONDENTS + 2}", TOO_MANY)


def test_the_cap_counts_the_respondents_of_every_file(tmp_path):
    half = tiny_rows(tmp_path, "half.csv", MAX_RESPONDENTS // 2)
    one = tiny_rows(tmp_path, "one.csv", 1)
    later = endless_device(tmp_path, "later.csv")  # never reached: the cap stops the reading
    result = revops_capped("score", str(half), str(half), str(LEADER), str(later))
    assert_refused(result, str(LEADER), TOO_MANY)
    result = revops_capped("score", str(half), str(one), str(half), str(later))
    assert_refused(result, f"{half}:{MAX_RESPONDENTS // 2 + 1}", TOO_MANY)


def test_earlier_assessments_share_one_cap(tmp_path):
    """--previous files are scored too: together they may hold as many respondents as one
    run's answer files, and a history takes at most MAX_PREVIOUS of them."""
    half = tiny_rows(tmp_path, "half.csv", MAX_RESPONDENTS // 2)
    later = endless_device(tmp_path, "later.csv")  # never reached: the cap stops the reading
    result = revops_capped(
        "score",
        str(LEADER),
        *sum((["--previous", str(path)] for path in (half, half, half, later)), []),
    )
    assert_refused(result, f"{half}:2", TOO_MANY)  # the third file's first row
    many = revops_capped("score", str(LEADER), *["--previous", str(LEADER)] * (MAX_PREVIOUS + 1))
    assert many.returncode == 2
    assert many.stderr == (
        f"revops: error: --previous is given {MAX_PREVIOUS + 1} times; a "
        f"history takes at most {MAX_PREVIOUS} earlier assessments, so leave "
        "out the oldest\n"
    )


def test_more_answer_files_than_the_cap_are_refused_before_any_is_read(tmp_path):
    (tmp_path / "a.yaml").write_bytes(LEADER.read_bytes())
    result = revops_capped(
        "score", "--root", str(ROOT), *["a.yaml"] * (MAX_ANSWER_FILES + 1), cwd=tmp_path
    )
    assert_refused(
        result,
        "a.yaml",
        f"more than {MAX_ANSWER_FILES:,} answer files in one run; "
        "give a team's answers in one CSV file, a row per person (`revops template "
        "--format csv`)",
    )


@pytest.mark.parametrize("claimed", [0, 3, 10, 11, 100])
@pytest.mark.parametrize("length", [0, 10, 25])
def test_what_is_read_counts_not_the_size_a_file_claims(claimed, length):
    """The size a file claims only sizes the first read: a file that grew or shrank since
    is read to its end or to the limit, whichever comes first."""
    data = bytes(range(length))
    assert _read_up_to(io.BytesIO(data), 21, claimed) == data[:21]
