#!/usr/bin/env python3
"""Site build budgets as ratios measured on this machine, then first-visit page weights.

1. Content-layer overhead: `mkdocs build --strict` of the project against a plain Material
   build of the same pages. The baseline is every page's Markdown as the content layer
   renders it (macros run, generated pages made), exported to static files and built with
   the same theme, overrides, Markdown extensions, nav and search, but no macros plugin and
   no hook. Budget: 1.15.
2. Linear growth: the same full build of a copy of the project grown to 90 rules (the new
   ones cloned from the existing rules), its build time per page against the project's.
   Budget: 1.00.
3. First-visit weight: every built page opened in headless Chromium, every file it
   requests gzipped and added up.

Times are CPU seconds (user + system) of the build process, the best of N rounds that each
run every build once: on a shared machine the wall clock also counts the time a build spends
waiting for a core, and a busy spell then weighs on every build alike. The page
templates are compiled once and kept (see revops.site.pages), and what the content makes is
kept between builds (revops.site.build_cache), so the overhead is that of a rebuild with
unchanged content; a line below gives the figure of a first build, with neither kept.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple

import yaml
from mkdocs.utils.yaml import yaml_load  # understands !ENV

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
OVERHEAD_BUDGET = 1.15
GROWTH_BUDGET = 1.00
GROWN_RULES = 90
PROJECT_FILES = [
    "playbook",
    "assessment",
    "docs",
    "overrides",
    "scripts",
    "mkdocs.yml",
    "CONTRIBUTING.md",
]

EXPORT_HOOK = """
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
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Build(NamedTuple):
    config: Path
    site: Path
    env: dict[str, str] = {}


def best_times(runs: int, builds: dict[str, Build]) -> dict[str, float]:
    """The least CPU time of each build over `runs` rounds. Every round runs each build once,
    so a busy spell on the machine weighs on all of them rather than on one."""
    times: dict[str, list[float]] = {name: [] for name in builds}
    for _ in range(runs):
        for name, build in builds.items():
            before = _children_cpu()
            result = subprocess.run(
                [MKDOCS, "build", "--strict", "-q", "-f", str(build.config), "-d", str(build.site)],
                cwd=build.config.parent,
                env={**ENV, **build.env},
                capture_output=True,
                text=True,
                check=False,
            )
            times[name].append(_children_cpu() - before)
            if result.returncode != 0:
                sys.exit(f"{name} build failed:\n{result.stderr[-2000:]}")
    return {name: min(values) for name, values in times.items()}


def page_count(site: Path) -> int:
    """Built pages: with directory URLs each one is an index.html."""
    return sum(1 for _ in site.rglob("index.html"))


def export_static(work: Path) -> Path:
    """A copy of the site as plain Markdown with a plain Material config."""
    (work / "export_hook.py").write_text(EXPORT_HOOK)
    config = yaml_load((ROOT / "mkdocs.yml").read_text())
    config["hooks"] = [str(ROOT / "scripts/hooks.py"), str(work / "export_hook.py")]
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    # The glue finds the content next to its config file, so this one sits in the project.
    export_config = ROOT / ".bench-export.yml"
    export_config.write_text(yaml.safe_dump(config))
    env = {**ENV, "REVOPS_EXPORT": str(work)}
    try:
        subprocess.run(
            [MKDOCS, "build", "-q", "-f", str(export_config), "-d", str(work / "export-site")],
            env=env,
            check=True,
            cwd=ROOT,
        )
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
    # The same static pages with mkdocs-macros on but no macros module: what that plugin
    # would cost (the project's hook runs the macros instead, scripts/hooks.py).
    plain["plugins"] = [
        "search",
        {"macros": {"on_undefined": "strict", "render_by_default": False}},
    ]
    (work / "plain-macros.yml").write_text(yaml.safe_dump(plain))
    return work / "plain.yml"


