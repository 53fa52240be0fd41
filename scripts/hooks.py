"""MkDocs hook: the thin adapter between MkDocs (or ProperDocs) and the site tree.

- Before the build, it writes the generated pages under docs/ (revops.site.tree, as
  scripts/generate_site.py does for builders that run no hooks) and lists them in the nav.
- It runs the macros of scripts/macros.py on the hand-written pages that opt in
  (`render_macros: true`), as mkdocs-macros would, without loading that plugin.
- What the content makes (generated pages, macro pages, the print page) is kept between builds
  (revops.site.build_cache): a rebuild with unchanged inputs loads no content.
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
from revops.foundation.problems import InvalidInput
from revops.site.build_cache import BuildCache, build_cache, entry_key
from revops.site.tree import SiteTreeError, edit_url, fill_nav, write_pages
from vendor import copy_vendored  # scripts/vendor.py: MkDocs puts this folder on the path

MACRO_MARKS = ("{{", "{%")
_built: dict = {}  # this build's cache (from on_config) and nav (from on_nav)
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


def _overlay(config) -> str:
    return os.environ.get("REVOPS_OVERLAY") or config.extra.get("revops_overlay") or ""


def _cache(config) -> BuildCache:
    """This build's cache (revops.site.build_cache), keyed by everything the glue reads."""
    root, overlay = _root(config), _overlay(config)
    files = [*Path(__file__).parent.glob("*.py"), *(p for p in root.iterdir() if p.is_file())]
    settings = [overlay, config.edit_uri or "", json.dumps(config.extra, default=str)]
    return build_cache(root, [*files, *([root / overlay] if overlay else [])], settings)


def _generated_pages(root: Path, overlay: str) -> list:
    """Every generated page, rendered from the content (a cache miss)."""
    from revops.cli.main import build_parser
    from revops.content.playbook import load_cached
    from revops.site.tree import site_pages, source_file

    return site_pages(
        load_cached(root),
        build_parser(),
        source_file(build_parser, root),
        root / overlay if overlay else None,  # its planning inputs shape that page
    )


def on_config(config):
    """The first step of the build: the generated pages, written and listed in the nav."""
    root = _root(config)
    try:
        _built.clear()  # `mkdocs serve` runs this for each rebuild
        cache = _built["cache"] = _cache(config)
        pages = cache.pages(lambda: _generated_pages(root, _overlay(config)))
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
        (item.url, item.title, item.content, item.parent.title if item.parent else "")
        for item in _built["nav"].pages
        if item.file.src_uri not in left_out
    ]
    made = (chapters, page.title, config.site_description, page.url)
    page.content = _built["cache"].text(
        entry_key("print page", json.dumps(made)), lambda: _print_page(*made)
    )
    return env


def _print_page(chapters, title, description, url) -> str:
    from revops.site.printable import Chapter, printable_page

    parts = [Chapter(*chapter) for chapter in chapters]
    return printable_page(parts, title=title, description=description, page_url=url)


def on_page_markdown(markdown, *, page, config, files):
    """Macros run on the pages that opt in (`render_macros: true`); a hand-written page that
    calls one without opting in fails here. A page that says `render_macros: false` (every
    generated page) opts out on purpose. A page rendered before from the same Markdown and
    inputs comes from the build cache."""
    opted_in = page.meta.get("render_macros")
    if opted_in is None and any(mark in markdown for mark in MACRO_MARKS):
        raise PluginError(
            f"docs/{page.file.src_uri} calls a macro but is not rendered: "
            "add 'render_macros: true' to its front matter"
        )
    if opted_in is not True:
        return markdown
    key = entry_key("macro page", page.file.src_uri, page.url, markdown)
    return _built["cache"].text(key, lambda: _macros(config).render(markdown, page))


def _macros(config) -> Macros:
    if "macros" not in _built:
        _built["macros"] = Macros(config)
    return _built["macros"]


class Macros:
    """The part of mkdocs-macros that scripts/macros.py uses (`env.conf`, `env.page`,
    `env.macro`), with its settings here: undefined names fail, no other variables. Loading
    mkdocs-macros (requests, git calls) cost more than this project's whole budget for the
    content layer (scripts/bench_site.py); Zensical's macros extension runs the same module
    (scripts/generate_site.py names it there)."""

    def __init__(self, config) -> None:
        import importlib.util

        from jinja2 import Environment, StrictUndefined

        self.conf, self.page = config, None
        self.jinja = Environment(undefined=StrictUndefined)
        path = Path(__file__).with_name("macros.py")
        spec = importlib.util.spec_from_file_location("revops_site_macros", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.define_env(self)

    def macro(self, function, name: str = ""):
        self.jinja.globals[name or function.__name__] = function
        return function

    def render(self, markdown: str, page) -> str:
        from jinja2 import TemplateError

        self.page = page
        try:
            return self.jinja.from_string(markdown).render()
        except TemplateError as error:
            raise PluginError(f"docs/{page.file.src_uri}: {error}") from None


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
