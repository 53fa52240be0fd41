"""What the assessment page loads besides its own scripts, put into a built site.

Plain Python, so that any site builder can call it after a build: the MkDocs hook does
(scripts/hooks.py, for ProperDocs too); after a build without hooks (Zensical), run
`python scripts/vendor.py site`. It copies the npm packages the page reads files with from
node_modules (no CDN: the page makes no request elsewhere) and writes the report sentences of
src/revops/reports/texts.json as a script the page loads. The page fetches the packages only
when a file is imported (docs/assets/assessment-import.js), so they do not weigh on its first
load.
"""

from __future__ import annotations

import json
from pathlib import Path

from revops.reports.texts import TEXTS

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"  # the project's
# (package, glob patterns of the files to copy from it, their folder in the site); each
# package's licence goes with it, as the licence asks.
VENDORED = [
    ("yaml", ["browser/dist/**/*.js", "LICENSE"], "assets/vendor/yaml"),
    # one minified script that sets window.fflate: the zip and workbook readers inflate with it
    ("fflate", ["umd/index.js", "LICENSE"], "assets/vendor/fflate"),
]
TEXTS_SCRIPT = "assets/revops-texts.js"


class VendoredFileMissing(Exception):
    """A file to copy is not in node_modules: `npm ci` was not run, or a package changed."""


def vendored_files(node_modules: Path = NODE_MODULES) -> list[tuple[Path, str]]:
    """Each file to copy and its path in the site."""
    found = []
    for package, patterns, target in VENDORED:
        folder = node_modules / package
        for pattern in patterns:
            matches = sorted(path for path in folder.glob(pattern) if path.is_file())
            if not matches:
                raise VendoredFileMissing(
                    f"node_modules/{package}/{pattern} is missing: run `npm ci` (or `make "
                    ".venv/.installed`) before building the site"
                )
            found += [(path, f"{target}/{_inside(path, folder, pattern)}") for path in matches]
    return found


def _inside(path: Path, folder: Path, pattern: str) -> str:
    """A file's path below the fixed start of its pattern: browser/dist/x.js -> x.js."""
    fixed = Path(pattern.split("*")[0]) if "*" in pattern else Path(pattern).parent
    return path.relative_to(folder / fixed).as_posix()


def texts_script() -> str:
    """texts.json as a script that sets window.RevOpsTexts."""
    return f"window.RevOpsTexts = {json.dumps(TEXTS, ensure_ascii=False)};\n"


def copy_vendored(
    site_dir, error: type[Exception] = VendoredFileMissing, node_modules: Path = NODE_MODULES
) -> None:
    """Copy the vendored packages and write the texts script into the built site at
    site_dir; a missing file raises `error` (a builder's own error type, for one clean
    message) naming what to run."""
    site = Path(site_dir)
    try:
        files = vendored_files(node_modules)
    except VendoredFileMissing as missing:
        raise error(str(missing)) from None
    for source, target in files:
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        (site / target).write_bytes(source.read_bytes())
    (site / TEXTS_SCRIPT).parent.mkdir(parents=True, exist_ok=True)
    (site / TEXTS_SCRIPT).write_text(texts_script(), encoding="utf-8")


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} SITE_DIR (a site built already)")
    try:
        copy_vendored(sys.argv[1])
    except VendoredFileMissing as missing:
        sys.exit(str(missing))
