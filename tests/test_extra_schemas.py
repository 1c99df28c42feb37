"""Extra JSON Schemas named in configuration: a bad file is a configuration error
naming it, found before any model is linted."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoolint.api import lint
from zoolint.config.loader import ConfigError, build_config
from zoolint.config.model import LoadedConfig
from zoolint.testing.card import write_card

STUB = "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none"


def _lint(tmp_path: Path, table: dict[str, object]) -> None:
    write_card(tmp_path / "m", STUB)
    loaded = LoadedConfig(build_config(table, {}, "zoolint.toml"), tmp_path, tmp_path / "zoolint.toml")
    lint([tmp_path / "m"], loaded)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "cannot be read"),
        ("{not json", "is not valid JSON/YAML"),
        ('{"type": "no-such-type"}', "is not a valid JSON Schema at type"),
        ('[1, 2]', "must be an object"),
        ('{"$ref": "https://example.com/card.json"}', "refers to another document"),
    ],
)
def test_bad_card_schema_file_is_a_config_error(tmp_path: Path, content: str | None, reason: str) -> None:
    if content is not None:
        (tmp_path / "card.schema.json").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        _lint(tmp_path, {"card": {"extra-schemas": ["card.schema.json"]}})
    message = str(raised.value)
    assert "card.extra-schemas" in message and "card.schema.json" in message and reason in message


def test_bad_report_schema_file_names_its_key(tmp_path: Path) -> None:
    (tmp_path / "bench.yaml").write_text("type: [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        _lint(tmp_path, {"reports": {"benchmarks": {"extra-schemas": ["bench.yaml"]}}})
    assert "reports.benchmarks.extra-schemas" in str(raised.value)
    assert "bench.yaml" in str(raised.value)


def test_schema_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "card.json").write_text('{"required": ["license"]}', encoding="utf-8")
    write_card(tmp_path / "m", STUB)
    loaded = LoadedConfig(
        build_config({"select": ["CARD011"], "card": {"extra-schemas": ["card.json"]}}, {}, "x"),
        tmp_path / "conf",
        tmp_path / "conf" / "zoolint.toml",
    )
    report = lint([tmp_path / "m"], loaded)
    assert [(d.code, d.line, d.message) for d in report.diagnostics] == [
        ("CARD011", 1, "does not satisfy card.json: 'license' is a required property")
    ]
