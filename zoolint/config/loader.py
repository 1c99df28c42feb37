"""Finding, reading and merging configuration.

Order of precedence, lowest first: built-in defaults, the preset, the configuration
file, the command line. The file is `zoolint.toml` or `[tool.zoolint]` in
`pyproject.toml`, found upward from each target and never above the repository root
(the first folder holding `.git`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zoolint.config.model import Config, LoadedConfig

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("zoolint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file or option is wrong; the message names the file and key."""


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git`, if any."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _read_table(path: Path) -> dict[str, Any] | None:
    """The zoolint table of a config file, or None when a pyproject has none."""
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        tool = document.get("tool", {})
        table = tool.get("zoolint") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.zoolint] must be a table")
        return table
    return document


def find_config_file(start: Path) -> Path | None:
    """The first config file upward from `start`, stopping at the repository root."""
    folder = start if start.is_dir() else start.parent
    stop = repository_root(folder)
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and _read_table(path) is not None:
                return path
        if stop is not None and candidate == stop:
            break
    return None


def describe_validation_error(source: str, error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        lines.append(f"{source}: {key}: {message}")
    return "\n".join(lines)


def build_config(table: dict[str, Any], overrides: dict[str, Any], source: str) -> Config:
    """Merge a file's table with command-line overrides and validate the result."""
    merged = merge(table, overrides)
    try:
        # The source lets settings resolve paths relative to the file that names them
        # (a layout profile).
        return Config.model_validate(merged, context={"source": source})
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(source, exc)) from None


def merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Command-line values replace file values; nested tables merge key by key."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_config(
    start: Path,
    config_file: Path | None = None,
    isolated: bool = False,
    overrides: dict[str, Any] | None = None,
) -> LoadedConfig:
    """The configuration in force for `start`.

    `config_file` names the file explicitly; `isolated` ignores every file.
    """
    overrides = overrides or {}
    start = start.absolute()
    folder = start if start.is_dir() else start.parent
    if isolated:
        return LoadedConfig(build_config({}, overrides, "command line"), folder, None)
    path = config_file if config_file is not None else find_config_file(start)
    if path is None:
        base = repository_root(folder) or folder
        return LoadedConfig(build_config({}, overrides, "command line"), base, None)
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    table = _read_table(path) or {}
    config = build_config(table, overrides, str(path))
    return LoadedConfig(config, path.absolute().parent, path.absolute())
