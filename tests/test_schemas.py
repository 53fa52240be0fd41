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
from generate_schemas import rendered  # noqa: E402

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
