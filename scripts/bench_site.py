#!/usr/bin/env python3
"""Performance budget for the site: build overhead of the content layer, and page weights.

1. Times `mkdocs build --strict` of the real project (best of N).
2. Exports every page's Markdown as the content layer renders it (macros run, rule pages
   generated) and times a plain Material build of those static files, with no macros plugin
   and no hook. The ratio of 1 to 2 is the content layer's overhead (budget: under 1.15).
3. Opens every built page in headless Chromium and adds up, gzipped, every file it requests:
   the weight of a first visit.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load  # understands !ENV

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BUDGET = 1.15

EXPORT_HOOK = '''
import json, os
from pathlib import Path
OUT = Path(os.environ["REVOPS_EXPORT"])

def on_config(config):
    (OUT / "nav.json").write_text(json.dumps(config.nav))

def on_page_markdown(markdown, page, config, files):
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if k in ("title", "description")}
    target.write_text("---\\n" + json.dumps(meta) + "\\n---\\n\\n" + markdown)
    return markdown
'''


def best_of(runs: int, command: list[str], cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True,
                                check=False)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"build failed in {cwd}:\n{result.stderr[-2000:]}")
    return min(times)


def export_static(work: Path) -> Path:
    """A copy of the site as plain Markdown with a plain Material config."""
    (work / "export_hook.py").write_text(EXPORT_HOOK)
    config = yaml_load((ROOT / "mkdocs.yml").read_text())
    config["hooks"] = [str(ROOT / "scripts/hooks.py"), str(work / "export_hook.py")]
    config["plugins"][1]["macros"]["module_name"] = str(ROOT / "scripts/macros")
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    # The glue finds the content next to its config file, so this one sits in the project.
    export_config = ROOT / ".bench-export.yml"
    export_config.write_text(yaml.safe_dump(config))
    env = {**ENV, "REVOPS_EXPORT": str(work)}
    try:
        subprocess.run([MKDOCS, "build", "-q", "-f", str(export_config), "-d",
                        str(work / "export-site")], env=env, check=True, cwd=ROOT)
    finally:
        export_config.unlink()
    shutil.copytree(ROOT / "docs/assets", work / "docs/assets", dirs_exist_ok=True)
    plain = yaml_load((ROOT / "mkdocs.yml").read_text())
    plain["plugins"] = ["search"]
    plain.pop("hooks")
    plain["docs_dir"] = str(work / "docs")
    plain["theme"]["custom_dir"] = str(ROOT / "overrides")
    plain["nav"] = json.loads((work / "nav.json").read_text())
    (work / "plain.yml").write_text(yaml.safe_dump(plain))
    # The same static pages with the macros plugin on but no macros module: its own cost.
    plain["plugins"] = ["search", {"macros": {"on_undefined": "strict"}}]
    (work / "plain-macros.yml").write_text(yaml.safe_dump(plain))
    return work / "plain.yml"


def page_weights(site: Path) -> list[tuple[str, int, int]]:
    """(page, requests, gzipped bytes) for a first visit to every page."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = sorted(str(p.relative_to(site).parent).replace(".", "")
                   for p in site.rglob("index.html"))
    rows = []
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        for page_path in pages:
            context = browser.new_context()
            tab = context.new_page()
            urls: list[str] = []
            tab.on("request", lambda request, urls=urls: urls.append(request.url))
            tab.goto(base + (page_path + "/" if page_path else ""), wait_until="networkidle")
            total = 0
            for url in urls:
                if url.startswith(base):
                    path = site / url[len(base):].split("#")[0].split("?")[0]
                    path = path / "index.html" if path.is_dir() else path
                    if path.is_file():
                        total += len(gzip.compress(path.read_bytes(), 9))
            rows.append((page_path or "(home)", len(urls), total))
            context.close()
        browser.close()
    server.shutdown()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per case; best is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        full = best_of(args.runs, [MKDOCS, "build", "--strict", "-q", "-d", str(work / "full")],
                       ROOT)
        plain_config = export_static(work)
        plain = best_of(args.runs, [MKDOCS, "build", "--strict", "-q", "-f", str(plain_config),
                                    "-d", str(work / "plain")], ROOT)
        macros = best_of(args.runs, [MKDOCS, "build", "--strict", "-q", "-f",
                                     str(work / "plain-macros.yml"), "-d", str(work / "pm")],
                         ROOT)
        ratio = full / plain
        print(f"full strict build (content layer):    {full:.2f} s")
        print(f"plain Material build of static pages: {plain:.2f} s")
        print(f"overhead ratio:                       {ratio:.3f} "
              f"({'within' if ratio < BUDGET else 'OVER'} the {BUDGET} budget)")
        print(f"  of which the macros plugin alone:   {macros / plain:.3f} "
              f"(static pages, plugin on, no macros module: {macros:.2f} s)")
        print("\nfirst-visit weight per page (every request, gzipped):")
        rows = page_weights(work / "full")
        for page, requests, size in rows:
            print(f"  {page:<36} {requests:3d} requests  {size / 1024:7.1f} KiB")
        print(f"  {'total':<36}               {sum(r[2] for r in rows) / 1024:7.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
