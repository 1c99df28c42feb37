"""Validating parsed YAML documents against pydantic models and JSON Schemas, with
positions: every problem becomes a `Finding` at the line and column of the offending
key or value (`YamlDoc.locate`), plus its key path.

Shared by the card and report families. The pydantic model is the source of truth (the
published JSON Schema is generated from it); JSON Schemas a zoo adds in configuration
are checked with `jsonschema` and reported the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from zoolint.diagnostics import Finding, KeyPath, format_key_path
from zoolint.extra_schemas import load_schema_file, schema_path
from zoolint.io.artifact import Broken, BrokenKind
from zoolint.io.yaml_doc import YamlDoc


@dataclass(frozen=True)
class SchemaProblem:
    """One schema violation. `key_path` is where it is (for a missing key: the mapping
    that lacks it); `at_key` points the location at the key rather than its value."""

    message: str
    key_path: KeyPath
    at_key: bool = False
    hint: str | None = None


def yaml_type_name(value: Any) -> str:
    """What a YAML author would call the type of `value`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def json_compatible(value: Any) -> Any:
    """The document as JSON would hold it: mapping keys as strings, plain dicts.

    YAML allows `1: cmd` (an integer key); JSON Schema and pydantic disagree on such
    keys, so both are given the JSON form. `resolve_path` maps paths back."""
    if isinstance(value, dict):
        return {_json_key(key): json_compatible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_compatible(item) for item in value]
    return value


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def resolve_path(data: Any, path: Sequence[str | int]) -> KeyPath:
    """Map a path into `json_compatible(data)` back to the keys of `data` itself."""
    out: list[str | int] = []
    value = data
    for part in path:
        if isinstance(value, dict):
            match = next((key for key in value if _json_key(key) == part), part)
            out.append(match)
            value = value.get(match)
        else:
            out.append(part)
            in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
            value = value[part] if in_list else None
    return tuple(out)


_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "a boolean",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "none_required": "null",
}


def _walk(data: Any, loc: Sequence[Any]) -> tuple[KeyPath, Any, list[Any]]:
    """Follow a pydantic error location through the data: (data path, value found
    there, the rest of the location: a missing key or a union member's tag)."""
    path: list[str | int] = []
    value = data
    for index, part in enumerate(loc):
        if isinstance(value, dict) and isinstance(part, str) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return tuple(path), value, list(loc[index:])
        path.append(part)
    return tuple(path), value, []


def _label(path: KeyPath) -> str:
    return format_key_path(path) or "the document"


def pydantic_problems(
    model: type[BaseModel], data: Any, pattern_hints: dict[str, str] | None = None
) -> list[SchemaProblem]:
    """Validate `data` (already `json_compatible`) with `model`; one problem per
    offending key or value. A value that fits no member of a union is one problem,
    unless one member went deeper into it (a list with one bad item): then that."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    else:
        return []
    problems: list[SchemaProblem] = []
    unions: dict[KeyPath, list[tuple[ErrorDetails, list[Any]]]] = {}
    for error in errors:
        path, value, rest = _walk(data, error["loc"])
        kind = error["type"]
        if kind == "missing" and len(rest) == 1 and isinstance(rest[0], str):
            where = f" in {_label(path)}" if path else ""
            problems.append(SchemaProblem(f"required field {rest[0]!r} is missing{where}", path))
        elif kind == "extra_forbidden" and not rest:
            parent = path[:-1]
            where = f" in {_label(parent)}" if parent else ""
            problems.append(
                SchemaProblem(f"unknown key {path[-1]!r}{where}", path, at_key=True)
            )
        elif rest:
            unions.setdefault(path, []).append((error, rest))
        else:
            message = _describe(error, path, value, pattern_hints or {})
            problems.append(SchemaProblem(message, path, hint=_quote_hint(kind, value)))
    for path, members in unions.items():
        problems.extend(_union_problems(data, path, members, pattern_hints or {}))
    return sorted(problems, key=lambda p: [str(part) for part in p.key_path])


def _union_problems(
    data: Any,
    path: KeyPath,
    members: list[tuple[ErrorDetails, list[Any]]],
    hints: dict[str, str],
) -> Iterator[SchemaProblem]:
    _, value, _ = _walk(data, path)
    deeper = [(error, rest) for error, rest in members if len(rest) > 1]
    if deeper and isinstance(value, (list, dict)):
        for error, rest in deeper:
            sub_path, sub_value, _ = _walk(value, rest[1:])
            where = path + sub_path
            yield SchemaProblem(_describe(error, where, sub_value, hints), where)
        return
    expected = []
    for error, _ in members:
        wanted = _EXPECTED.get(error["type"])
        if wanted and wanted not in expected:
            expected.append(wanted)
    if expected and all(error["type"] in _EXPECTED for error, _ in members):
        yield SchemaProblem(
            f"{_label(path)} must be {_alternatives(expected)}, found {yaml_type_name(value)}", path
        )
    else:  # the type fits a member, but its constraint failed: say which
        fitting = [error for error, _ in members if error["type"] not in _EXPECTED]
        yield SchemaProblem(_describe(fitting[0], path, value, hints), path)


def _quote_hint(kind: str, value: Any) -> str | None:
    """YAML reads `1.0`, `50` and `yes` as numbers and booleans; say how to get text."""
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        return "YAML reads this as a number or boolean; quote it to make it text"
    return None


def _alternatives(options: list[str]) -> str:
    if len(options) <= 2:
        return " or ".join(options)
    return ", ".join(options[:-1]) + " or " + options[-1]


def _describe(error: ErrorDetails, path: KeyPath, value: Any, hints: dict[str, str]) -> str:
    kind = error["type"]
    label = _label(path)
    ctx = error.get("ctx") or {}
    if kind in _EXPECTED:
        return f"{label} must be {_EXPECTED[kind]}, found {yaml_type_name(value)}"
    if kind in ("string_too_short", "too_short") and not value:
        return f"{label} is empty"
    if kind == "string_pattern_mismatch":
        field = next((str(part) for part in reversed(path) if isinstance(part, str)), "")
        wanted = hints.get(field, f"of the form {ctx.get('pattern')}")
        return f"{label} {value!r} is not {wanted}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{label} is {value!r}: {error['msg'].replace('Input should be', 'must be')}"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    message = message.replace("Input should be", "must be")
    return f"{label}: {message}" if path else message


def jsonschema_problems(
    validator: jsonschema.protocols.Validator, data: Any
) -> list[SchemaProblem]:
    """Every error of a JSON Schema validation, deepest context where it helps."""
    problems = []
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        path = tuple(error.absolute_path)
        label = format_key_path(path)
        text = error.message
        if error.context:  # anyOf / oneOf: the member that came closest says more
            best = best_match(error.context)
            text = f"{_shorten(best.message)} (no allowed form matched)"
        else:
            text = _shorten(text)
        problems.append(SchemaProblem(text if not label else f"{label}: {text}", path))
    return problems


def _shorten(message: str, limit: int = 160) -> str:
    """jsonschema messages start with the value's repr, which may be a whole document."""
    return message if len(message) <= limit else message[: limit - 3] + "..."


