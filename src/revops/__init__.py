"""RevOps Playbook: content model, validation, scoring and reports.

`revops.assess(...)` is the library's front door (docs/api.md). It and its types load on first
use, so that `revops --version` and `revops template` start without the scoring machinery."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from revops.foundation.version import __version__

if TYPE_CHECKING:
    from revops.advice.history import Earlier
    from revops.answers.documents import Respondent
    from revops.api import RevOpsWarning, assess
    from revops.foundation.problems import InvalidInput, Problem
    from revops.reports.model import Report

__all__ = [
    "Earlier",
    "InvalidInput",
    "Problem",
    "Report",
    "Respondent",
    "RevOpsWarning",
    "__version__",
    "assess",
]
_HOMES = {
    "Earlier": "revops.advice.history",
    "InvalidInput": "revops.foundation.problems",
    "Problem": "revops.foundation.problems",
    "Report": "revops.reports.model",
    "Respondent": "revops.answers.documents",
    "RevOpsWarning": "revops.api",
    "assess": "revops.api",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'revops' has no attribute '{name}'")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
