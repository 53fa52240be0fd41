"""The committed JSON Schemas are current, and every content file points at and satisfies one."""

from __future__ import annotations

import json
import re
import sys

import jsonschema
import pytest
import yaml

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from generate_schemas import TYPEDEFS, rendered, rendered_typedefs  # noqa: E402

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
CONTENT = sorted(
    p
    for folder in ("playbook", "assessment")
    for p in (ROOT / folder).rglob("*.yaml")
    if "examples" not in p.parts
)


def test_committed_schemas_are_up_to_date():
    expected = rendered()
    for name, text in expected.items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run scripts/generate_schemas.py"
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(expected)


def test_committed_typedefs_are_up_to_date():
    """docs/assets/format-types.js is what the schemas of the answer file, the bank and the
    report give today."""
    committed = TYPEDEFS.read_text(encoding="utf-8")
    assert committed == rendered_typedefs(), (
        "docs/assets/format-types.js is stale: run scripts/generate_schemas.py"
    )


def test_every_type_the_typedefs_name_is_defined():
    """Each type a @typedef or @property names is a JavaScript one or a @typedef of the file,
    and every field of the three root models has its @property line."""
    from revops.answers.model import AnswerFile
    from revops.bank.model import Bank
    from revops.reports.model import Report

    text = rendered_typedefs()
    defined = set(re.findall(r"@typedef \{[^}]*\} (\w+)", text))
    assert {"AnswerFile", "Bank", "Report", "BankRule", "RuleReport"} <= defined
    builtin = {"Object", "Array", "string", "number", "boolean", "null"}
    expressions = re.findall(r"@(?:typedef|property) \{(.*)\} \[?\w", text)
    named = {
        found.group()
        for expression in expressions
        for found in re.finditer(r"[A-Za-z_]\w*", expression)
        if not expression[found.end() :].startswith((":", "?:"))  # a record's field name
    }
    assert named - builtin <= defined, named - builtin - defined
    for name, model in {"AnswerFile": AnswerFile, "Bank": Bank, "Report": Report}.items():
        block = text.split(f"@typedef {{Object}} {name}\n", 1)[1].split(" */", 1)[0]
        fields = re.findall(r"@property \{.*\} \[?(\w+)", block)
        assert fields == list(model.model_fields), name


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: str(p.relative_to(ROOT)))
def test_file_has_modeline_and_matches_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{path.name} should start with a yaml-language-server modeline"
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path.parent == ROOT / "schemas" and schema_path.exists()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # JSON has only string keys: the ladders' level numbers become "1".."5".
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, json.loads(schema_path.read_text(encoding="utf-8")))
