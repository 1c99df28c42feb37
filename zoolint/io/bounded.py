"""A read-only, seekable file whose total reading is bounded: for parsers (zipfile,
tarfile, gzip, pickletools) that would otherwise read as much as a hostile file asks.

`BoundedFile` refuses any read that would take the bytes read so far over its budget
*before* reading, so a central directory claiming 4 GiB, or a pickle opcode claiming
a 2**63-byte string, costs nothing. It is opened through `zoolint.io.files`, so the
usual guarantees hold: inside the model directory, regular files only, never blocking,
never for writing.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from zoolint.io.artifact import Absent, Broken, BrokenKind, LfsPointer
from zoolint.io.files import lfs_pointer_at, open_regular_file


class ReadLimitExceeded(Exception):
    """A parser asked to read past the budget of a `BoundedFile`."""


class BoundedFile(io.RawIOBase):
    """A binary, read-only view of an open descriptor with a budget on bytes read.

    `seek` is free (it reads nothing); `read` and `readline` count against `budget`.
    """

    def __init__(self, fd: int, size: int, budget: int, name: str = "") -> None:
        super().__init__()
        self._fd = fd
        self.size = size
        self.budget = budget
        self.consumed = 0
        self.name = name
        self._pos = 0

    # --- io protocol -------------------------------------------------------

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_SET:
            target = offset
        elif whence == os.SEEK_CUR:
            target = self._pos + offset
        elif whence == os.SEEK_END:
            target = self.size + offset
        else:
            raise ValueError(f"invalid whence {whence}")
        if target < 0:
            raise OSError("negative seek position")
        self._pos = target
        return self._pos

    def _take(self, wanted: int) -> int:
        """How many bytes a read of `wanted` may take; raises past the budget."""
        available = max(0, self.size - self._pos)
        amount = available if wanted < 0 else min(wanted, available)
        if self.consumed + amount > self.budget:
            raise ReadLimitExceeded(
                f"reading it needs more than {self.budget} bytes, the limit for this kind of file"
            )
        self.consumed += amount
        return amount

    def read(self, size: int | None = -1) -> bytes:
        amount = self._take(-1 if size is None else size)
        if amount == 0:
            return b""
        data = os.pread(self._fd, amount, self._pos)
        self._pos += len(data)
        return data

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        # Lines in the formats we parse are short (pickle GLOBAL arguments, npy
        # headers): read in small chunks so a file without newlines costs the budget
        # it reads, not more.
        limit = -1 if size is None else size
        out = bytearray()
        while limit < 0 or len(out) < limit:
            chunk_size = 256 if limit < 0 else min(256, limit - len(out))
            chunk_size = max(1, min(chunk_size, self.budget - self.consumed))
            start = self._pos
            chunk = self.read(chunk_size)
            if not chunk:
                break
            newline = chunk.find(b"\n")
            if newline != -1:
                keep = chunk[: newline + 1]
                out += keep
                # give back what was read past the newline
                self.consumed -= len(chunk) - len(keep)
                self._pos = start + len(keep)
                break
            out += chunk
        return bytes(out)

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self._fd)
            finally:
                super().close()


def open_bounded(
    root: os.PathLike[str] | str, relpath: str, budget: int
) -> BoundedFile | Absent | Broken | LfsPointer:
    """Open a file below `root` for bounded reading (see `BoundedFile`).

    An LFS pointer comes back as `LfsPointer`; links out of the directory, special
    files and folders as `Broken`, as everywhere in zoolint."""
    opened = open_regular_file(Path(root), relpath)
    if not isinstance(opened, tuple):
        return opened
    fd, st = opened
    try:
        pointer = lfs_pointer_at(fd, st.st_size, relpath)
    except OSError as exc:
        os.close(fd)
        return Broken(relpath, f"cannot be read: {exc.strerror or exc}", BrokenKind.IO)
    if pointer is not None:
        os.close(fd)
        return pointer
    return BoundedFile(fd, st.st_size, budget, relpath)
