"""MkDocs hook: one generated page per rule and per reference kind, with nav entries and
edit links that open the YAML a contributor changes.

The only MkDocs-specific code besides scripts/macros.py. Fails the build on invalid content.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import revops
from revops.addresses import REFERENCE_PAGES
from revops.content import load_cached
from revops.pages import reference_page, rule_page
from revops.problems import InvalidInput

RULES_INDEX = "rules/index.md"
REFERENCE_INDEX = "reference/index.md"


def _playbook(config):
    try:
        return load_cached(Path(config.config_file_path).parent)
    except InvalidInput as error:
        raise PluginError(f"the playbook content is invalid:\n{error}") from None


def _is_index(entry, index: str) -> bool:
    return entry == index or (isinstance(entry, dict) and index in entry.values())


def _section(nav, index: str):
    """The nav list holding the index page; generated pages are appended after it."""
    for item in nav or []:
        for value in (item.values() if isinstance(item, dict) else []):
            if isinstance(value, list):
                if any(_is_index(entry, index) for entry in value):
                    return value
                found = _section(value, index)
                if found is not None:
                    return found
    return None


def _fill_section(config, index: str, entries: list[dict]) -> None:
    section = _section(config.nav, index)
    if section is None:
        raise PluginError(f"mkdocs.yml nav needs a section that lists {index}")
    position = next(i for i, entry in enumerate(section) if _is_index(entry, index))
    del section[position + 1:]
    section.extend(entries)


def on_config(config):
    playbook = _playbook(config)
    _fill_section(config, RULES_INDEX,
                  [{rule.title: f"rules/{rule.id}.md"} for rule in playbook.rules])
    _fill_section(config, REFERENCE_INDEX,
                  [{page.title: page.source} for page in REFERENCE_PAGES.values()])
    return config


def on_files(files, config):
    from revops.example import example_scores

    playbook = _playbook(config)
    for rule in playbook.rules:
        page = File.generated(config, f"rules/{rule.id}.md", content=rule_page(playbook, rule))
        page.edit_uri = playbook.rule_files[rule.id]
        files.append(page)
    for name, spec in REFERENCE_PAGES.items():
        extra = {"scores": example_scores(playbook)} if name == "worked_example" else {}
        page = File.generated(config, spec.source,
                              content=reference_page(playbook, name, **extra))
        page.edit_uri = spec.yaml
        files.append(page)
    return files


def on_page_context(context, page, config, nav):
    """A folder has no edit view on GitHub: link to its listing, where each file opens."""
    if page.edit_url and page.file.edit_uri and page.file.edit_uri.endswith("/"):
        page.edit_url = page.edit_url.replace("/edit/", "/tree/", 1)
    return context


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when content, templates or CONTRIBUTING.md change."""
    root = Path(config.config_file_path).parent
    for path in (root / "playbook", root / "assessment", root / "CONTRIBUTING.md",
                 Path(revops.__file__).parent / "templates"):
        server.watch(str(path))
    return server
