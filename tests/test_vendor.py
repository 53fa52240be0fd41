"""What the site build adds for the assessment page (scripts/vendor.py): the npm packages it
loads on the first import, copied from node_modules, and the report sentences it writes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from revops.reports.texts import TEXTS

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("vendor", ROOT / "scripts/vendor.py")
vendor = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vendor)


def test_the_yaml_package_is_copied_with_its_licence(tmp_path):
    vendor.copy_vendored(tmp_path)
    folder = tmp_path / "assets/vendor/yaml"
    assert (folder / "LICENSE").read_text().startswith("Copyright Eemeli Aro")
    entry = (folder / "index.js").read_text()
    assert "export { parse, parseAllDocuments, parseDocument, stringify }" in entry
    # every module the entry imports, and theirs, is there (the page imports them by path)
    for path in folder.rglob("*.js"):
        for line in path.read_text().splitlines():
            if line.startswith(("import ", "export ")) and " from '" in line:
                assert (path.parent / line.split(" from '")[1].split("'")[0]).is_file(), line


def test_the_zip_package_is_copied_with_its_licence(tmp_path):
    vendor.copy_vendored(tmp_path)
    folder = tmp_path / "assets/vendor/fflate"
    assert (folder / "LICENSE").read_text().startswith("MIT License")
    script = (folder / "index.js").read_text()
    # one script that sets window.fflate when no module loader is on the page
    assert ".fflate=f()" in script and "import " not in script.split("\n")[0]


def test_the_page_gets_the_sentences_python_writes(tmp_path):
    vendor.copy_vendored(tmp_path)
    script = (tmp_path / "assets/revops-texts.js").read_text(encoding="utf-8")
    prefix, suffix = "window.RevOpsTexts = ", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    assert json.loads(script[len(prefix) : -len(suffix)]) == TEXTS


def test_a_missing_package_is_named_with_what_to_run(tmp_path):
    class BuildError(Exception):
        pass

    missing = r"node_modules/yaml/browser/dist/\*\*/\*\.js is missing: run `npm ci`"
    with pytest.raises(BuildError, match=missing):
        vendor.copy_vendored(tmp_path / "site", BuildError, tmp_path / "node_modules")
    assert not (tmp_path / "site").exists()


def test_the_built_site_holds_them(built_site):
    assert (built_site / "assets/vendor/yaml/index.js").is_file()
    assert (built_site / "assets/vendor/fflate/index.js").is_file()
    assert (built_site / "assets/revops-texts.js").is_file()


def test_it_runs_after_a_build_without_hooks(tmp_path):
    script = [sys.executable, str(ROOT / "scripts/vendor.py")]
    done = subprocess.run([*script, str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "assets/vendor/yaml/index.js").is_file()
    assert (tmp_path / "assets/revops-texts.js").is_file()
    done = subprocess.run(script, capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.startswith("usage: ")
