"""JSON Schema files a zoo adds in configuration (`extra-schemas = [...]`).

Paths are relative to the configuration file's directory. A schema file is read once
per run (cached by path, size and modification time), checked against its own
metaschema, and refused when it refers to other documents: zoolint never fetches
anything, so a remote `$ref` could only fail later, mid-run. Problems are raised as
`SchemaFileError`, which the engine turns into a configuration error naming the file.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import SchemaError

MAX_SCHEMA_BYTES = 8 * 1024 * 1024


class SchemaFileError(Exception):
    """An extra schema file is missing, unreadable, not JSON/YAML or not a schema."""


def schema_path(base_dir: Path, name: str) -> Path:
    return (base_dir / name).absolute()


def load_schema_file(path: Path) -> jsonschema.protocols.Validator:
    """A validator for the schema in `path` (JSON, or YAML for `.yaml`/`.yml`)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise SchemaFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    return _compile(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _compile(path: str, size: int, mtime_ns: int) -> jsonschema.protocols.Validator:
    if size > MAX_SCHEMA_BYTES:
        raise SchemaFileError(f"{path}: is {size} bytes, over the {MAX_SCHEMA_BYTES}-byte limit")
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaFileError(f"{path}: cannot be read: {exc}") from None
    try:
        if path.endswith((".yaml", ".yml")):
            schema = yaml.safe_load(text)
        else:
            schema = json.loads(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise SchemaFileError(f"{path}: is not valid JSON/YAML: {exc}") from None
    if not isinstance(schema, (dict, bool)):
        found = type(schema).__name__
        raise SchemaFileError(f"{path}: a JSON Schema must be an object, found {found}")
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "(top level)"
        message = f"{path}: is not a valid JSON Schema at {where}: {exc.message}"
        raise SchemaFileError(message) from None
    remote = _remote_ref(schema)
    if remote is not None:
        raise SchemaFileError(
            f"{path}: $ref {remote!r} refers to another document; only local references"
            " ('#/...') are supported, zoolint never fetches schemas"
        )
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _remote_ref(node: Any) -> str | None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return ref
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def schema_file_errors(base_dir: Path, names: list[str], key: str) -> list[str]:
    """Configuration errors for the schema files named under `key`, one per file."""
    errors = []
    for name in names:
        try:
            load_schema_file(schema_path(base_dir, name))
        except SchemaFileError as exc:
            errors.append(f"{key}: {exc}")
    return errors
