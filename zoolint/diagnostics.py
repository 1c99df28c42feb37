"""The values every part of zoolint speaks in: severities, findings and diagnostics.

A rule yields `Finding`s (what is wrong and where, relative to its model directory).
The engine, not the rule, stamps the rule's code, name and configured severity on each
finding and turns it into a `Diagnostic`; reporters only format diagnostics.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Severity(str, enum.Enum):
    """How bad a diagnostic is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """What a rule reports: a message and a location inside its model directory.

    `path` is relative to the model directory (POSIX separators); "" or "." means the
    directory itself. `line` and `column` are 1-based and only set for text files.
    `key_path` locates a value inside a structured document (YAML, JSON, ONNX).
    `model_root` is only set by zoo-wide rules, to say which model a finding belongs to.
    """

    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    key_path: KeyPath | None = None
    hint: str | None = None
    model_root: Path | None = None


@dataclass(frozen=True)
class Diagnostic:
    """A finding stamped with the rule that produced it and the severity in force."""

    code: str
    name: str
    severity: Severity
    message: str
    model_root: Path
    path: str = ""
    line: int | None = None
    column: int | None = None
    key_path: KeyPath | None = None
    hint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def file(self) -> Path:
        """Absolute path of the file the diagnostic is about."""
        if self.path in ("", "."):
            return self.model_root
        return self.model_root / self.path

    def sort_key(self) -> tuple[str, str, int, int, str, str]:
        return (
            str(self.model_root),
            self.path,
            self.line or 0,
            self.column or 0,
            self.code,
            self.message,
        )


def format_key_path(key_path: KeyPath | None) -> str | None:
    """Render a key path the way JSON-path-minded users read it: `a.b[0].c`."""
    if not key_path:
        return None
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
