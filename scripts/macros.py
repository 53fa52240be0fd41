"""Macros module for the MkDocs hook (scripts/hooks.py, MkDocs and ProperDocs), Zensical's
macros extension and mkdocs-macros alike: thin macros that hand the content model to a template.

They hand `define_env` different objects: MkDocs' config and page (the hook, mkdocs-macros), or
Zensical's plain dictionary (with `root_dir`) and its own page (with `path`). `_project_root` and
`_page_source` read what the macros need from either.
"""

from __future__ import annotations

import os
from pathlib import Path

from revops.content.playbook import load_cached
from revops.foundation.problems import InvalidInput
from revops.site.pages import render

try:  # MkDocs and ProperDocs show a PluginError as one clean message
    from mkdocs.exceptions import PluginError
except ImportError:  # Zensical: a failed macro fails the build with its message

    class PluginError(Exception):
        pass


def _project_root(conf) -> Path:
    """The project folder: Zensical names it, MkDocs has the config file's path."""
    root = conf.get("root_dir")
    return Path(root) if root else Path(conf["config_file_path"]).parent


def _page_source(page) -> str:
    """The page's Markdown path under docs/, e.g. "assessment/index.md"."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def define_env(env):
    root = _project_root(env.conf)

    def playbook():
        try:
            return load_cached(root)
        except InvalidInput as error:
            raise PluginError(f"the playbook content is invalid:\n{error}") from None

    def source_root():
        """Prefix from the page's Markdown file to docs/: Markdown links resolve from there."""
        return "../" * _page_source(env.page).count("/")

    def address_root():
        """Prefix from the page's address to the site root: raw HTML resolves from there."""
        return "../" * env.page.url.count("/")

    def page_macro(template):
        def macro():
            return render(template, playbook=playbook(), to_root=source_root())

        macro.__name__ = template.split(".")[0].replace("-", "_")
        return macro

    for template in (
        "cards.md.j2",
        "roadmap.md.j2",
        "revops.md.j2",
        "operating-model.md.j2",
        "levels.md.j2",
        "interlocks.md.j2",
    ):
        env.macro(page_macro(template))

    @env.macro
    def operating_model_picture():
        """The network of functions RevOps joins, for the home page."""
        from revops.site.pages import figure
        from revops.site.pictures import operating_model_svg

        return figure(operating_model_svg(playbook()))

    @env.macro
    def reference_index():
        from revops.content.addresses import REFERENCE_PAGES

        return render(
            "reference-index.md.j2", reference_pages=REFERENCE_PAGES, to_root=source_root()
        )

    @env.macro
    def scoring_method():
        from revops.site.method import foundations, weighted_questions, worked_example

        book = playbook()
        return render(
            "method.md.j2",
            playbook=book,
            example=worked_example(book),
            foundations=foundations(book),
            weighted=weighted_questions(book),
            to_root=source_root(),
        )

    def overlay_path():
        """The company overlay to build with: $REVOPS_OVERLAY, else `extra: revops_overlay`
        in mkdocs.yml, relative to the project folder; None for the playbook as it is."""
        extra = env.conf.get("extra") or {}
        name = os.environ.get("REVOPS_OVERLAY") or extra.get("revops_overlay")
        return root / name if name else None

    @env.macro
    def assessment_page():
        """The assessment form, readable without JavaScript, with the bank for the scorer."""
        from revops.bank.build import bank, bank_script

        data, overlay = bank(playbook()), None
        if (path := overlay_path()) is not None:
            from revops.content.overlay import load_overlay

            try:
                overlay = load_overlay(path, data)
            except InvalidInput as error:
                raise PluginError(f"the company overlay is invalid:\n{error}") from None
            data = overlay.bank
        total = sum(len(rule["questions"]) for rule in data["rules"])
        from revops.advice.plan_limits import DEFAULT_LOAD, DEFAULT_QUARTERS, MAX_QUARTERS

        return render(
            "assessment.html.j2",
            plan_defaults={
                "quarters": DEFAULT_QUARTERS,
                "max_quarters": MAX_QUARTERS,
                "load": DEFAULT_LOAD,
            },
            bank=data,
            bank_json=bank_script(data),
            overlay=overlay,
            total=total,
            to_root=address_root(),
        )

    @env.macro
    def example_report(name):
        """The JSON report for an example answer file, with one rule and recommendation shown."""
        import json

        from revops.api import assess

        report = assess(playbook(), [root / name]).dump()
        del report["content"]  # names the revops version and bank hash: not for the page
        report["rules"] = report["rules"][:1]
        report["recommendations"] = report["recommendations"][:1]
        for respondent in report["respondents"]:
            respondent["source"] = name
        text = json.dumps(report, indent=2, ensure_ascii=False)
        # Out of the search index: its answer options would be found here, not on the
        # assessment page, where they are kept out of it too.
        return f"<div data-search-exclude markdown>\n\n```json\n{text}\n```\n\n</div>"

    @env.macro
    def report_fields():
        """The JSON report's fields, from the Report model that also checks reports."""
        from revops.reports.format_page import field_table

        return field_table()

    @env.macro
    def project_file(name):
        """Text of a file at the project root, e.g. CONTRIBUTING.md, shown as is."""
        return (root / name).read_text(encoding="utf-8")
