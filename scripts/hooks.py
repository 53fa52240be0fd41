"""MkDocs hook: the thin adapter between MkDocs (or ProperDocs) and the site tree.

- Before the build, it writes the generated pages under docs/ (revops.site.tree, as
  scripts/generate_site.py does for builders that run no hooks) and lists them in the nav.
- It adds the printable playbook (print_page/), made by revops.site.printable from every
  page's HTML once all are rendered.
- It points each hand-written page's edit link at what a contributor changes.
- It fails the build on invalid content and on a hand-written page whose macros were not
  rendered.

ProperDocs runs it unchanged: it answers `mkdocs.*` imports with its own modules.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import revops
from revops.cli.main import build_parser
from revops.content.playbook import load_cached
from revops.foundation.problems import InvalidInput
from revops.site.printable import Chapter, printable_page
from revops.site.tree import (
    SiteTreeError,
    edit_url,
    fill_nav,
    site_pages,
    source_file,
    write_pages,
)
from vendor import copy_vendored  # scripts/vendor.py: MkDocs puts this folder on the path

MACRO_MARKS = ("{{", "{%")
_built: dict = {}  # this build's nav, from on_nav to on_env
PRINT_PAGE = "print_page.md"
PRINT_PAGE_FRONT = """---
title: {title}
description: >-
  Every page of the playbook on one page, with a table of contents, to print or save as a PDF.
template: print-page.html
hide:
  - navigation
  - toc
search:
  exclude: true
render_macros: false
---
"""


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_config(config):
    """The first step of the build: the generated pages, written and listed in the nav."""
    root = _root(config)
    try:
        overlay = os.environ.get("REVOPS_OVERLAY") or config.extra.get("revops_overlay")
        pages = site_pages(
            load_cached(root),
            build_parser(),
            source_file(build_parser, root),
            root / overlay if overlay else None,  # its planning inputs shape that page
        )
        write_pages(Path(config.docs_dir), pages, config.edit_uri)
        fill_nav(config.nav, pages)
    except InvalidInput as error:
        raise PluginError(f"the playbook content is invalid:\n{error}") from None
    except (SiteTreeError, OSError) as error:
        raise PluginError(f"the generated pages could not be written: {error}") from None
    return config


def on_files(files, config):
    title = config.extra.get("print_page", {}).get("title", config.site_name)
    front = PRINT_PAGE_FRONT.format(title=json.dumps(title))  # a JSON string is valid YAML
    files.append(File.generated(config, PRINT_PAGE, content=front))
    return files


def on_nav(nav, config, files):
    _built["nav"] = nav
    return nav


def on_env(env, config, files):
    """Every page is rendered by now: the print page gathers them, in nav order."""
    left_out = set(config.extra.get("print_page", {}).get("exclude", []))
    page = files.get_file_from_path(PRINT_PAGE).page
    chapters = [
        Chapter(item.url, item.title, item.content, item.parent.title if item.parent else "")
        for item in _built["nav"].pages
        if item.file.src_uri not in left_out
    ]
    page.content = printable_page(
        chapters, title=page.title, description=config.site_description, page_url=page.url
    )
    return env


def on_page_markdown(markdown, *, page, config, files):
    """Macros render only pages that opt in; a hand-written page that forgot fails here. A
    page that says `render_macros: false` (every generated page) opts out on purpose."""
    if "render_macros" not in page.meta and any(mark in markdown for mark in MACRO_MARKS):
        raise PluginError(
            f"docs/{page.file.src_uri} calls a macro but is not rendered: "
            "add 'render_macros: true' to its front matter"
        )
    return markdown


def on_page_context(context, page, config, nav):
    """Edit links open what a contributor changes: a generated page's `edit_url`, the file a
    hand-written page names as `edit_source` (the YAML behind a macro page), or its own
    Markdown under docs/. The generated print page has none."""
    if page.file.generated_by is not None:
        page.edit_url = None
    elif page.meta.get("edit_url"):
        page.edit_url = page.meta["edit_url"]
    elif config.edit_uri:
        source = page.meta.get("edit_source") or f"docs/{page.file.src_uri}"
        page.edit_url = edit_url(config.edit_uri, source)
    return context


def on_post_build(config):
    """After the site is written: files copied into it from elsewhere go here."""
    copy_vendored(config.site_dir, PluginError)


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when content, templates or CONTRIBUTING.md change."""
    root = _root(config)
    for path in (
        root / "playbook",
        root / "assessment",
        root / "CONTRIBUTING.md",
        Path(revops.__file__).parent / "templates",
    ):
        server.watch(str(path))
    return server
