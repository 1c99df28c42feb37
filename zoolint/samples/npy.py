"""The `.npy` header, read without numpy's loader and never with pickle.

An `.npy` file starts with the magic `\\x93NUMPY`, a format version (1.0, 2.0 or 3.0),
the header length (2 bytes in 1.0, 4 bytes after) and a header that is the repr of a
Python dict: `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 224, 224), }`.
Like numpy, the dict is read with `ast.literal_eval` on the header text only, so no
code runs; the dtype is rebuilt from `descr`. Object dtypes are recognised here and
never loaded: their data is a pickle.
"""

from __future__ import annotations

import ast
import math
import struct
from dataclasses import dataclass

import numpy as np
from numpy.lib import format as npy_format

MAGIC = b"\x93NUMPY"
# The magic, the version and the longest length field.
PREAMBLE_BYTES = len(MAGIC) + 2 + 4
# numpy's own default limit on the header it will literal_eval.
DEFAULT_MAX_HEADER = 10_000


class NpyError(ValueError):
    """The bytes are not a well-formed `.npy` header; the message says why."""


@dataclass(frozen=True)
class ArrayHeader:
    """What an `.npy` header declares: dtype, shape, order, and where the data starts."""

    dtype: np.dtype
    shape: tuple[int, ...]
    fortran_order: bool
    data_offset: int

    @property
    def is_object(self) -> bool:
        """True when loading the data would need pickle (dtype 'O' or a field of it)."""
        return bool(self.dtype.hasobject)

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * self.dtype.itemsize

    @property
    def dtype_name(self) -> str:
        return describe_dtype(self.dtype)


def describe_dtype(dtype: np.dtype) -> str:
    """A dtype the way users write it: float32, bool, <U12, |V2 (bfloat16 storage)."""
    if dtype.hasobject and dtype.fields is None:
        return "object"
    if dtype.kind in "biufc" and dtype.fields is None:
        name = dtype.name
        return name if dtype.isnative or dtype.itemsize == 1 else f"{name} (big-endian)"
    return dtype.str


def header_bytes_needed(head: bytes) -> int | None:
    """How many bytes the whole header takes, from its first `PREAMBLE_BYTES`; None
    when `head` is too short to tell."""
    if len(head) < len(MAGIC) + 2:
        return None
    major = head[len(MAGIC)]
    width = 2 if major == 1 else 4
    start = len(MAGIC) + 2
    if len(head) < start + width:
        return None
    (length,) = struct.unpack("<H" if width == 2 else "<I", head[start : start + width])
    return start + width + length


def parse_header(head: bytes, max_header: int = DEFAULT_MAX_HEADER) -> ArrayHeader:
    """Parse the header at the start of `head` (which must hold all of it)."""
    if not head.startswith(MAGIC):
        raise NpyError("is not a .npy array (no \\x93NUMPY magic)")
    if len(head) < len(MAGIC) + 2:
        raise NpyError("is truncated inside the .npy header")
    major, minor = head[len(MAGIC)], head[len(MAGIC) + 1]
    if (major, minor) not in ((1, 0), (2, 0), (3, 0)):
        raise NpyError(f"has unknown .npy format version {major}.{minor}")
    start = len(MAGIC) + 2 + (2 if major == 1 else 4)
    needed = header_bytes_needed(head)
    if needed is not None and needed - start > max_header:
        raise NpyError(
            f"has a .npy header of {needed - start} bytes, over the {max_header}-byte limit"
        )
    if needed is None or len(head) < needed:
        raise NpyError("is truncated inside the .npy header")
    raw = head[start:needed]
    try:
        text = raw.decode("utf-8" if major == 3 else "latin1")
    except UnicodeDecodeError:
        raise NpyError("has a .npy header that is not valid UTF-8") from None
    return _interpret(text, needed)


def _interpret(text: str, data_offset: int) -> ArrayHeader:
    try:
        # literal_eval only builds literals; it never calls anything.
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise NpyError(f"has a .npy header that is not a dict literal ({type(exc).__name__})") from None
    if not isinstance(value, dict) or set(value) != {"descr", "fortran_order", "shape"}:
        raise NpyError(
            "has a .npy header without exactly the keys descr, fortran_order and shape"
        )
    shape = value["shape"]
    if not isinstance(shape, tuple) or not all(
        isinstance(size, int) and not isinstance(size, bool) and size >= 0 for size in shape
    ):
        raise NpyError(f"has a .npy header with an invalid shape {shape!r}")
    if not isinstance(value["fortran_order"], bool):
        raise NpyError("has a .npy header whose fortran_order is not a bool")
    try:
        dtype = npy_format.descr_to_dtype(value["descr"])
    except (TypeError, ValueError, KeyError, IndexError, RecursionError) as exc:
        raise NpyError(f"has a .npy header with an invalid descr {value['descr']!r}: {exc}") from None
    return ArrayHeader(dtype, shape, value["fortran_order"], data_offset)
