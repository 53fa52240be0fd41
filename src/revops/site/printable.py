"""The printable playbook: every chapter's rendered HTML on one page, after a cover and a
table of contents, to print or save as PDF.

It takes HTML, not Markdown, because only the site generator turns Markdown into the page a
reader sees; the glue hands each page's HTML over once all are rendered. Each chapter's ids
are prefixed with its address (`rules/alignment/` becomes `rules-alignment`), so ids stay
unique on the one page, and links between chapters become links within it. Ids inside
pictures (SVG) are left alone: each picture is on one page only and refers to its own ids.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from urllib.parse import urldefrag, urljoin

from revops.site.pages import render

SITE = "http://site.invalid/"  # a base to resolve relative links against; never shown
PICTURE = re.compile(r"<svg\b.*?</svg>", re.S)
ID = re.compile(r'(\sid=")([^"]+)(")')
LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
SECOND_LEVEL = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")
ELSEWHERE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//")  # a scheme (https:, mailto:) or a host


@dataclass(frozen=True)
class Chapter:
    url: str  # the page's address from the site root, e.g. "rules/alignment/"
    title: str
    html: str  # its rendered content
    part: str = ""  # the nav section it is listed in, e.g. "The rules"; "" at the top


def chapter_id(url: str) -> str:
    """The id of a chapter on the print page, from the page's address."""
    return url.strip("/").replace("/", "-") or "home"


@lru_cache(maxsize=4096)
def _resolve(page_url: str, target: str) -> tuple[str, str]:
    """(address from the site root, fragment) of a relative link on the page at `page_url`;
    kept, as the same links recur on every rule page."""
    address, fragment = urldefrag(urljoin(SITE + page_url, target))
    return address.removeprefix(SITE), fragment


def _link(target: str, chapter: Chapter, inside: dict[str, str], to_root: str) -> str:
    """A link of a chapter, rewritten for the print page: to the chapter's own place on it
    when the page it opens is printed too, else to the same page from the print page."""
    if target.startswith("#"):  # an anchor on the chapter's own page: most links are
        return f"#{inside[chapter.url]}-{target[1:]}" if len(target) > 1 else target
    if ELSEWHERE.match(target):
        return target
    path, fragment = _resolve(chapter.url, target)
    if path in inside:
        return f"#{inside[path]}-{fragment}" if fragment else f"#{inside[path]}"
    return to_root + path + (f"#{fragment}" if fragment else "")


def _prefixed(markup: str, prefix: str) -> str:
    """Every id in `markup` prefixed, but those inside pictures."""
    pieces, position = [], 0
    for picture in PICTURE.finditer(markup):
        pieces.append(ID.sub(rf"\g<1>{prefix}-\g<2>\g<3>", markup[position : picture.start()]))
        pieces.append(picture.group(0))
        position = picture.end()
    pieces.append(ID.sub(rf"\g<1>{prefix}-\g<2>\g<3>", markup[position:]))
    return "".join(pieces)


def _rewrite(chapter: Chapter, inside: dict[str, str], to_root: str) -> str:
    """The chapter's HTML with its ids prefixed and its links made to work from the print
    page."""

    def relink(match: re.Match) -> str:
        target = _link(html.unescape(match.group(2)), chapter, inside, to_root)
        return match.group(1) + html.escape(target) + match.group(3)

    return LINK.sub(relink, _prefixed(chapter.html, inside[chapter.url]))


def _heading_text(markup: str) -> str:
    return html.unescape(" ".join(TAG.sub("", PERMALINK.sub("", markup)).split()))


def _sections(chapter: Chapter, prefix: str) -> list[tuple[str, str]]:
    """(id on the print page, text) of each second-level heading of a chapter."""
    return [
        (f"{prefix}-{anchor}", _heading_text(text))
        for anchor, text in SECOND_LEVEL.findall(chapter.html)
    ]


def printable_page(
    chapters: Sequence[Chapter], *, title: str, description: str, page_url: str
) -> str:
    """The print page's content: a cover, the contents (each chapter and its second-level
    headings, grouped by nav section) and every chapter in order. `page_url` is the print
    page's own address, from which links to pages left out are made relative."""
    inside = {chapter.url: chapter_id(chapter.url) for chapter in chapters}
    depth = len(page_url.strip("/").split("/")) if page_url.strip("/") else 0
    contents = [
        (part, [(c, inside[c.url], _sections(c, inside[c.url])) for c in group])
        for part, group in groupby(chapters, key=lambda chapter: chapter.part)
    ]
    return render(
        "print-page.html.j2",
        title=title,
        description=description,
        contents=contents,
        chapters=[(inside[c.url], _rewrite(c, inside, "../" * depth)) for c in chapters],
    )
