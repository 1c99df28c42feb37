"""`re:` parameter patterns, compiled safely.

A recipe comes from the upload being checked, so its regular expressions are hostile
input: a pattern such as `(a+)+$` takes exponential time on Python's backtracking
engine. Patterns are parsed first and refused for matching (not reported: they may be
fine) when a repeat contains another repeat, an alternation or a back-reference, the
shapes that backtrack without bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:  # Python 3.11+
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

PATTERN_PREFIX = "re:"
MAX_PATTERN_CHARS = 500
# Names longer than this are not matched (no real parameter path is this long).
MAX_NAME_CHARS = 1000

_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT}
if hasattr(_sre_constants, "POSSESSIVE_REPEAT"):  # Python 3.11+
    _REPEATS.add(_sre_constants.POSSESSIVE_REPEAT)
_RISKY_INSIDE_REPEAT = {_sre_constants.BRANCH, _sre_constants.GROUPREF}


@dataclass(frozen=True)
class PatternError:
    """A pattern `re` cannot compile; `message` is the regex engine's reason."""

    message: str


def compile_pattern(text: str) -> re.Pattern[str] | PatternError | None:
    """The compiled pattern, a `PatternError`, or None when it is too long or shaped to
    backtrack without bound (then it is not matched at all)."""
    if len(text) > MAX_PATTERN_CHARS:
        return None
    try:
        parsed = _sre_parse.parse(text)
        compiled = re.compile(text)
    except re.error as exc:
        return PatternError(str(exc))
    except (RecursionError, OverflowError, MemoryError):
        return None
    return None if _risky(parsed, inside_repeat=False) else compiled


def matches(pattern: re.Pattern[str], name: str) -> bool:
    """SparseML's semantics: `re.match`, anchored at the start only."""
    return len(name) <= MAX_NAME_CHARS and pattern.match(name) is not None


def _unbounded(maximum: int) -> bool:
    return maximum > 1


def _risky(items: Any, inside_repeat: bool) -> bool:
    stack: list[tuple[Any, bool]] = [(items, inside_repeat)]
    while stack:
        current, in_repeat = stack.pop()
        for op, av in current:
            if op in _REPEATS:
                _, high, sub = av
                repeating = _unbounded(high)
                if repeating and in_repeat:
                    return True
                stack.append((sub, in_repeat or repeating))
            elif op in _RISKY_INSIDE_REPEAT:
                if in_repeat or op == _sre_constants.GROUPREF:
                    return True
                for branch in av[1]:
                    stack.append((branch, in_repeat))
            elif op == _sre_constants.SUBPATTERN:
                stack.append((av[-1], in_repeat))
            elif op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
                stack.append((av[1], in_repeat))
            elif hasattr(_sre_constants, "ATOMIC_GROUP") and op == _sre_constants.ATOMIC_GROUP:
                stack.append((av, in_repeat))
            elif op == _sre_constants.GROUPREF_EXISTS:
                return True
    return False
