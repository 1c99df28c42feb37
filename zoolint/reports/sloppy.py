"""Values a report tool wrote sloppily: loadable, but not what they should be.

The real benchmark tool wrote `batch_size: ' 1'` (an integer as a string, with a
leading space), `cpu_vnni: ' True'`, `scheduler: None` (Python's None printed as
text) and `onnx_file_path: ' cary/model.onnx'`. Each such value is found with its key
path; the rules turn them into warnings with line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zoolint.diagnostics import KeyPath
from zoolint.reports.schema import INTEGER_TEXT, NUMBER_TEXT

_INTEGER = re.compile(INTEGER_TEXT)
_NUMBER = re.compile(NUMBER_TEXT)
_PY_LITERALS = {"None": "null", "True": "true", "False": "false"}

# Keys whose values are numbers (or integers, or booleans), wherever they appear.
INTEGER_KEYS = frozenset({"batch_size", "num_cores", "num_streams", "iterations", "seconds_to_run"})
NUMBER_KEYS = frozenset(
    {"value", "baseline", "items_per_sec", "mean", "median", "std", "seconds_ran"}
)
# Booleans the schema does not type (it rejects text where it does: MET002 reports).
BOOLEAN_KEYS = frozenset({"cpu_vnni"})


@dataclass(frozen=True)
class Sloppy:
    key_path: KeyPath
    message: str
    hint: str


def _scalars(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _scalars(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _scalars(item, (*path, index))
    else:
        yield path, value


def _is_percentile(key: Any) -> bool:
    return isinstance(key, str) and key.endswith("%") and bool(_NUMBER.match(key[:-1]))


def sloppy_values(document: Any) -> Iterator[Sloppy]:
    """Every sloppy scalar of a report, in document order."""
    for path, value in _scalars(document, ()):
        key = path[-1] if path else None
        numeric = key in NUMBER_KEYS or key in INTEGER_KEYS or _is_percentile(key)
        if isinstance(value, float) and key in INTEGER_KEYS and value.is_integer():
            yield Sloppy(path, f"is an integer written as {value!r}", f"write {int(value)}")
            continue
        if not isinstance(value, str):
            continue
        stripped = value.strip()
        if numeric and _NUMBER.match(value):
            kind = "integer" if key in INTEGER_KEYS and _INTEGER.match(value) else "number"
            article = "an" if kind == "integer" else "a"
            shown = stripped.rstrip("%").strip()
            yield Sloppy(
                path,
                f"is {article} {kind} stored as the string {value!r}",
                f"write it as a plain {kind}: {shown}",
            )
        elif stripped in _PY_LITERALS and (key in BOOLEAN_KEYS or stripped == "None"):
            yield Sloppy(
                path,
                f"is Python's {stripped} printed as the string {value!r}",
                f"write {_PY_LITERALS[stripped]}",
            )
        elif value != stripped and stripped:
            yield Sloppy(
                path,
                f"has leading or trailing whitespace: {value!r}",
                f"write {stripped!r}",
            )
