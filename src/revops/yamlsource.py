"""Safe YAML loading that remembers where every value came from.

Refuses what a contributor never needs and an attacker might use: aliases (the
"billion laughs" expansion), duplicate keys, and oversized files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import InvalidInput, Problem

MAX_BYTES = 1_000_000
Path_ = tuple[Any, ...]


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


# libyaml's composer when available: the pure-Python one is ten times slower.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_scalars = SafeConstructor()


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _build(node, loc: Path_, out: Located, problems: list[Problem], seen: dict[int, Any],
           aliases: list[tuple[int, int]]) -> Any:
    """Plain data from a node tree. The composer shares one node between an anchor and its
    aliases, so a node met twice is an alias: it is recorded, and not expanded again."""
    if id(node) in seen:
        aliases.append(out.where(loc))
        return None
    seen[id(node)] = node
    out.values[loc] = _pos(node.start_mark)
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(out.path, *_pos(key_node.start_mark),
                                        "a key must be a plain value, not a list or mapping"))
                continue
            key = _scalars.construct_object(key_node)
            if key in result:
                first = out.keys.get(loc + (key,), (0, 0))
                problems.append(Problem(out.path, *_pos(key_node.start_mark),
                                        f"duplicate key '{key}' (first used on line {first[0]}); "
                                        "keep one and delete the other"))
                continue
            out.keys[loc + (key,)] = _pos(key_node.start_mark)
            result[key] = _build(value_node, loc + (key,), out, problems, seen, aliases)
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, loc + (i,), out, problems, seen, aliases)
                for i, item in enumerate(node.value)]
    try:
        return _scalars.construct_object(node)
    except (yaml.YAMLError, ValueError):
        return node.value  # e.g. an impossible date: the raw text, for the caller to judge


def parse_yaml(text: str, path: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text. Returns (located data, problems); data is None if unusable."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None, [_too_large(path, MAX_BYTES)]
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#")
                               for line in text.splitlines()):
        return None, [Problem(path, 1, 1, "file is empty; add content or delete the file")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        what = error.problem or "invalid YAML"
        return None, [Problem(path, line, column, f"invalid YAML: {what}; "
                              "check indentation, quotes and colons here")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, 1, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    problems: list[Problem] = []
    if node is None:
        return None, [Problem(path, 1, 1, "file is empty; add content or delete the file")]
    out = Located(None, path)
    aliases: list[tuple[int, int]] = []
    out.data = _build(node, (), out, problems, {}, aliases)
    if aliases:
        more = f" ({len(aliases)} found; this is the first)" if len(aliases) > 1 else ""
        return None, [Problem(path, *aliases[0], "aliases (*name) are not allowed"
                              f"{more}; write the value out in full")]
    return out, problems


def _too_large(path: str, limit: int) -> Problem:
    size = f"{limit // 1_000_000} MB" if limit >= 10_000_000 else f"{limit // 1000} kB"
    return Problem(path, 1, 1, f"file is larger than {size}; split it or remove what does "
                   "not belong")


def read_text(file: Path, shown_as: str, limit: int = MAX_BYTES) -> str:
    """A file's text (UTF-8, byte-order mark dropped). Raises InvalidInput with one clear
    problem if it is missing, a folder, too large or not text."""
    try:
        if file.is_dir():
            raise InvalidInput([Problem(shown_as, 0, 0, "is a folder, not a file")])
        if file.stat().st_size > limit:
            raise InvalidInput([_too_large(shown_as, limit)])
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput([Problem(shown_as, 0, 0, "file not found")]) from None
    except UnicodeDecodeError:
        raise InvalidInput([Problem(shown_as, 1, 1, "file is not UTF-8 text")]) from None
    except OSError as error:
        raise InvalidInput([Problem(shown_as, 0, 0, f"cannot read file: {error.strerror}")]
                           ) from None


def read_yaml(file: Path, shown_as: str) -> tuple[Located | None, list[Problem]]:
    """Read and parse a YAML file, reporting a missing or unreadable file as a problem."""
    try:
        text = read_text(file, shown_as)
    except InvalidInput as error:
        return None, error.problems
    return parse_yaml(text, shown_as)
