"""Safe YAML loading that remembers where every value came from.

Refuses what a contributor never needs and an attacker might use: aliases (the "billion
laughs" expansion), tags, merge keys, nesting deeper than MAX_DEPTH, control characters,
duplicate keys and oversized files. Data is built from the parser's events with an explicit
stack, so no input can exhaust Python's recursion limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from yaml.nodes import ScalarNode

from revops.foundation.characters import REFUSED_CLASS, refused_in
from revops.foundation.files import MAX_BYTES, read_text, too_large
from revops.foundation.problems import InvalidInput, Problem

MAX_DEPTH = 50  # the content nests 5 deep; a deeper file is a mistake or an attack
Path_ = tuple[Any, ...]
# The characters every reader refuses (characters.py), and what PyYAML refuses anyway:
# surrogates, U+FFFE and U+FFFF.
HIDDEN = re.compile(f"[{REFUSED_CLASS}\ud800-\udfff\ufffe\uffff]")


@dataclass
class Located:
    """Parsed data plus the 1-based (line, column) of every value and key."""

    data: Any
    path: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Path_, prefer_key: bool = True) -> tuple[int, int]:
        """Position of loc, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            if prefer_key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def problem(self, loc: Path_, message: str, prefer_key: bool = True) -> Problem:
        line, column = self.where(loc, prefer_key)
        return Problem(self.path, line, column, message)


# libyaml's parser when available: the pure-Python one is ten times slower.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = SafeConstructor()
_CORE = "tag:yaml.org,2002:"
_STR, _MERGE = _CORE + "str", _CORE + "merge"
_NO_KEY, _DROP = object(), object()  # a mapping awaiting its next key; a value to throw away
_EMPTY = object()

# Refused constructs: one problem per kind, at the first one, with how many were found.
_REFUSED = {
    "alias": "aliases (*name) are not allowed{more}; write the value out in full",
    "tag": "tag '{detail}' is not allowed{more}; these files use no tags, so write the plain value",
    "merge": "merge keys (<<) are not allowed{more}; write the keys out in full",
    "escaped": "escaped control character {detail} in a quoted value{more}; delete it",
}


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def _more(count: int) -> str:
    return f" ({count} found; this is the first)" if count > 1 else ""


class _Stop(Exception):
    """Building stops at once: what follows cannot be read safely."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.position, self.message = _pos(mark), message


@dataclass(slots=True)
class _Frame:
    value: Any  # the dict or list being filled
    loc: Path_
    keep: bool  # False inside a key that is a list or mapping: checked, then thrown away
    key: Any = _NO_KEY


class _Builder:
    """Plain data from the parser's events, each value's position recorded in out."""

    def __init__(self, loader, out: Located):
        self.loader, self.out = loader, out
        self.problems: list[Problem] = []  # reported with the data: duplicate or odd keys
        self.refused: dict[str, list[tuple[tuple[int, int], str]]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = _EMPTY

    def refusals(self) -> list[Problem]:
        return [
            Problem(
                self.out.path,
                *found[0][0],
                _REFUSED[kind].format(detail=found[0][1], more=_more(len(found))),
            )
            for kind, found in self.refused.items()
        ]

    def run(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return _EMPTY
        loader.get_event()  # document start
        get_event, stack = loader.get_event, self.stack
        while self.root is _EMPTY:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                self._scalar(event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self._attach(stack.pop().value)
            else:
                self._node(event)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Stop(
                loader.peek_event().start_mark,
                "invalid YAML: a second document starts here; keep one document per file",
            )
        return self.root

    def _slot(self) -> tuple[Path_, bool, bool]:
        """Where the next node goes: (its location, whether it is kept, whether it is a key)."""
        if not self.stack:
            return (), True, False
        top = self.stack[-1]
        if type(top.value) is list:
            return top.loc + (len(top.value),), top.keep, False
        if top.key is _NO_KEY:
            return top.loc, top.keep, True
        return top.loc + (top.key,), top.keep and top.key is not _DROP, False

    def _attach(self, value: Any) -> None:
        """Put a finished value in its place: the root, a list, or under the pending key."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if type(top.value) is list:
            top.value.append(value)
        elif top.key is _NO_KEY:
            top.key = _DROP  # a list, mapping or alias used as a key: its value is dropped
        else:
            if top.key is not _DROP:
                top.value[top.key] = value
            top.key = _NO_KEY

    def _scalar(self, event) -> None:
        loc, keep, is_key = self._slot()
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        value = self._typed(event, position, is_key)
        if not is_key:
            if keep:
                self.out.values[loc] = position
            self._attach(value)
            return
        top = self.stack[-1]
        if keep and value in top.value:
            first = self.out.keys.get(loc + (value,), (0, 0))
            self.problems.append(
                Problem(
                    self.out.path,
                    *position,
                    f"duplicate key '{value}' "
                    f"(first used on line {first[0]}); keep one and "
                    "delete the other",
                )
            )
            top.key = _DROP
            return
        top.key = value
        if keep:
            self.out.keys[loc + (value,)] = position

    def _typed(self, event, position: tuple[int, int], is_key: bool) -> Any:
        """The value of a scalar, typed the way YAML types untagged text."""
        text = event.value
        if event.tag is not None:
            self._refuse_tag(event)
            return text
        if not event.implicit[0]:  # quoted or a block (| >): always text
            if event.style == '"' and (hidden := HIDDEN.search(text)):  # written as an escape
                self.refused.setdefault("escaped", []).append((position, _code(hidden.group())))
            return text
        tag = self.loader.resolve(ScalarNode, text, event.implicit)
        if tag == _STR:
            return text
        if tag == _MERGE and is_key:
            self.refused.setdefault("merge", []).append((position, ""))
        construct = SafeConstructor.yaml_constructors.get(tag)
        if construct is None or tag == _MERGE:
            return text
        try:
            return construct(
                _scalars, ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
            )
        except (yaml.YAMLError, ValueError):
            return text  # e.g. an impossible date: the raw text, for the caller to judge

    def _node(self, event) -> None:
        """An alias, or the start of a mapping or list (the matching end event attaches it)."""
        loc, keep, is_key = self._slot()
        mark = event.start_mark
        if type(event) is AliasEvent:
            # shown at its key (or its parent), where earlier versions put it
            self.refused.setdefault("alias", []).append((self.out.where(loc), ""))
            self._attach(None)
            return
        if event.tag is not None:
            self._refuse_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop(
                mark,
                f"nested more than {MAX_DEPTH} levels deep; these files need "
                "only a few levels, so flatten it",
            )
        if is_key and keep:
            self.problems.append(
                Problem(
                    self.out.path, *_pos(mark), "a key must be a plain value, not a list or mapping"
                )
            )
        if keep and not is_key:
            self.out.values[loc] = _pos(mark)
        value: dict[object, object] | list[object] = {} if type(event) is MappingStartEvent else []
        self.stack.append(_Frame(value, loc, keep and not is_key))

    def _refuse_tag(self, event) -> None:
        tag = event.tag
        shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
        self.refused.setdefault("tag", []).append((_pos(event.start_mark), shown[:40]))


