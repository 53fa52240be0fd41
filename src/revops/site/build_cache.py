"""What a site build makes from the content, kept between builds as Python keeps .pyc files.

Loading the content and rendering the pages made from it are most of the content layer's
cost in a build. A rebuild whose inputs have not changed reads the result from here instead:
the generated pages, each macro page's Markdown after its macros ran, the print page.

Every entry lives under a digest of all the inputs a build reads besides the page itself:
the bytes of every file in playbook/ and assessment/, of the revops package (code and
templates), of the glue's own files, of the project files the glue names (mkdocs.yml,
CONTRIBUTING.md, an overlay), the settings the glue passes on (edit address, overlay), and the
Python version and installed distributions (their names carry their versions). A change to
any of them starts a new folder and the old one is removed; an entry is also keyed by what it
is made from on the page (its path, address and Markdown). Entries are written whole (to a
temporary file, then renamed), and a cache that cannot be read or written is only skipped:
the build then renders as if it had none. REVOPS_BUILD_CACHE=off turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import revops
from revops.site.generated import GeneratedPage

FOLDER = Path(".cache") / "revops-site"  # under the project root; .gitignore lists .cache/
CONTENT_FOLDERS = ("playbook", "assessment")


def _add_file(digest, path: Path, root: Path) -> None:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    digest.update(f"\0{name}\0".encode())
    digest.update(path.read_bytes())


def _add_folder(digest, folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            _add_file(digest, path, folder)


def _installed() -> list[str]:
    """Every distribution folder on the import path: a name such as jinja2-3.1.6.dist-info
    changes when a package is upgraded."""
    names = []
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            names += sorted(name for name in os.listdir(entry) if name.endswith("-info"))
    return names


def inputs_digest(root: Path, files: Iterable[Path] = (), settings: Sequence[str] = ()) -> str:
    """The digest of everything a build reads besides its pages' Markdown (see above)."""
    digest = hashlib.sha256()
    for name in CONTENT_FOLDERS:
        _add_folder(digest, root / name)
    _add_folder(digest, Path(revops.__file__).parent)
    for path in files:
        if path.is_file():
            _add_file(digest, path, root)
    extra = [str(root), sys.version, *settings, *_installed()]
    digest.update(json.dumps(extra).encode())
    return digest.hexdigest()


def entry_key(*parts: str) -> str:
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class BuildCache:
    """Texts kept under one digest of the build's inputs, in root/.cache/revops-site/."""

    def __init__(self, root: Path, digest: str) -> None:
        self.parent = root / FOLDER
        self.folder = self.parent / digest[:32]

    def get(self, key: str) -> str | None:
        try:
            return (self.folder / key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, text: str) -> None:
        try:
            if not self.folder.is_dir():
                self._drop_older()
                self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, self.folder / key)
        except OSError:
            pass  # a cache that cannot be written is a slower build, not a failed one

    def _drop_older(self) -> None:
        """Entries made from other inputs are of no further use."""
        if self.parent.is_dir():
            for folder in self.parent.iterdir():
                shutil.rmtree(folder, ignore_errors=True)

    def text(self, key: str, make: Callable[[], str]) -> str:
        """The entry under `key`, made and kept if it is not there."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def pages(self, make: Callable[[], list[GeneratedPage]]) -> list[GeneratedPage]:
        """The generated pages, each with its Markdown rendered already."""
        found = self.get("generated-pages")
        if found is not None:
            try:
                return [_page(**entry) for entry in json.loads(found)]
            except (ValueError, TypeError):
                pass
        pages = make()
        entries = [
            {
                "source": page.source,
                "title": page.title,
                "section": page.section,
                "edit_path": page.edit_path,
                "text": page.render(),
            }
            for page in pages
        ]
        self.put("generated-pages", json.dumps(entries, ensure_ascii=False))
        return [_page(**entry) for entry in entries]


def _page(source: str, title: str, section: str, edit_path: str, text: str) -> GeneratedPage:
    return GeneratedPage(source, title, section, edit_path, lambda: text)


class NoCache(BuildCache):
    """Makes everything afresh: REVOPS_BUILD_CACHE=off, or a builder without one."""

    def __init__(self) -> None:
        pass

    def get(self, key: str) -> str | None:
        return None

    def put(self, key: str, text: str) -> None:
        pass


def build_cache(root: Path, files: Iterable[Path] = (), settings: Sequence[str] = ()) -> BuildCache:
    """The cache for a build of the project at `root` with these inputs."""
    if os.environ.get("REVOPS_BUILD_CACHE") == "off":
        return NoCache()
    root = root.resolve()  # `-f mkdocs.yml` names it ".": one folder and digest either way
    return BuildCache(root, inputs_digest(root, [path.resolve() for path in files], settings))