def problem_finding(
    problem: SchemaProblem,
    doc: YamlDoc,
    data: Any,
    relpath: str,
    root_position: tuple[int | None, int | None],
    prefix: str = "",
    hint: str | None = None,
) -> Finding:
    """A finding for `problem`, located in `doc` (whose value is `data`, before
    `json_compatible`). Problems about the whole document go to `root_position`."""
    original = resolve_path(data, problem.key_path)
    if original:
        line, column = doc.locate(original, prefer_key=problem.at_key)
    else:
        line, column = root_position
    return Finding(
        prefix + problem.message,
        path=relpath,
        line=line,
        column=column,
        key_path=tuple(problem.key_path) or None,
        hint=hint or problem.hint,
    )


def broken_finding(artifact: Any) -> Finding | None:
    """The finding for an artifact its format's rule must report: parse errors, bad
    encoding, over-size files. Quiet on LFS pointers and I/O-level problems, which
    the FILE rules report."""
    if not isinstance(artifact, Broken) or artifact.io_level:
        return None
    hint = None
    if artifact.kind == BrokenKind.TOO_LARGE:
        hint = "raise [tool.zoolint.limits] max-text-bytes if the file is legitimately this large"
    elif artifact.kind == BrokenKind.ENCODING:
        hint = "save the file as UTF-8 text"
    return Finding(
        artifact.reason,
        path=artifact.path,
        line=artifact.line,
        column=artifact.column,
        hint=hint,
    )


def duplicate_key_findings(doc: YamlDoc, relpath: str) -> Iterator[Finding]:
    """A key given twice in one mapping: YAML forbids it, loaders keep the last value."""
    for key_path, line, column in doc.duplicate_keys:
        yield Finding(
            f"key {format_key_path(key_path)!r} appears twice in the same mapping;"
            " YAML loaders silently keep only the last value",
            path=relpath,
            line=line,
            column=column,
            key_path=key_path,
            hint="remove or rename one of them",
        )


def extra_schema_findings(
    schema_names: Sequence[str],
    base_dir: Path | None,
    doc: YamlDoc,
    data: Any,
    relpath: str,
    root_position: tuple[int | None, int | None],
) -> Iterator[Finding]:
    """Findings for a zoo's own JSON Schemas (`extra-schemas`, named relative to
    `base_dir`, the configuration file's folder), located like the built-in schema's."""
    if not schema_names:
        return
    compatible = json_compatible(data)
    for name in schema_names:
        validator = load_schema_file(schema_path(base_dir or Path.cwd(), name))
        for problem in jsonschema_problems(validator, compatible):
            yield problem_finding(
                problem,
                doc,
                data,
                relpath,
                root_position,
                prefix=f"does not satisfy {name}: ",
            )