def copy_with_rules(target: Path, count: int) -> Path:
    """A copy of the project whose playbook has `count` rules, the extra ones cloned from
    the existing rules (each with its own id, title and questions)."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    # The build copies the page's npm packages from node_modules (scripts/vendor.py).
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    rules = sorted((target / "playbook/rules").glob("*.yaml"))
    if not 0 < len(rules) <= count <= 99:
        sys.exit(f"cannot grow {len(rules)} rules to {count}")
    for number in range(len(rules) + 1, count + 1):
        original = rules[(number - 1) % len(rules)]
        rule_id = original.stem.split("-", 1)[1]
        new_id = f"{rule_id}-{number}"
        text = original.read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
        text = re.sub(r"^title: (.*)$", rf"title: \1 ({number})", text, count=1, flags=re.M)
        (target / f"playbook/rules/{number:02d}-{new_id}.yaml").write_text(text, "utf-8")
        questions = (target / f"assessment/questions/{rule_id}.yaml").read_text("utf-8")
        questions = re.sub(r"^rule: .*$", f"rule: {new_id}", questions, count=1, flags=re.M)
        questions = re.sub(r"- id: (\S+)", rf"- id: n{number}-\1", questions)
        # validation refuses two questions that read alike, as survey exports could not
        # tell them apart
        questions = re.sub(
            r"^(    text: (?:>-\n      )?)(.*)$", rf"\1\2 (copy {number})", questions, flags=re.M
        )  # a text on its own line, or on the line after `>-`
        questions = _evidence_marked(questions, f"(copy {number})")  # nor two like hints
        # a domain lists the rules it serves, and no domain lists the copy
        questions = re.sub(r"\n    domain: \S+", "", questions)
        (target / f"assessment/questions/{new_id}.yaml").write_text(questions, "utf-8")
    return target


def _evidence_marked(text: str, mark: str) -> str:
    """A questions file with `mark` before each evidence hint (the lines under a question's
    `evidence:`, a hint either on its level's line or on the line after `>-`)."""
    lines, in_evidence, next_is_hint = text.split("\n"), False, False
    for i, line in enumerate(lines):
        if next_is_hint:
            lines[i] = re.sub(r"^(\s*)", rf"\1{mark} ", line, count=1)
            next_is_hint = False
        elif re.match(r"^    \S", line):
            in_evidence = line.strip() == "evidence:"
        elif in_evidence and (level := re.match(r"^(      \d+: )(.*)$", line)):
            if level[2] in (">-", ">", "|", "|-"):
                next_is_hint = True
            else:
                lines[i] = f"{level[1]}{mark} {level[2]}"
    return "\n".join(lines)


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
    pages = sorted(
        str(p.relative_to(site).parent).replace(".", "") for p in site.rglob("index.html")
    )
    rows = []
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
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
                    path = site / url[len(base) :].split("#")[0].split("?")[0]
                    path = path / "index.html" if path.is_dir() else path
                    if path.is_file():
                        total += len(gzip.compress(path.read_bytes(), 9))
            rows.append((page_path or "(home)", len(urls), total))
            context.close()
        browser.close()
    server.shutdown()
    return rows


def verdict(name: str, ratio: float, budget: float) -> str:
    return f"{name}: {ratio:.2f}x (budget {budget:.2f}x) {'OK' if ratio <= budget else 'OVER'}"


def compile_library() -> None:
    """Write the bytecode of the library and the hooks, as `pip install` does for the
    packages the plain build imports; under PYTHONDONTWRITEBYTECODE the project's build
    would otherwise compile them on every run."""
    for folder in (ROOT / "src" / "revops", ROOT / "scripts"):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per case; best is shown")
    parser.add_argument(
        "--grown-rules",
        type=int,
        default=GROWN_RULES,
        metavar="N",
        help=f"rules in the grown copy (default {GROWN_RULES}; the tests use a small one)",
    )
    parser.add_argument(
        "--no-weights", action="store_true", help="skip the page weights (they need Chromium)"
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    compile_library()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain_config = export_static(work)
        grown = copy_with_rules(work / "grown", args.grown_rules)
        # Each project build runs once untimed first, so that every timed one is a rebuild
        # (its build cache filled) however few rounds are asked for.
        best_times(
            1,
            {
                "project": Build(ROOT / "mkdocs.yml", work / "full"),
                "grown": Build(grown / "mkdocs.yml", work / "gs"),
            },
        )
        times = best_times(
            args.runs,
            {
                "project": Build(ROOT / "mkdocs.yml", work / "full"),
                "plain": Build(plain_config, work / "plain"),
                "uncached": Build(
                    ROOT / "mkdocs.yml",
                    work / "cold",
                    {"REVOPS_TEMPLATE_CACHE": "off", "REVOPS_BUILD_CACHE": "off"},
                ),
                "macros": Build(work / "plain-macros.yml", work / "pm"),
                "grown": Build(grown / "mkdocs.yml", work / "gs"),
            },
        )
        full, plain, uncached, macros, grown_time = (
            times[name] for name in ("project", "plain", "uncached", "macros", "grown")
        )
        pages, grown_pages = page_count(work / "full"), page_count(work / "gs")

        print(f"site build, CPU seconds, best of {args.runs} rounds")
        print(verdict("content-layer overhead", full / plain, OVERHEAD_BUDGET))
        print(
            f"  project build {full:.2f} s; plain Material build of the same {pages} pages "
            f"{plain:.2f} s"
        )
        print(
            f"  first build (no compiled templates, no build cache): "
            f"{uncached / plain:.2f}x ({uncached:.2f} s)"
        )
        print(
            f"  mkdocs-macros plugin alone on the plain pages: {macros / plain:.2f}x "
            "(the project runs its macros from its hook instead)"
        )
        rules = len(list((ROOT / "playbook/rules").glob("*.yaml")))
        print(
            verdict(
                f"per-page time, {args.grown_rules} rules vs {rules}",
                (grown_time / grown_pages) / (full / pages),
                GROWTH_BUDGET,
            )
        )
        print(
            f"  {grown_pages} pages in {grown_time:.2f} s ({grown_time / grown_pages:.3f} s "
            f"a page); {pages} pages in {full:.2f} s ({full / pages:.3f} s a page)"
        )
        if args.no_weights:
            return 0
        print("\nfirst-visit weight per page (every request, gzipped):")
        rows = page_weights(work / "full")
        for page, requests, size in rows:
            print(f"  {page:<36} {requests:3d} requests  {size / 1024:7.1f} KiB")
        print(f"  {'total':<36}               {sum(r[2] for r in rows) / 1024:7.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
