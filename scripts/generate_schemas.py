#!/usr/bin/env python3
"""Write schemas/<kind>.schema.json from the typed models, and from the schemas of the answer
file, the bank and the report the page's JSDoc types (docs/assets/format-types.js). A test
checks they are current."""

import json
import sys
from pathlib import Path

from jsdoc_typedefs import typedefs
from revops.formats import json_schemas

ROOT = Path(__file__).resolve().parent.parent
TYPEDEFS = ROOT / "docs" / "assets" / "format-types.js"


def rendered() -> dict[str, str]:
    return {
        f"{kind}.schema.json": json.dumps(doc, indent=2, sort_keys=True) + "\n"
        for kind, doc in json_schemas().items()
    }


def rendered_typedefs() -> str:
    return typedefs(json_schemas())


def main() -> int:
    target = ROOT / "schemas"
    target.mkdir(exist_ok=True)
    for name, text in rendered().items():
        (target / name).write_text(text, encoding="utf-8")
        print(f"wrote schemas/{name}")
    TYPEDEFS.write_text(rendered_typedefs(), encoding="utf-8")
    print(f"wrote {TYPEDEFS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
