"""The state of one artifact of a model directory, as a value.

Every loader returns one of these; nothing raises out of a loader. Rules that need an
artifact only run when it is `Parsed`; the rule that owns the artifact's format reports
`Broken` states, and the FILE rules report LFS pointers and I/O-level problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, Union

T = TypeVar("T")


@dataclass(frozen=True)
class Absent:
    """The artifact does not exist (or is not where a loader looked)."""

    path: str


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """The artifact was read and parsed; `value` is the loader's result."""

    path: str
    value: T


class BrokenKind:
    """Why an artifact could not be parsed. I/O kinds are reported by FILE rules."""

    IO = "io"  # unreadable: permissions, vanished, symlink loop, special file
    ESCAPE = "escape"  # a symlink that leads outside the model directory
    NOT_A_FILE = "not-a-file"  # a directory where a file belongs, or the reverse
    TOO_LARGE = "too-large"  # over the configured read limit for its format
    ENCODING = "encoding"  # not valid UTF-8, or binary where text belongs
    PARSE = "parse"  # the format's own parser failed

    IO_LEVEL = frozenset({IO, ESCAPE, NOT_A_FILE})


@dataclass(frozen=True)
class Broken:
    """The artifact exists but could not be parsed.

    `line` and `column` are 1-based and set when the file is text and the parser said
    where it failed.
    """

    path: str
    reason: str
    kind: str = BrokenKind.PARSE
    line: int | None = None
    column: int | None = None

    @property
    def io_level(self) -> bool:
        return self.kind in BrokenKind.IO_LEVEL


@dataclass(frozen=True)
class LfsPointer:
    """The file is a Git LFS pointer: the real content was never uploaded."""

    path: str
    oid: str | None
    size: int | None


Artifact = Union[Absent, Parsed[T], Broken, LfsPointer]
