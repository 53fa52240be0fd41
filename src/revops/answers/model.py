"""The answer file's typed shape, the definition of what an answer file may hold:
schemas/answers.schema.json and the page's typedefs are generated from it, and the fast path
(fast_path.py) is held equal to it by tests/test_formats.py.

Deliberately light: `revops score` imports this module, the content models it does not.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from revops.answers.fast_path import text_or_none
from revops.answers.readings import parse_reading
from revops.foundation.values import VALUE_TEXT, parse_answer, parse_date, parse_target, team_name

_VALUE_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 5},
        {"type": "null"},
        {"type": "string", "pattern": VALUE_TEXT},
    ]
}
# parse_answer gives (value, Evidence or None): a bare value, or a mapping with evidence.
AnswerWithEvidence = Annotated[
    Any,
    BeforeValidator(parse_answer),
    WithJsonSchema(
        {
            "description": "A level from 1 to 5, n/a, unknown or empty (null); or a mapping "
            "with that level and what backs it: evidence (a link or a note), owner (who keeps "
            "it) and checked (when it was last checked, YYYY-MM-DD).",
            "anyOf": [
                *_VALUE_SCHEMA["anyOf"],
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["level"],
                    "properties": {
                        "level": _VALUE_SCHEMA,
                        "evidence": {"type": ["string", "null"]},
                        "owner": {"type": ["string", "null"]},
                        "checked": {"type": ["string", "null"], "format": "date"},
                    },
                },
            ],
        }
    ),
]
IsoDate = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "YYYY-MM-DD"}),
]
TeamName = Annotated[
    str,
    BeforeValidator(team_name),
    WithJsonSchema({"type": "string", "minLength": 1, "description": "The team's name."}),
]
TargetLevel = Annotated[
    int | None,
    BeforeValidator(parse_target),
    WithJsonSchema({"type": ["integer", "null"], "minimum": 1, "maximum": 5}),
]
Label = Annotated[str | None, BeforeValidator(text_or_none)]
Reading = Annotated[
    float | None,
    BeforeValidator(parse_reading),
    WithJsonSchema({"type": ["number", "null"], "minimum": 0}),
]


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(Closed):
    name: Label = Field(None, description="Who answered (optional).")
    role: Label = Field(
        None, description="Their function: sales, marketing, customer success, finance, RevOps..."
    )


class CompanyProfile(Closed):
    stage: Label = Field(
        None,
        description="The company's stage: an id from the playbook's "
        "guidance by stage (early, scale-up, enterprise).",
    )
    motion: Label = Field(None, description="Its sales motion: sales-led, product-led or hybrid.")


class AnswerFile(Closed):
    """One respondent's answers, in YAML or JSON (`revops template` prints a blank one)."""

    model_config = ConfigDict(extra="forbid", title="RevOps assessment answer file")
    team: TeamName
    date: IsoDate = Field(description="When the answers were given, YYYY-MM-DD.")
    respondent: Person | None = None
    profile: CompanyProfile | None = Field(
        None, description="The company's stage and sales motion, which order the advice."
    )
    targets: dict[str, TargetLevel] | None = Field(
        None,
        description="Rule id to the level the team aims for, 1 to 5 (null for none). "
        "--target overrides it for its rule; a rule left out takes the stage's default.",
    )
    metrics: dict[str, Reading] | None = Field(
        None,
        description="Readings of catalogue "
        "metrics (metric id to number, 0.82 for 82%), "
        "checked against the rating of their rule.",
    )
    answers: dict[str, AnswerWithEvidence] | None = Field(
        description="Question id to answer; every id is listed by `revops template`."
    )
