"""Reading content files into typed models, collecting located problems as it goes."""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from revops.content.messages import describe_error
from revops.foundation.problems import Problem
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


class Loader:
    """Loads files under one root and collects every problem with its file:line:column."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.sources: dict[str, Located] = {}

    def load(self, relative: str, model: type[BaseModel]):
        located, problems = read_yaml(self.root / relative, relative)
        self.problems += problems
        if located is None:
            return None
        self.sources[relative] = located
        return check_model(located, model, self.problems)

    def at(self, relative: str, loc: tuple, message: str, prefer_key: bool = False) -> None:
        self.problems.append(self.sources[relative].problem(loc, message, prefer_key))

    def has_problem(self, prefix: str) -> bool:
        return any(p.path.startswith(prefix) for p in self.problems)


def unknown(kind: str, value: str, known, where: str) -> str:
    """'unknown metric 'x'; did you mean 'y'?' with the place the valid ids are defined."""
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown {kind} '{value}'; {hint}{kind} ids are defined in {where}"
