"""The shape of the library's code: no function over 50 lines, no file over 400 lines, no
function more complex than ruff's C901 allows (max-complexity in pyproject.toml).

Issue 20 splits the library folder by folder; CHECKED_FOLDERS lists what has been split so far
(a folder, or one file of a folder not yet split) and grows until it is all of src/revops."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from .conftest import BIN, ROOT, run

LIBRARY = ROOT / "src" / "revops"
CHECKED_FOLDERS = [
    "src/revops/content",
    "src/revops/foundation",
    "src/revops/answers/survey.py",
    "src/revops/reports/terminal.py",
    "src/revops/scoring",
    "src/revops/advice",
    "src/revops/cli",
    "src/revops/reports/__init__.py",
    "src/revops/reports/build.py",
    "src/revops/reports/model.py",
    "src/revops/api.py",
    "src/revops/previous.py",
    "src/revops/__init__.py",
    "src/revops/site/example.py",
    "src/revops/site/method.py",
    "src/revops/site/planning.py",
    "src/revops/site/pictures.py",
    "src/revops/site/svg.py",
]
MAX_FUNCTION_LINES = 50
MAX_FILE_LINES = 400


def checked_files() -> list[Path]:
    files = []
    for entry in CHECKED_FOLDERS:
        path = ROOT / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def too_long(file: Path) -> list[str]:
    """Every function of the file over MAX_FUNCTION_LINES, and the file if over MAX_FILE_LINES."""
    text = file.read_text(encoding="utf-8")
    shown = file.relative_to(ROOT)
    found = []
    if (lines := len(text.splitlines())) > MAX_FILE_LINES:
        found.append(f"{shown}: {lines} lines")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{shown}:{node.lineno}: {node.name} is {length} lines")
    return found


def test_the_checked_folders_are_in_the_library():
    assert all((ROOT / entry).exists() for entry in CHECKED_FOLDERS)
    assert all(file.is_relative_to(LIBRARY) for file in checked_files())


def test_no_function_or_file_too_long():
    found = [problem for file in checked_files() for problem in too_long(file)]
    assert found == [], "split these:\n" + "\n".join(found)


def test_ruff_holds_the_complexity_limit():
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    assert "C90" in ruff["lint"]["select"]
    limit = ruff["lint"]["mccabe"]["max-complexity"]
    assert limit == 15
    # Without the project's configuration, so no per-file ignore can hide a checked file.
    result = run(
        [
            str(BIN / "ruff"),
            "check",
            "--isolated",
            "--select",
            "C901",
            "--config",
            f"lint.mccabe.max-complexity = {limit}",
            "--output-format",
            "concise",
            *CHECKED_FOLDERS,
        ]
    )
    assert result.returncode == 0, result.stdout + result.stderr
