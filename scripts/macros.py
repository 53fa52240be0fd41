"""mkdocs-macros module: thin macros that hand the content model to a template."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from revops.content import load_cached
from revops.pages import render
from revops.problems import InvalidInput


def define_env(env):
    root = Path(env.conf.config_file_path).parent

    def playbook():
        try:
            return load_cached(root)
        except InvalidInput as error:
            raise PluginError(f"the playbook content is invalid:\n{error}") from None

    def page_macro(template):
        def macro():
            depth = env.page.file.src_uri.count("/")
            return render(template, playbook=playbook(), to_root="../" * depth)
        macro.__name__ = template.split(".")[0].replace("-", "_")
        return macro

    for template in ("cards.md.j2", "roadmap.md.j2", "revops.md.j2", "operating-model.md.j2",
                     "levels.md.j2"):
        env.macro(page_macro(template))

    @env.macro
    def project_file(name):
        """Text of a file at the project root, e.g. CONTRIBUTING.md, shown as is."""
        return (root / name).read_text(encoding="utf-8")
