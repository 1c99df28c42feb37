"""Configuration errors that name the file and the key path, as the user wrote them.

Every message reads `SOURCE: KEY PATH: what is wrong`, for example

    pyproject.toml: tool.zoolint.limits.max-text-bytes: Input should be greater than 0 (got -1)

TOML has no positions after parsing (tomllib keeps none), so the key path, written as
it would be in the file, is how a problem is located.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class ConfigError(Exception):
    """A configuration file or option is wrong; the message names the file and key."""


def key_path(parts: Iterable[str | int]) -> str:
    """A TOML-style key path: `tool.zoolint.per-path-ignores."cv/**"[0]`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        text = part if _BARE_KEY.match(part) else '"' + part.replace('"', '\\"') + '"'
        out += f".{text}" if out else text
    return out


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a candidate is close to `word`, else ""."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _known_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys a table at `loc` (below `model`) accepts, for suggestions."""
    current: Any = model
    for part in loc:
        fields = getattr(current, "model_fields", None)
        if fields is None:
            return []
        field = next(
            (f for name, f in fields.items() if part in (name, f.alias)), None
        )
        if field is None:
            return []
        current = field.annotation
    fields = getattr(current, "model_fields", None) or {}
    return [field.alias or name for name, field in fields.items()]


def describe_validation_error(
    source: str,
    error: ValidationError,
    prefix: Sequence[str | int] = (),
    model: type[BaseModel] | None = None,
) -> list[str]:
    """One line per problem: `source: key.path: message (got value)`."""
    lines = []
    for item in error.errors():
        loc = tuple(item["loc"])
        where = key_path((*prefix, *loc)) or "(top level)"
        if item["type"] == "extra_forbidden":
            known = _known_keys(model, loc[:-1]) if model is not None else []
            message = "unknown key" + did_you_mean(str(loc[-1]), known)
        else:
            message = item["msg"]
            value = item.get("input")
            if isinstance(value, (str, int, float, bool)) and item["type"] != "missing":
                message += f" (got {value!r})"
        lines.append(f"{source}: {where}: {message}")
    return lines
