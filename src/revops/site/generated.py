"""A page made from the content model: what any site generator's glue needs to write it out
and list it in the nav. Kept apart from the renderers (pages.py) so that the glue can handle
pages it already has, e.g. from the build cache, without loading the content layer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

RULES_INDEX = "rules/index.md"  # the hand-written pages the generated ones are listed under
REFERENCE_INDEX = "reference/index.md"


@dataclass(frozen=True)
class GeneratedPage:
    source: str  # its Markdown path under docs/, e.g. "rules/alignment.md"
    title: str  # its nav entry
    section: str  # the hand-written index page it follows in the nav
    edit_path: str  # what a contributor edits, from the project root
    render: Callable[[], str]  # its Markdown, made only when asked for
