"""MkDocs hook: one generated page per rule, its nav entry and its edit link.

The only MkDocs-specific code besides scripts/macros.py. Fails the build on invalid content.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import revops
from revops.content import load_cached
from revops.pages import rule_page
from revops.problems import InvalidInput

RULES_INDEX = "rules/index.md"


def _playbook(config):
    try:
        return load_cached(Path(config.config_file_path).parent)
    except InvalidInput as error:
        raise PluginError(f"the playbook content is invalid:\n{error}") from None


def _is_rules_index(entry) -> bool:
    return entry == RULES_INDEX or (isinstance(entry, dict) and RULES_INDEX in entry.values())


def _rules_section(nav):
    """The nav list holding rules/index.md; the rule pages are appended after it."""
    for item in nav or []:
        for value in (item.values() if isinstance(item, dict) else []):
            if isinstance(value, list):
                if any(_is_rules_index(entry) for entry in value):
                    return value
                found = _rules_section(value)
                if found is not None:
                    return found
    return None


def on_config(config):
    playbook = _playbook(config)
    section = _rules_section(config.nav)
    if section is None:
        raise PluginError(f"mkdocs.yml nav needs a section that lists {RULES_INDEX}")
    index = next(i for i, entry in enumerate(section) if _is_rules_index(entry))
    del section[index + 1:]
    section.extend({rule.title: f"rules/{rule.id}.md"} for rule in playbook.rules)
    return config


def on_files(files, config):
    playbook = _playbook(config)
    for rule in playbook.rules:
        page = File.generated(config, f"rules/{rule.id}.md", content=rule_page(playbook, rule))
        page.edit_uri = playbook.rule_files[rule.id]
        files.append(page)
    return files


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when content, templates or CONTRIBUTING.md change."""
    root = Path(config.config_file_path).parent
    for path in (root / "playbook", root / "assessment", root / "CONTRIBUTING.md",
                 Path(revops.__file__).parent / "templates"):
        server.watch(str(path))
    return server
