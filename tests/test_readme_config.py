"""The README documents every configuration key, and its example configuration is valid."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from zoolint.config.check import check_config
from zoolint.config.loader import build_config
from zoolint.config.model import Config, LoadedConfig
from zoolint.config.section import ConfigSection
from zoolint.rules.registry import ALL_RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

README = Path(__file__).resolve().parent.parent / "README.md"


def configuration_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Configuration\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def documented_keys() -> set[str]:
    """Keys in the first column of the README's table of keys."""
    keys = set()
    for line in configuration_section().splitlines():
        if line.startswith("| `"):
            keys.update(re.findall(r"`([a-z0-9.-]+)`", line.split("|")[1]))
    return keys


def test_every_key_is_in_the_table() -> None:
    expected = set()
    for name, field in Config.model_fields.items():
        key = field.alias or name
        expected.add(key)
        section = field.annotation
        # Family tables are documented with their family; zoolint's own, here.
        if key == "limits" and isinstance(section, type) and issubclass(section, ConfigSection):
            expected.update(f"{key}.{f.alias or n}" for n, f in section.model_fields.items())
    assert expected - documented_keys() == set()
    assert documented_keys() - expected == set()


def test_the_example_configuration_is_valid() -> None:
    block = re.search(r"```toml\n(.*?)```", configuration_section(), re.S)
    assert block is not None
    table = tomllib.loads(block.group(1))["tool"]["zoolint"]
    config = build_config(table, source="README.md")
    check_config(LoadedConfig(config, README.parent), ALL_RULES)
    assert config.severity and config.per_path_ignores and config.exclude
