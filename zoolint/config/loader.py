"""Finding, reading and merging configuration.

Order of precedence, lowest first: built-in defaults, the preset, the configuration
file, the command line (`merge_config`, the one place that merges). The file is
`zoolint.toml` or `[tool.zoolint]` in `pyproject.toml`, found upward from each target
and never above the repository root (the first folder holding `.git`); in one folder,
`zoolint.toml` wins over `pyproject.toml`, and a `pyproject.toml` without a
`[tool.zoolint]` table is passed over.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from zoolint.config.errors import ConfigError, describe_validation_error
from zoolint.config.model import Config, ConfigLayer, LoadedConfig
from zoolint.config.presets import PRESETS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = [
    "CONFIG_FILES",
    "ConfigError",
    "build_config",
    "find_config_file",
    "load_config",
    "merge_config",
    "read_config_table",
    "repository_root",
]

CONFIG_FILES = ("zoolint.toml", "pyproject.toml")
PYPROJECT_PREFIX = ("tool", "zoolint")
COMMAND_LINE = "command line"

# Parsed tables by (path, mtime, size): pre-commit hands zoolint thousands of files
# below the same configuration, which is then read once.
_TABLES: dict[tuple[str, int, int], dict[str, Any] | None] = {}


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git`, if any."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _is_pyproject(path: Path) -> bool:
    return path.name == "pyproject.toml"


def read_config_table(path: Path) -> dict[str, Any] | None:
    """The zoolint table of a config file, or None when a pyproject.toml has none."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if not os.path.lexists(path):
            raise ConfigError(f"{path}: configuration file not found") from None
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _TABLES:
        _TABLES[key] = _parse_table(path)
    return _TABLES[key]


def _parse_table(path: Path) -> dict[str, Any] | None:
    if path.is_dir():
        raise ConfigError(f"{path}: is a directory, not a configuration file")
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise ConfigError(f"{path}: cannot be read: {reason or exc}") from None
    if not _is_pyproject(path):
        return document
    tool = document.get("tool", {})
    table = tool.get("zoolint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.zoolint: must be a table")
    return table


def find_config_file(start: Path) -> Path | None:
    """The first config file upward from `start`, stopping at the repository root."""
    folder = start if start.is_dir() else start.parent
    stop = repository_root(folder)
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and read_config_table(path) is not None:
                return path
        if stop is not None and candidate == stop:
            break
    return None


def canonical_keys(table: dict[str, Any], model: type[BaseModel] = Config) -> dict[str, Any]:
    """The table with snake_case setting names (accepted from the Python API) spelled
    kebab-case as in files, so that two sources naming one setting merge."""
    fields = {}
    for name, info in model.model_fields.items():
        fields[name] = fields[info.alias or name] = info
    out: dict[str, Any] = {}
    for key, value in table.items():
        field = fields.get(key)
        if field is None:
            out[key] = value
            continue
        section = field.annotation
        if isinstance(value, dict) and isinstance(section, type) and issubclass(section, BaseModel):
            value = canonical_keys(value, section)
        out[field.alias or key] = value
    return out


def merge_config(file_table: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """The one place configuration is merged, lowest first: the preset (chosen by the
    file or the command line), the file, the command line; the model then supplies the
    built-in defaults for whatever is still unset.

    A later layer replaces values, tables merge key by key, and `extend-*` lists add
    up (so `--extend-select` extends the file's `extend-select` instead of replacing it).
    """
    preset = overrides.get("preset", file_table.get("preset", "default"))
    merged: dict[str, Any] = {}
    for layer in (PRESETS.get(preset, {}), file_table, overrides):
        merged = _overlay(merged, layer)
    return merged


def _overlay(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        below = merged.get(key)
        if isinstance(value, dict) and isinstance(below, dict):
            merged[key] = _overlay(below, value)
        elif key.startswith("extend-") and isinstance(value, list) and isinstance(below, list):
            merged[key] = [*below, *value]
        else:
            merged[key] = value
    return merged


def _layer_problems(layer: ConfigLayer) -> list[str]:
    """What is wrong with one source on its own, each naming the source and key."""
    problems = []
    if not layer.prefix and "tool" in layer.table and layer.source.endswith("zoolint.toml"):
        problems.append(
            f"{layer.source}: tool: unknown key (zoolint.toml holds the settings at its"
            " top level, without [tool.zoolint])"
        )
        layer = ConfigLayer(layer.source, {k: v for k, v in layer.table.items() if k != "tool"})
    try:
        Config.model_validate(layer.table, context={"source": layer.source})
    except ValidationError as exc:
        problems += describe_validation_error(layer.source, exc, layer.prefix, Config)
    return problems


def config_from_layers(file: ConfigLayer | None, command_line: ConfigLayer | None) -> Config:
    """Validate each source on its own (so that errors name it), then merge them."""
    layers = [layer for layer in (file, command_line) if layer is not None]
    problems = [problem for layer in layers for problem in _layer_problems(layer)]
    if problems:
        raise ConfigError("\n".join(problems))
    merged = merge_config(file.table if file else {}, command_line.table if command_line else {})
    # The source lets settings resolve paths relative to the file that names them (a
    # layout profile).
    source = file.source if file is not None else COMMAND_LINE
    try:
        return Config.model_validate(merged, context={"source": source})
    except ValidationError as exc:  # only reachable through an interplay of sources
        problems = describe_validation_error("configuration", exc, (), Config)
        raise ConfigError("\n".join(problems)) from None


def _command_line(overrides: dict[str, Any] | None) -> ConfigLayer | None:
    return ConfigLayer(COMMAND_LINE, canonical_keys(overrides)) if overrides else None


def build_config(
    table: dict[str, Any], overrides: dict[str, Any] | None = None, source: str = "configuration"
) -> Config:
    """A `Config` from a table written as in a file (presets applied), and overrides."""
    return config_from_layers(ConfigLayer(source, canonical_keys(table)), _command_line(overrides))


def load_config(
    start: Path,
    config_file: Path | None = None,
    isolated: bool = False,
    overrides: dict[str, Any] | None = None,
) -> LoadedConfig:
    """The configuration in force for `start` (a target: a folder or a file).

    `config_file` (`--config`) names the file instead of searching for it; `isolated`
    (`--isolated`) ignores every file; `overrides` are the command line's settings,
    keyed as in a file.
    """
    if isolated and config_file is not None:
        raise ConfigError("--config and --isolated cannot be used together")
    start = start.absolute()
    folder = start if start.is_dir() else start.parent
    path = None if isolated else (config_file or find_config_file(start))
    file = None
    if path is not None:
        path = Path(os.path.abspath(path))
        table = read_config_table(path)
        if table is None:
            raise ConfigError(f"{path}: has no [tool.zoolint] table")
        prefix = PYPROJECT_PREFIX if _is_pyproject(path) else ()
        file = ConfigLayer(str(path), canonical_keys(table), prefix)
    command_line = _command_line(overrides)
    config = config_from_layers(file, command_line)
    base_dir = path.parent if path is not None else (repository_root(folder) or folder)
    layers = [layer for layer in (file, command_line) if layer is not None]
    return LoadedConfig(config, base_dir, path, layers)
