"""The report-format page's field table, written from the Report model so it cannot drift."""

from __future__ import annotations

from revops.reports.model import Report

TYPE_NAMES = {
    "string": "text",
    "number": "number",
    "integer": "integer",
    "boolean": "true or false",
    "null": "null",
    "object": "object",
    "array": "list",
}


def _resolve(node: dict, defs: dict) -> dict:
    return defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node


def _type(node: dict, defs: dict) -> str:
    node = _resolve(node, defs)
    if "anyOf" in node:
        return " or ".join(dict.fromkeys(_type(option, defs) for option in node["anyOf"]))
    if "properties" not in node and isinstance(node.get("additionalProperties"), dict):
        return f"object of {_type(node['additionalProperties'], defs)}"
    if "properties" in node:
        return "object"
    return TYPE_NAMES.get(node.get("type", ""), "any value")


def _inner(node: dict, defs: dict) -> tuple[dict | None, str]:
    """The object a field holds (through null and lists), and the path suffix it adds."""
    node = _resolve(node, defs)
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            return _inner(option, defs)
    if node.get("type") == "array":
        inner, suffix = _inner(node.get("items", {}), defs)
        return inner, "[]" + suffix
    return (node, "") if "properties" in node else (None, "")


def field_rows(model=Report) -> list[tuple[str, str, bool, str]]:
    """(field path, type, needed to read the report back, meaning), depth first."""
    document = model.model_json_schema()
    defs = document.get("$defs", {})
    rows: list[tuple[str, str, bool, str]] = []

    def walk(node: dict, prefix: str, needed: bool) -> None:
        required = set(node.get("required", []))
        for name, spec in node["properties"].items():
            path = f"{prefix}{name}"
            target = _resolve(spec, defs)
            meaning = spec.get("description") or target.get("description", "")
            rows.append((path, _type(spec, defs), needed and name in required, meaning))
            inner, suffix = _inner(spec, defs)
            if inner is not None:
                walk(inner, f"{path}{suffix}.", needed and name in required)

    walk(document, "", True)
    return rows


def field_table(model=Report) -> str:
    lines = ["| Field | Type | Needed to read it back | Meaning |", "| --- | --- | --- | --- |"]
    for path, kind, needed, meaning in field_rows(model):
        text = " ".join(meaning.split()).replace("|", "\\|")
        lines.append(f"| `{path}` | {kind} | {'yes' if needed else ''} | {text} |")
    return "\n".join(lines)
