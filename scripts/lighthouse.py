#!/usr/bin/env python3
"""Lighthouse scores of the built site, served with gzip as a static host would serve it.

Run after `make build`: .venv/bin/python scripts/lighthouse.py [PAGE ...]
It fetches Lighthouse through npx on first use (about 180 MB, so it is not a test
dependency) and drives Debian's Chromium. Prints one line per page: performance,
accessibility, best practices and SEO, on Lighthouse's default (mobile) settings.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "site"
PAGES = ["", "rules/alignment/", "assessment/"]
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


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


def main(pages: list[str]) -> int:
    if not (SITE / "index.html").is_file():
        print("no built site in site/; run `make build` first", file=sys.stderr)
        return 2
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Gzipped, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    worst = 100
    with tempfile.TemporaryDirectory() as folder:
        for page in pages or PAGES:
            out = Path(folder) / "report.json"
            result = subprocess.run(
                ["npx", "--yes", "lighthouse@13", base + page, "--quiet", "--output=json",
                 f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}",
                 "--only-categories=performance,accessibility,best-practices,seo"],
                env=env, capture_output=True, text=True, check=False)
            if result.returncode != 0 or not out.exists():
                print(f"/{page}: lighthouse failed: {result.stderr.strip()[-300:]}",
                      file=sys.stderr)
                return 1
            scores = {name: round(category["score"] * 100) for name, category
                      in json.loads(out.read_text(encoding="utf-8"))["categories"].items()}
            worst = min(worst, *scores.values())
            print(f"/{page}: " + ", ".join(f"{name} {score}" for name, score in scores.items()))
    server.shutdown()
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