def _hidden_characters(text: str, path: str) -> Problem | None:
    """One problem for control characters written into the file, at the first of them."""
    return refused_in(text, path, HIDDEN)


def _built(text: str, path: str, loader_class) -> tuple[Located, _Builder]:
    """The builder after a whole parse; raises the parser's errors and _Stop."""
    out = Located(None, path)
    loader = loader_class(text)
    builder = _Builder(loader, out)
    try:
        builder.root = builder.run()
    finally:
        loader.dispose()
    return out, builder


def _parser_limit(error: yaml.MarkedYAMLError) -> bool:
    """Whether libyaml stopped on a limit of its own rather than on a mistake in the file;
    only then is the file parsed again, in pure Python, which is ten times slower."""
    words = f"{error.context} {error.problem}".lower()
    return _Loader is not yaml.SafeLoader and any(
        word in words for word in ("depth", "nesting", "flow level", "limit")
    )


def _own_limit(text: str, path: str) -> Problem | None:
    """Our own limit's problem if the pure-Python parser meets one before any error."""
    try:
        _built(text, path, yaml.SafeLoader)
    except _Stop as stop:
        return Problem(path, *stop.position, stop.message)
    except yaml.YAMLError:
        pass
    return None


def parse_yaml(text: str, path: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text. Returns (located data, problems); data is None if unusable."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None, [too_large(path, MAX_BYTES)]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(path, 1, 1, "file is empty; add content or delete the file")]
    if hidden := _hidden_characters(text, path):
        return None, [hidden]
    try:
        out, builder = _built(text, path, _Loader)
    except yaml.MarkedYAMLError as error:
        # libyaml may stop on a limit of its own (PyYAML 6.0.4: flow nesting) before ours:
        # the pure-Python parser, which has none, says whether one of our limits comes first.
        own = _own_limit(text, path) if _parser_limit(error) else None
        mark = error.problem_mark or error.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        what = error.problem or "invalid YAML"
        return None, [
            own
            or Problem(
                path,
                line,
                column,
                f"invalid YAML: {what}; check indentation, quotes and colons here",
            )
        ]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, 1, f"invalid YAML: {error}")]
    except _Stop as stop:
        return None, [Problem(path, *stop.position, stop.message)]
    data = builder.root
    if builder.refused:
        return None, builder.refusals()
    if data is _EMPTY:
        return None, [Problem(path, 1, 1, "file is empty; add content or delete the file")]
    out.data = data
    return out, builder.problems


def read_yaml(file: Path, shown_as: str) -> tuple[Located | None, list[Problem]]:
    """Read and parse a YAML file, reporting a missing or unreadable file as a problem."""
    try:
        text = read_text(file, shown_as)
    except InvalidInput as error:
        return None, error.problems
    return parse_yaml(text, shown_as)
