"""Checks on the files as a whole: rule files named and numbered once each, and ids unique
within each list of a file. Each check yields (where, message) for every break of its rule."""

from __future__ import annotations

from collections.abc import Iterator
from functools import reduce

from revops.content.known import Found, Where, unique
from revops.content.loaded import Content, rule_id_in_name

# (kind of file, the list in it, what one item is called): ids unique within each list.
UNIQUE_LISTS = (
    ("steps", "steps", "step"),
    ("revops", "components", "component"),
    ("operating-model", "network.functions", "function"),
    ("operating-model", "network.disciplines", "discipline"),
    ("operating-model", "network.keeping_the_power_on", "upkeep practice"),
    ("operating-rhythm", "forums", "forum"),
    ("team", "functions", "function"),
    ("team", "reporting_lines", "reporting line"),
    ("team", "raci", "RACI row"),
    ("domains", "domains", "domain"),
    ("tech-stack", "data", "data kind"),
    ("tech-stack", "categories", "system"),
    ("anti-patterns", "anti_patterns", "anti-pattern"),
)


def rule_files_named(content: Content) -> Iterator[Found]:
    """A rule file is named NN-<id>.yaml (a file named otherwise is not read)."""
    for path in content.misnamed:
        yield (
            Where(path, 1),
            "rule files are named NN-<id>.yaml, e.g. 11-forecasting.yaml; rename this file",
        )


def rule_numbers_unique(content: Content) -> Iterator[Found]:
    """No two rule files share a number."""
    numbers: dict[str, str] = {}
    for path in content.files.get("rule", {}):
        number = path.rpartition("/")[2][:2]  # only files named NN-<id>.yaml are read
        if number in numbers:
            yield (
                Where(path, 1),
                f"number {number} is also used by {numbers[number]}; pick a free one",
            )
        numbers[number] = path


def rule_ids_match_file_names(content: Content) -> Iterator[Found]:
    """A rule's id is the one its file name gives."""
    for path, rule in content.each("rule"):
        named = rule_id_in_name(path)
        if rule.id != named:
            number = path.rpartition("/")[2][:2]
            yield (
                content.at(path, ("id",)),
                f"id '{rule.id}' does not match the file name; rename "
                f"the file to {number}-{rule.id}.yaml or change the id",
            )


def rule_ids_unique(content: Content) -> Iterator[Found]:
    """No two rule files hold the same id."""
    files: dict[str, str] = {}
    for path, rule in content.each("rule"):
        if rule.id == rule_id_in_name(path) and rule.id in files:
            yield (
                content.at(path, ("id",)),
                f"duplicate rule id '{rule.id}', also in "
                f"{files[rule.id]}; give one of them another id",
            )
            continue
        files[rule.id] = path


def ids_unique(content: Content) -> Iterator[Found]:
    """No two items of a list in UNIQUE_LISTS share an id (many become page anchors)."""
    for kind, attribute, noun in UNIQUE_LISTS:
        names = tuple(attribute.split("."))
        for path, model in content.each(kind):
            yield from unique(content, path, reduce(getattr, names, model), names, noun)
