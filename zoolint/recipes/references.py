"""Stubs mentioned in text (a card's frontmatter and body, a recipe's markdown body),
with where each one stands, for the `?recipe=` checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zoolint.diagnostics import KeyPath
from zoolint.stubs.find import find_stub_tokens

# How far below a value's first line a multi-line string is searched for its stub.
_MAX_SCALAR_LINES = 200


@dataclass(frozen=True)
class StubMention:
    """A stub in a file: its text, 1-based line and column, and key path (frontmatter)."""

    text: str
    line: int | None
    column: int | None
    key_path: KeyPath | None = None


def mentions_in_text(text: str, first_line: int) -> Iterator[StubMention]:
    """Stubs in free text whose first line is line `first_line` of its file."""
    for index, line in enumerate(text.splitlines()):
        if "zoo:" not in line:
            continue
        for token in find_stub_tokens(line):
            yield StubMention(token.text, first_line + index, token.offset + 1)


def mentions_in_values(
    data: Any,
    locate: Any,
    file_lines: list[str],
) -> Iterator[StubMention]:
    """Stubs inside the string values of a YAML mapping. `locate(key_path)` gives a
    value's position; the file's own lines refine the column to the stub itself."""
    stack: list[tuple[KeyPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and "zoo:" in value:
            line, column = locate(path)
            for token in find_stub_tokens(value):
                found_line, found_column = _find(file_lines, token.text, line, column) or (line, column)
                yield StubMention(token.text, found_line, found_column, key_path=path)


def _find(lines: list[str], token: str, line: int | None, column: int | None) -> tuple[int, int] | None:
    if line is None:
        return None
    start = max(line - 1, 0)
    for index in range(start, min(start + _MAX_SCALAR_LINES, len(lines))):
        begin = (column or 1) - 1 if index == start else 0
        offset = lines[index].find(token, begin)
        if offset != -1:
            return index + 1, offset + 1
    return None
