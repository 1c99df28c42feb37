"""The schemas in schemas/ are current, and the config schema says what the loader says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest

from fake_rules import RULES
from zoolint import schemas
from zoolint.config.loader import ConfigError, build_config
from zoolint.schemas import SCHEMA_DIR, SCHEMAS, config_schema, main, render


@pytest.mark.parametrize(("name", "function"), SCHEMAS, ids=[name for name, _ in SCHEMAS])
def test_committed_schema_is_current(name: str, function: Callable[[], dict[str, Any]]) -> None:
    path = SCHEMA_DIR / name
    assert path.is_file(), f"schemas/{name} is missing: run `python -m zoolint.schemas`"
    assert path.read_text(encoding="utf-8") == render(function), (
        f"schemas/{name} is stale: run `python -m zoolint.schemas`"
    )


@pytest.mark.parametrize(("name", "function"), SCHEMAS, ids=[name for name, _ in SCHEMAS])
def test_schema_is_a_valid_json_schema(name: str, function: Callable[[], dict[str, Any]]) -> None:
    jsonschema.Draft202012Validator.check_schema(function())


def test_check_mode_fails_on_a_stale_schema_and_write_mode_fixes_it(tmp_path: Path) -> None:
    assert main(["--check", "--dir", str(tmp_path)]) == 1
    assert main(["--dir", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name, _ in SCHEMAS)
    assert main(["--check", "--dir", str(tmp_path)]) == 0
    first = SCHEMAS[0][0]
    (tmp_path / first).write_text("{}\n", encoding="utf-8")
    assert schemas.stale_schemas(tmp_path) == [first]
    assert main(["--check", "--dir", str(tmp_path)]) == 1


def valid(table: dict[str, Any]) -> bool:
    return jsonschema.Draft202012Validator(config_schema(RULES)).is_valid(table)


def accepted_by_loader(table: dict[str, Any]) -> bool:
    try:
        build_config(table)
    except ConfigError:
        return False
    return True


@pytest.mark.parametrize(
    ("table", "ok"),
    [
        ({}, True),
        ({"select": ["FAKE"], "extend-ignore": ["FAKE003"], "preset": "strict"}, True),
        ({"per-path-ignores": {"cv/**": ["FAKE001"]}, "severity": {"FAKE": "info"}}, True),
        ({"limits": {"max-text-bytes": 1024}, "fail-on": "warning", "zoo-root": "zoo"}, True),
        ({"selct": ["FAKE"]}, False),
        ({"preset": "lenient"}, False),
        ({"severity": {"FAKE": "fatal"}}, False),
        ({"limits": {"max-text-bytes": 0}}, False),
        ({"limits": {"max-text-byte": 1}}, False),
        ({"per-path-ignores": {"cv": "FAKE001"}}, False),
    ],
)
def test_config_schema_agrees_with_the_loader(table: dict[str, Any], ok: bool) -> None:
    assert (valid(table), accepted_by_loader(table)) == (ok, ok)


def test_rule_options_are_keyed_by_code_and_by_name() -> None:
    assert valid({"rules": {"FAKE010": {"max-length": 5}}})
    assert valid({"rules": {"fake-long-line": {"max-length": 5, "words": ["a"]}}})
    assert not valid({"rules": {"fake-long-line": {"max-length": 0}}})
    assert not valid({"rules": {"fake-long-line": {"max_length": 5}}})  # keys as users write them
    assert not valid({"rules": {"fake-bad": {"level": 1}}})  # a rule without options
    assert not valid({"rules": {"FAKE999": {}}})


def test_rule_entries_describe_the_rule() -> None:
    rules = config_schema(RULES)["properties"]["rules"]["properties"]
    assert rules["fake-long-line"]["description"] == (
        "Options of FAKE010 (fake-long-line): A line is longer than max-length."
    )
    assert list(rules)[:4] == ["ZL001", "internal-error", "ZL002", "unused-suppression"]


def test_committed_config_schema_covers_the_registry() -> None:
    from zoolint.rules.registry import ALL_RULES

    committed = json.loads((SCHEMA_DIR / "config.schema.json").read_text(encoding="utf-8"))
    keys = set(committed["properties"]["rules"]["properties"])
    assert keys == {rule.code for rule in ALL_RULES} | {rule.name for rule in ALL_RULES}
