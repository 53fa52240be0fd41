"""What an id looks like: defined once for the content schemas, the file names, `revops new`
and the site's anchors. Ids appear in URLs and answer files, so they stay plain."""

from __future__ import annotations

import re

ID_CHARACTERS = "a-z0-9"  # a regex character class body
# The id without anchors, to embed in larger patterns such as rule file names.
ID_BODY = rf"[{ID_CHARACTERS}]+(-[{ID_CHARACTERS}]+)*"
ID_PATTERN = rf"^{ID_BODY}$"  # the JSON Schemas publish this string as is
ID_MAX_LENGTH = 60
ID_RULE = "use lower-case letters, digits and single hyphens"

_ID = re.compile(ID_BODY)


def is_id(text: str) -> bool:
    # fullmatch, not ID_PATTERN: Python's `$` would also accept a trailing newline.
    return len(text) <= ID_MAX_LENGTH and _ID.fullmatch(text) is not None
