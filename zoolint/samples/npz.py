"""An `.npz` sample file as the fast check sees it: its keys, and each array's dtype
and shape from the `.npy` header, read from the zip directory and the first bytes of
each member. No array data is read, nothing is unpickled.

`load_arrays` (the deep check) loads the data with `allow_pickle=False`, and only for a
file whose headers were read first and declare no object arrays.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from zoolint.samples import npy, zipdir

NPY_SUFFIX = ".npy"
_FIRST_READ = 256


class NpzError(ValueError):
    """The file is not a readable `.npz`; the message says why."""


@dataclass(frozen=True)
class NpzArray:
    """One array of an `.npz`: its key (the member name without `.npy`) and header."""

    key: str
    header: npy.ArrayHeader

    @property
    def shape(self) -> tuple[int, ...]:
        return self.header.shape

    @property
    def dtype(self) -> np.dtype:
        return self.header.dtype


@dataclass(frozen=True)
class NpzInfo:
    """The arrays of an `.npz`, in the order they are stored."""

    arrays: tuple[NpzArray, ...]

    @property
    def keys(self) -> list[str]:
        return [array.key for array in self.arrays]

    def get(self, key: str) -> NpzArray | None:
        for array in self.arrays:
            if array.key == key:
                return array
        return None

    @property
    def object_arrays(self) -> list[NpzArray]:
        return [array for array in self.arrays if array.header.is_object]

    @property
    def nbytes(self) -> int:
        return sum(array.header.nbytes for array in self.arrays if not array.header.is_object)


def read_npz_info(
    stream: BinaryIO, size: int, *, max_arrays: int, max_header: int
) -> NpzInfo:
    """Read the keys and `.npy` headers of an `.npz` held in a seekable stream."""
    try:
        members = zipdir.read_directory(stream, size, max_arrays)
    except zipdir.ZipError as exc:
        raise NpzError(str(exc)) from None
    arrays: list[NpzArray] = []
    seen: set[str] = set()
    for member in members:
        if not member.name.endswith(NPY_SUFFIX):
            raise NpzError(f"holds {member.name!r}, which is not a .npy array")
        key = member.name[: -len(NPY_SUFFIX)]
        if key in seen:
            raise NpzError(f"holds the key {key!r} twice")
        seen.add(key)
        header = _member_header(stream, member, key, max_header)
        arrays.append(NpzArray(key, header))
    return NpzInfo(tuple(arrays))


def _member_header(
    stream: BinaryIO, member: zipdir.ZipMember, key: str, max_header: int
) -> npy.ArrayHeader:
    try:
        # numpy pads headers to 64 bytes; 128 hold almost all of them in one read.
        head = zipdir.read_member_head(stream, member, _FIRST_READ)
        needed = npy.header_bytes_needed(head) if head.startswith(npy.MAGIC) else None
        if needed is not None and len(head) < needed <= max_header + npy.PREAMBLE_BYTES:
            head = zipdir.read_member_head(stream, member, needed)
        header = npy.parse_header(head, max_header)
    except zipdir.ZipError as exc:
        raise NpzError(str(exc)) from None
    except npy.NpyError as exc:
        raise NpzError(f"array {key!r} {exc}") from None
    if not header.is_object:
        # The zip directory says how large the member is: it must be the header plus
        # exactly the data the header declares, or the array is truncated or padded.
        declared = header.data_offset + header.nbytes
        if member.size != declared:
            raise NpzError(
                f"array {key!r} declares {header.dtype_name} {header.shape}"
                f" ({header.nbytes} bytes of data) but its member holds"
                f" {member.size - header.data_offset} bytes"
            )
    return header


def read_npz_info_bytes(data: bytes, *, max_arrays: int, max_header: int) -> NpzInfo:
    return read_npz_info(io.BytesIO(data), len(data), max_arrays=max_arrays, max_header=max_header)


def load_arrays(stream: BinaryIO, info: NpzInfo) -> dict[str, np.ndarray]:
    """Load every array of an `.npz` whose headers were checked (deep check only)."""
    if info.object_arrays:
        raise NpzError("holds object arrays, which are never loaded")
    with np.load(stream, allow_pickle=False) as npz:
        return {key: npz[key] for key in info.keys}
