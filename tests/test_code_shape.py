"""The shape of the library's code: no function over 50 lines, no file over 400 lines, no
function more complex than ruff's C901 allows (max-complexity in pyproject.toml).

CHECKED_FOLDERS held what issue 20 had split so far, folder by folder; it is now the whole
library, and a new module is held to the same shape from its first commit."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from .conftest import BIN, ROOT, run

LIBRARY = ROOT / "src" / "revops"
CHECKED_FOLDERS = ["src/revops"]  # all of it, now that issue 20 has split every folder
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


# What `mypy --strict` turns on that can be set per module (mypy --help lists the rest as
# global: warn_unused_configs and warn_redundant_casts, set for the whole library).
STRICT_PER_MODULE = {
    "disallow_any_generics",
    "disallow_subclassing_any",
    "disallow_untyped_calls",
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "check_untyped_defs",
    "disallow_untyped_decorators",
    "warn_unused_ignores",
    "warn_return_any",
    "no_implicit_reexport",
    "strict_equality",
    "extra_checks",
}


def test_mypy_is_strict_on_the_formula_the_bank_and_the_readers():
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["files"] == ["src/revops"]
    assert mypy["warn_unused_configs"] and mypy["warn_redundant_casts"]
    strict = [
        override
        for override in mypy["overrides"]
        if {"revops.scoring.*", "revops.bank.*", "revops.answers.*"} <= set(override["module"])
    ]
    assert len(strict) == 1
    assert {flag for flag in STRICT_PER_MODULE if strict[0].get(flag) is True} == STRICT_PER_MODULE
    lint = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlint:")[1].split("\n\n")[0]
    assert "$(BIN)/mypy" in lint
