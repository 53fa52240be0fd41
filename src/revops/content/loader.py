"""Reading content files into typed models, collecting located problems as it goes."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from revops.content.kinds import CONTENT_FILES, SCHEMAS, Files
from revops.content.loaded import Content
from revops.content.messages import describe_error
from revops.foundation.problems import InvalidInput, Problem
from revops.foundation.yamlsource import Located, read_yaml


def check_model(located: Located, model: type[BaseModel], problems: list[Problem]):
    """Validate located data against a model; append located problems, return the object."""
    try:
        return model.model_validate(located.data)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(part for part in detail["loc"] if part != "[key]")
            prefer_key = detail["type"] != "missing"
            problems.append(located.problem(loc, describe_error(detail, model), prefer_key))
        return None


def load_content(root: Path) -> Content:
    """Every content file under root read and validated against its model, in the order of
    CONTENT_FILES. Raises InvalidInput when root holds no content at all."""
    if not (root / "playbook").is_dir() or not (root / "assessment").is_dir():
        raise InvalidInput(
            [
                Problem(
                    str(root),
                    0,
                    0,
                    "no playbook/ and assessment/ folders "
                    "here; run from the project root or pass --root DIR",
                )
            ]
        )
    content = Content(root)
    for files in CONTENT_FILES:
        found = _found(root, files)
        if not found and files.at_least_one:
            content.problems.append(Problem(files.folder, 0, 0, files.at_least_one))
        for relative in found:
            if files.named and not files.named.match(relative.rpartition("/")[2]):
                content.misnamed.append(relative)  # not read: a check says how to name it
            else:
                _load(content, files.kind, relative)
    return content


def _found(root: Path, files: Files) -> list[str]:
    """The paths of one kind's files, sorted; a kind that is one file is always looked for."""
    if not files.many:
        return [files.pattern]
    return sorted(path.relative_to(root).as_posix() for path in root.glob(files.pattern))


def _load(content: Content, kind: str, relative: str) -> None:
    located, problems = read_yaml(content.root / relative, relative)
    content.problems += problems
    content.files.setdefault(kind, {})[relative] = None
    if located is not None:
        content.sources[relative] = located
        content.files[kind][relative] = check_model(located, SCHEMAS[kind], content.problems)
