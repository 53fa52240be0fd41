"""Every format revops reads or writes besides content, by its schema name: the answer file,
the JSON report and the question bank. schemas/<name>.schema.json is generated from each."""

from __future__ import annotations

from pydantic import BaseModel

from revops.answers.model import AnswerFile
from revops.bank.model import Bank
from revops.content import kinds
from revops.content.overlay import Overlay
from revops.reports.model import Report

SCHEMAS: dict[str, type[BaseModel]] = {"answers": AnswerFile, "report": Report, "bank": Bank}


def json_schemas() -> dict[str, dict]:
    """JSON Schema per file kind, for editors (yaml-language-server) and for the tests:
    content files, then answer files, the JSON report and the browser's question bank."""
    result = {}
    models: dict[str, type[BaseModel]] = {**kinds.SCHEMAS, **SCHEMAS, "overlay": Overlay}
    for kind, model in models.items():
        document = model.model_json_schema()
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        document["$id"] = f"{kind}.schema.json"
        result[kind] = document
    return result
