"""Folding the same finding about many sample files into one diagnostic.

A folder of 200 samples exported with the wrong dtype has one defect, not 200: the
diagnostic points at the first file and names how many others share it, so a zoo-wide
run stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from zoolint.diagnostics import Finding
from zoolint.samples.load import SampleFile

SHOWN = 3


@dataclass
class _Group:
    first_path: str
    first_label: str
    others: list[str] = field(default_factory=list)


class Folded:
    """Collects (file, message) pairs; yields one finding per distinct message."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str, str | None], _Group] = {}

    def add(self, file: SampleFile, scope: str, message: str, hint: str | None = None) -> None:
        """`scope` (usually the folder) keeps groups apart; `message` must not name the
        file itself (the path and the member label do)."""
        key = (scope, message, hint)
        group = self._groups.get(key)
        if group is None:
            self._groups[key] = _Group(file.path, file.label)
        else:
            group.others.append(file.name)

    def findings(self) -> Iterator[Finding]:
        for (_, message, hint), group in self._groups.items():
            yield Finding(group.first_label + message + _also(group.others), path=group.first_path, hint=hint)


def _also(others: list[str]) -> str:
    if not others:
        return ""
    shown = ", ".join(others[:SHOWN])
    more = len(others) - SHOWN
    rest = f" and {more} more" if more > 0 else ""
    return f" (also in {shown}{rest})"


def name_list(names: list[str], limit: int = 8) -> str:
    """`a, b, c` or `a, b, c and 5 more`; `none` for no names."""
    if not names:
        return "none"
    shown = ", ".join(names[:limit])
    more = len(names) - limit
    return shown + (f" and {more} more" if more > 0 else "")
