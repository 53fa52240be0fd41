"""Turn pydantic's validation errors into messages a contributor can act on."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from revops.foundation.counts import counted
from revops.foundation.ids import ID_PATTERN, ID_RULE

KIND = {
    "string": "text",
    "int": "a whole number",
    "float": "a number",
    "list": "a list",
    "dict": "a mapping (key: value lines)",
    "model": "a mapping (key: value lines)",
    "bool": "true or false",
}


def _got(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{value}' (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unwrap(annotation: Any) -> Any:
    """The model class a field holds, through Annotated, Optional, list and dict."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, dict, typing.Union):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[-1]
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _name(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return f"'{names[-1]}'" if names else "this file"


def describe_error(detail: ErrorDetails, model: type[BaseModel]) -> str:
    kind = detail["type"]
    loc = tuple(p for p in detail["loc"] if p != "[key]")
    ctx = detail.get("ctx", {})
    value = detail["input"]  # always there: the callers keep pydantic's include_input
    if kind == "missing":
        return f"missing required field {_name(loc)}; add it here"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return f"unknown key '{loc[-1]}'; {hint}"
    if kind.endswith("_type") or kind == "model_attributes_type":
        expected = KIND.get(kind.split("_")[0], kind.replace("_type", ""))
        if detail["loc"] and detail["loc"][-1] == "[key]":
            return f"key {value!r} must be {expected}, e.g. a level number without quotes"
        return f"{_name(loc)} must be {expected}, not {_got(value)}"
    if kind == "too_short":
        if isinstance(value, str):
            return f"{_name(loc)} must not be empty; write the text or remove the field"
        return f"{_name(loc)} needs at least {counted(ctx.get('min_length', 1), 'item')}"
    if kind == "string_too_short":
        return f"{_name(loc)} must not be empty; write the text"
    if kind == "string_too_long":
        return (
            f"{_name(loc)} is too long ({len(value)} characters, at most "
            f"{ctx.get('max_length')}); shorten it"
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return (
            f"{_name(loc)} value '{value}' is not a valid id; {ID_RULE}, e.g. 'pipeline-coverage'"
        )
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern")).startswith("^https://"):
        return f"{_name(loc)} value '{str(value)[:60]}' must be a full https:// address"
    if kind == "string_pattern_mismatch":
        return (
            f"{_name(loc)} value '{str(value)[:60]}' does not have the expected form "
            f"(pattern {ctx.get('pattern')})"
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{_name(loc)} {detail['msg'].lower()}, not {_got(value)}"
    if kind == "value_error":
        return f"{_name(loc)}: {detail['msg'].removeprefix('Value error, ')}"
    return f"{_name(loc)}: {detail['msg']}"
