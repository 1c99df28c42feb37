"""The one generator of the JSON schemas published in `schemas/`.

    python -m zoolint.schemas            # write every schema into schemas/
    python -m zoolint.schemas --check    # exit 1 when a committed schema is stale

`SCHEMAS` is the explicit list of (file name, function returning the schema). Adding a
schema is one entry: `tests/test_schemas.py` checks every listed file is current.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from zoolint.card.schema import model_card_schema
from zoolint.config.model import Config
from zoolint.layout.profile import layout_profile_schema
from zoolint.reporters import report_schema
from zoolint.reports.schema import benchmarks_schema, metrics_schema
from zoolint.rules.base import Rule

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def config_schema(rules: Sequence[Rule] | None = None) -> dict[str, Any]:
    """`[tool.zoolint]` / zoolint.toml, keys as users write them (kebab-case), with
    each rule's options table under `rules`, keyed by the rule's code and its name."""
    if rules is None:
        from zoolint.rules.registry import ALL_RULES

        rules = ALL_RULES
    option_models: list[type[BaseModel]] = []
    for rule in rules:
        if rule.options not in option_models:
            option_models.append(rule.options)
    models: list[type[BaseModel]] = [Config, *option_models]
    refs, document = models_json_schema(
        [(model, "validation") for model in models],
        by_alias=True,
        ref_template="#/$defs/{model}",
    )
    definitions = document["$defs"]
    config_name = refs[(Config, "validation")]["$ref"].rsplit("/", 1)[-1]
    schema = definitions.pop(config_name)
    by_rule: dict[str, Any] = {}
    for rule in rules:
        entry = {
            **refs[(rule.options, "validation")],
            "description": f"Options of {rule.code} ({rule.name}): {rule.summary}",
        }
        by_rule[rule.code] = by_rule[rule.name] = entry
    schema["properties"]["rules"] = {
        "description": schema["properties"]["rules"].get("description", ""),
        "type": "object",
        "properties": by_rule,
        "additionalProperties": False,
    }
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        **schema,
        "title": "zoolint configuration",
        "description": "[tool.zoolint] in pyproject.toml, or the whole of zoolint.toml.",
        "$defs": definitions,
    }


# (file name in schemas/, function returning the schema). One line per schema.
SCHEMAS: list[tuple[str, Callable[[], dict[str, Any]]]] = [
    ("config.schema.json", config_schema),
    ("layout.schema.json", layout_profile_schema),
    ("report.schema.json", report_schema),
    ("model-card.schema.json", model_card_schema),
    ("metrics.schema.json", metrics_schema),
    ("benchmarks.schema.json", benchmarks_schema),
]


def render(function: Callable[[], dict[str, Any]]) -> str:
    """The committed form of a schema: sorted keys, so that the file is stable."""
    return json.dumps(function(), indent=2, sort_keys=True) + "\n"


def stale_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of the listed schemas whose file is missing or differs from the code."""
    stale = []
    for name, function in SCHEMAS:
        path = directory / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != render(function):
            stale.append(name)
    return stale


def write_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Write every listed schema; return the names of the files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = stale_schemas(directory)
    for name, function in SCHEMAS:
        if name in changed:
            (directory / name).write_text(render(function), encoding="utf-8")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zoolint.schemas", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a schema is stale")
    parser.add_argument("--dir", type=Path, default=SCHEMA_DIR, help="default: schemas/")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_schemas(args.dir)
        for name in stale:
            print(f"{args.dir / name}: stale; run `python -m zoolint.schemas`", file=sys.stderr)
        return 1 if stale else 0
    for name in write_schemas(args.dir):
        print(f"wrote {args.dir / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
