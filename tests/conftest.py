"""Shared fixtures: a throw-away copy of the project, the CLI, and one built site."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from .in_process import run_in_process

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The question-bank cache of `revops score` goes to a private folder, not the user's.
os.environ["REVOPS_CACHE_DIR"] = tempfile.mkdtemp(prefix="revops-cache-")
COPIED = ["playbook", "assessment", "docs", "overrides", "scripts", "mkdocs.yml", "CONTRIBUTING.md"]


def run(args: list[str], cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, **kwargs
    )


def revops(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    """`revops ARGS` as a user runs it: a subprocess, or with --cli-in-process (make check)
    the same command inside this process (tests/in_process.py), unless the test asks for
    what only a process has (a timeout, standard input)."""
    command = str(BIN / "revops")
    if IN_PROCESS and set(kwargs) <= {"env"}:
        env = kwargs.get("env") or {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        return run_in_process(command, list(args), cwd, env)
    return run([command, *args], cwd=cwd, **kwargs)


IN_PROCESS = False  # set from --cli-in-process by pytest_configure

# `make check` loads this profile (--hypothesis-profile=check): a fifth of the examples.
settings.register_profile("check", max_examples=20)


def examples(full: int) -> int:
    """A property test's example count: full under Hypothesis' default profile (make test),
    cut in proportion under one that asks for fewer (make check's: a fifth, at least 10)."""
    return max(10, full * settings.default.max_examples // 100)


def pytest_addoption(parser):
    parser.addoption(
        "--cli-in-process",
        action="store_true",
        help="run the tests' `revops` commands inside the test process (make check)",
    )


def pytest_configure(config):
    global IN_PROCESS
    IN_PROCESS = config.getoption("--cli-in-process")


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project)


def properdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """The same build with ProperDocs, the maintained MkDocs 1.x fork (the exit route)."""
    properdocs = BIN / "properdocs"
    assert properdocs.exists(), "ProperDocs is missing: pip install -e '.[site]'"
    return run(
        [
            str(properdocs),
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        cwd=project,
    )


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")  # the page's vendored packages
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the content and site sources that a test may break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project's site, built once with --strict for all site and browser tests."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def serve(folder: Path):
    """A built site served on 127.0.0.1 from a background thread; yields its address."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1."""
    with serve(built_site) as address:
        yield address


# How long a browser test waits for a condition. Conditions, not sleeps, decide: this only
# bounds a wait that never ends. Playwright's 30 s default was missed by a search index built
# on a loaded two-core machine.
BROWSER_WAIT_MS = 180_000


class PatientBrowser:
    """The browser, whose every new context and page waits up to BROWSER_WAIT_MS."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.set_default_timeout(BROWSER_WAIT_MS)
        return context

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        page.set_default_timeout(BROWSER_WAIT_MS)
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright. Missing Chromium is a failure, not a skip."""
    from playwright.sync_api import expect, sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (see .ci/run)"
    expect.set_options(timeout=BROWSER_WAIT_MS)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield PatientBrowser(instance)
        instance.close()


def pytest_collection_modifyitems(items):
    """`browser` for every test that drives Chromium; `slow` for every test that needs the
    built site (`make check` leaves both out)."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if "built_site" in names or "site_url" in names or "browser" in names:
            item.add_marker(pytest.mark.slow)
