#!/usr/bin/env python3
"""Lighthouse scores of the built site, served with gzip as a static host would serve it.

Run after `make build`: .venv/bin/python scripts/lighthouse.py [--runs N] [PAGE ...]
It fetches Lighthouse through npx on first use (about 180 MB, so it is not a test
dependency) and drives Debian's Chromium. Prints one line per page: the median of N loads
(5 unless told) for performance, accessibility, best practices and SEO, on Lighthouse's
default (mobile) settings, and each load's performance score, which a busy machine moves.
Exits 1 when a median is under 95.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "site"
PAGES = ["", "rules/alignment/", "assessment/"]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """Static files, compressed when the browser accepts it."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        data = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(data)


def run_lighthouse(url: str, folder: str, env: dict) -> dict[str, int] | str:
    """{category: score} for one load of the page, or what went wrong."""
    out = Path(folder) / "report.json"
    out.unlink(missing_ok=True)
    result = subprocess.run(
        [
            "npx",
            "--yes",
            "lighthouse@13",
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        return f"lighthouse failed: {result.stderr.strip()[-300:]}"
    return {
        name: round(category["score"] * 100)
        for name, category in json.loads(out.read_text(encoding="utf-8"))["categories"].items()
    }


def main(args: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "pages",
        nargs="*",
        default=PAGES,
        help="paths under the site, such as assessment/ (default: %(default)s)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        choices=range(1, 21),
        metavar="N",
        help="loads per page; the median counts, as Lighthouse advises (default: %(default)s)",
    )
    options = parser.parse_args(args)
    if not (SITE / "index.html").is_file():
        print("no built site in site/; run `make build` first", file=sys.stderr)
        return 2
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Gzipped, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    worst = 100
    with tempfile.TemporaryDirectory() as folder:
        for page in options.pages:
            runs = []
            for _ in range(options.runs):
                scores = run_lighthouse(base + page, folder, env)
                if isinstance(scores, str):
                    print(f"/{page}: {scores}", file=sys.stderr)
                    return 1
                runs.append(scores)
            medians = {name: round(statistics.median(r[name] for r in runs)) for name in runs[0]}
            worst = min(worst, *medians.values())
            spread = (
                ""
                if options.runs == 1
                else f" (performance runs: {', '.join(str(r['performance']) for r in runs)})"
            )
            print(
                f"/{page}: "
                + ", ".join(f"{name} {score}" for name, score in medians.items())
                + spread,
                flush=True,
            )
    server.shutdown()
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
