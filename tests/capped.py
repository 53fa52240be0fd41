"""Run `revops` in a child process under a memory and CPU cap, and measure it.

The cap turns a regression that would exhaust the machine (a decompression bomb, a device
read to the end) into a failed test: the child gets 1 GiB of address space and 20 CPU
seconds. CPU seconds rather than wall time, so a busy machine does not fail the test."""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .conftest import BIN

MEMORY_CAP = 1 << 30
CPU_SECONDS = 20
WALL_SECONDS = 60  # only a guard against a hang that uses no CPU (a pipe waited on)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    cpu: float
    peak_mb: float


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _reap(child: subprocess.Popen) -> tuple[int, resource.struct_rusage]:
    """Wait for the child (killing it past WALL_SECONDS) and return its exit code and its
    own resource use; Popen.wait would reap it and lose the figures."""
    deadline = time.monotonic() + WALL_SECONDS
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return child.returncode, usage
        if time.monotonic() > deadline:
            child.kill()
        time.sleep(0.02)


def capped_revops(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Outcome:
    """`revops ARGS` from cwd under the cap; a signal shows as a negative code."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(BIN / "revops"), *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limits,
            env={**os.environ, **(env or {})},
        )
        code, usage = _reap(child)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Outcome(
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
        )
