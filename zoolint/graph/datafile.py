"""Reading byte ranges of an external-data file: bounded, streamed, read-only.

Weights can be many gigabytes; they are never read whole. A `DataFileReader` opens the
file once through `zoolint.io.files` (no symlink escape, regular files only) and hands
out either a small range as bytes or a large range as a sequence of chunks read into
one reused buffer, so memory stays at one chunk however large the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from types import TracebackType
from typing import TypeVar

from onnx import TensorProto

from zoolint.graph.external import ExternalData, Status
from zoolint.graph.tensors import external_ref
from zoolint.io.artifact import Broken
from zoolint.io.files import open_regular_file
from zoolint.model import ModelDir

CHUNK_BYTES = 8 * 1024 * 1024


class DataFileError(Exception):
    """The file could not be opened or ended early."""


class DataFileReader:
    """`with DataFileReader(model, relpath) as reader:` then `read` / `chunks`."""

    def __init__(self, model: ModelDir, relpath: str) -> None:
        self.model = model
        self.relpath = relpath
        self.fd: int | None = None
        self.size = 0

    def __enter__(self) -> DataFileReader:
        opened = open_regular_file(self.model.root, self.relpath)
        if not isinstance(opened, tuple):
            reason = opened.reason if isinstance(opened, Broken) else "does not exist"
            raise DataFileError(f"{self.relpath} {reason}")
        self.fd, st = opened
        self.size = st.st_size
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def read(self, offset: int, length: int) -> bytes:
        """A small range, whole."""
        assert self.fd is not None
        parts = []
        got = 0
        while got < length:
            part = os.pread(self.fd, length - got, offset + got)
            if not part:
                raise DataFileError(f"{self.relpath} ends before byte {offset + length}")
            parts.append(part)
            got += len(part)
        return b"".join(parts)

    def chunks(self, offset: int, length: int, chunk_bytes: int = CHUNK_BYTES) -> Iterator[memoryview]:
        """A large range as consecutive chunks of at most `chunk_bytes` (a multiple the
        caller chooses, so elements never straddle chunks). Each chunk is only valid
        until the next one is produced: the buffer is reused."""
        assert self.fd is not None
        buffer = bytearray(min(chunk_bytes, length) or 1)
        view = memoryview(buffer)
        position, end = offset, offset + length
        while position < end:
            want = min(len(buffer), end - position)
            filled = 0
            while filled < want:  # regular files may still return short reads
                got = os.preadv(self.fd, [view[filled:want]], position + filled)
                if got <= 0:
                    raise DataFileError(f"{self.relpath} ends before byte {position + want}")
                filled += got
            yield view[:want]
            position += want


_Tensors = TypeVar("_Tensors", bound="ExternalTensors")


class ExternalTensors:
    """Where the bytes of one graph's external tensors are, each data file opened once
    (`with ExternalTensors(model, ext) as files:`, then `files.locate(tensor)`)."""

    def __init__(self, model: ModelDir, ext: ExternalData) -> None:
        self.model = model
        self.ext = ext
        self.stack = ExitStack()
        self.readers: dict[str, DataFileReader] = {}

    def __enter__(self: _Tensors) -> _Tensors:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    def locate(self, tensor: TensorProto) -> tuple[DataFileReader, int, int] | None:
        """The open reader of the tensor's data file, its offset and its byte count;
        None when the file is not usable or the byte count is unknown. Raises
        `DataFileError` when the file cannot be opened."""
        ref = external_ref((), tensor)
        data_file = self.ext.files.get(ref.location or "")
        if data_file is None or data_file.status != Status.OK or data_file.relpath is None or ref.end is None:
            return None
        reader = self.readers.get(data_file.relpath)
        if reader is None:
            reader = self.stack.enter_context(DataFileReader(self.model, data_file.relpath))
            self.readers[data_file.relpath] = reader
        return reader, ref.offset, ref.end - ref.offset
