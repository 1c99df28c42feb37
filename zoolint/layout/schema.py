"""The layout profile's JSON Schema, `schemas/layout.schema.json`, generated from the
pydantic model of a profile.

`python -m zoolint.layout.schema` rewrites the committed file; a test fails when it is
stale. (`python -m zoolint.schemas` regenerates every schema at once.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from zoolint.layout.profile import layout_profile_schema

FILE_NAME = "layout.schema.json"


def render() -> str:
    return json.dumps(layout_profile_schema(), indent=2, sort_keys=True) + "\n"


def write(folder: Path) -> Path:
    path = folder / FILE_NAME
    path.write_text(render(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    print(write(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
