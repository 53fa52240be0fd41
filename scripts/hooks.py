"""MkDocs hook: registers the pages revops.site.pages generates (one per rule and per reference
kind) with nav entries and edit links that open the YAML a contributor changes.

The only MkDocs-specific code besides scripts/macros.py. Fails the build on invalid content
and on a hand-written page whose macros were not rendered. ProperDocs runs it unchanged: it
answers `mkdocs.*` imports with its own modules.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import revops
from revops.content.playbook import load_cached
from revops.foundation.problems import InvalidInput
from revops.site.pages import generated_pages
from vendor import copy_vendored  # scripts/vendor.py: MkDocs puts this folder on the path

MACRO_MARKS = ("{{", "{%")


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
        for value in item.values() if isinstance(item, dict) else []:
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
    del section[position + 1 :]
    section.extend(entries)


def on_config(config):
    pages = generated_pages(_playbook(config))
    for index in dict.fromkeys(page.section for page in pages):
        _fill_section(
            config, index, [{page.title: page.source} for page in pages if page.section == index]
        )
    return config


def on_files(files, config):
    for page in generated_pages(_playbook(config)):
        file = File.generated(config, page.source, content=page.render())
        file.edit_uri = page.edit_path
        files.append(file)
    return files


def on_page_markdown(markdown, *, page, config, files):
    """Macros render only pages that opt in; a hand-written page that forgot to fails here."""
    if page.file.generated_by is None and not page.meta.get("render_macros"):
        if any(mark in markdown for mark in MACRO_MARKS):
            raise PluginError(
                f"docs/{page.file.src_uri} calls a macro but is not rendered: "
                "add 'render_macros: true' to its front matter"
            )
    return markdown


def on_page_context(context, page, config, nav):
    """Edit links open what a contributor changes: a hand-written page's Markdown under docs/,
    or the file its front matter names as `edit_source` (the YAML behind a macro page). A
    folder has no edit view on GitHub: link to its listing, where each file opens."""
    if page.file.generated_by is None and page.edit_url and config.edit_uri:
        page.edit_url = config.edit_uri + (
            page.meta.get("edit_source") or f"docs/{page.file.src_uri}"
        )
    if page.edit_url and page.edit_url.endswith("/"):
        page.edit_url = page.edit_url.replace("/edit/", "/tree/", 1)
    return context


def on_post_build(config):
    copy_vendored(config.site_dir, PluginError)


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when content, templates or CONTRIBUTING.md change."""
    root = Path(config.config_file_path).parent
    for path in (
        root / "playbook",
        root / "assessment",
        root / "CONTRIBUTING.md",
        Path(revops.__file__).parent / "templates",
    ):
        server.watch(str(path))
    return server
