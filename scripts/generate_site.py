#!/usr/bin/env python3
"""Write the generated pages under docs/ for site generators that run no MkDocs hook.

The MkDocs hook (scripts/hooks.py) does the same as the first step of every MkDocs or
ProperDocs build. Zensical runs no hooks: run this first, then build with the configuration
it writes beside mkdocs.yml, which is mkdocs.yml with the generated pages in its nav and the
macros of scripts/macros.py turned on (under MkDocs the hook runs them):

    .venv/bin/python scripts/generate_site.py
    .venv/bin/zensical build -f mkdocs.generated.yml

Needs no site generator installed. Exits 1 with the problems listed if the content is invalid.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from revops.cli.main import build_parser
from revops.content.playbook import load_playbook
from revops.foundation.problems import InvalidInput
from revops.site.tree import SiteTreeError, fill_nav, site_pages, source_file, write_pages

ROOT = Path(__file__).resolve().parent.parent
GENERATED_CONFIG = "mkdocs.generated.yml"
CONFIG_HEADER = """\
# Written by scripts/generate_site.py: mkdocs.yml with the generated pages in its nav, for
# site generators that run no hooks (Zensical). Edit mkdocs.yml, never this file.
"""
# Zensical's macros extension takes mkdocs-macros' settings: the hand-written pages that say
# `render_macros: true` call the macros in scripts/macros.py, as the MkDocs hook runs them.
MACROS = {
    "module_name": "scripts/macros",
    "on_undefined": "strict",
    "on_error_fail": True,
    "render_by_default": False,
}


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: `!ENV [NAME, default]` reads the variable or its default."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, ..., default]`: the first variable set, else the default."""
    if not isinstance(node, yaml.SequenceNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _environment_value)


def generate(root: Path, config_name: str = "mkdocs.yml") -> list[str]:
    """Write the pages and the generated configuration; the lines to print."""
    config = yaml.load((root / config_name).read_text(encoding="utf-8"), _ConfigLoader)
    pages = site_pages(load_playbook(root), build_parser(), source_file(build_parser, root))
    docs = root / config.get("docs_dir", "docs")
    written = write_pages(docs, pages, config.get("edit_uri", ""))
    nav = yaml.safe_dump(
        {
            "INHERIT": config_name,
            "nav": fill_nav(config.get("nav", []), pages),
            "plugins": [{"macros": MACROS}],  # added to mkdocs.yml's
        },
        sort_keys=False,
        allow_unicode=True,
    )
    (root / GENERATED_CONFIG).write_text(CONFIG_HEADER + nav, encoding="utf-8")
    return [
        f"{len(pages)} generated pages under {docs.relative_to(root)}/: "
        f"{len(written.written)} written, {len(written.unchanged)} unchanged, "
        f"{len(written.removed)} removed",
        f"wrote {GENERATED_CONFIG}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the project folder (default: this one)"
    )
    args = parser.parse_args(argv)
    try:
        lines = generate(args.root)
    except InvalidInput as error:
        print(f"the playbook content is invalid:\n{error}", file=sys.stderr)
        return 1
    except (SiteTreeError, OSError, yaml.YAMLError) as error:
        print(f"the generated pages could not be written: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
