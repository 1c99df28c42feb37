"""Write PyTorch checkpoints (`torch.save`'s zip format) without PyTorch.

A `.pth` written by `torch.save` is a zip holding `archive/data.pkl` (a protocol-2
pickle whose tensors are `torch._utils._rebuild_tensor_v2` calls on persistent storage
ids), one `archive/data/<key>` file of raw little-endian bytes per storage, and
`archive/version`. This module emits that pickle opcode by opcode, so the result is
what the exporter writes (a dict with `state_dict`, `epoch`, `arch_key`, ...) and
`torch.load(..., weights_only=True)` reads it, while the test suite needs no torch.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from zoolint.testing.deterministic import write_zip

_STORAGE = {
    np.dtype(np.float32): "FloatStorage",
    np.dtype(np.float64): "DoubleStorage",
    np.dtype(np.int64): "LongStorage",
    np.dtype(np.int32): "IntStorage",
    np.dtype(np.uint8): "ByteStorage",
    np.dtype(np.bool_): "BoolStorage",
}


class _Pickle:
    """Just enough of the pickle protocol 2 opcodes to write a torch checkpoint."""

    def __init__(self) -> None:
        self.out = bytearray(b"\x80\x02")  # PROTO 2
        self.storages: list[np.ndarray] = []

    def global_(self, module: str, name: str) -> None:
        self.out += b"c" + module.encode() + b"\n" + name.encode() + b"\n"

    def value(self, value: Any) -> None:
        if isinstance(value, bool):
            self.out += b"\x88" if value else b"\x89"
        elif value is None:
            self.out += b"N"
        elif isinstance(value, int):
            self.out += b"J" + struct.pack("<i", value)
        elif isinstance(value, float):
            self.out += b"G" + struct.pack(">d", value)
        elif isinstance(value, str):
            data = value.encode("utf-8")
            self.out += b"X" + struct.pack("<I", len(data)) + data
        elif isinstance(value, tuple):
            self.out += b"("
            for item in value:
                self.value(item)
            self.out += b"t"
        elif isinstance(value, np.ndarray):
            self.tensor(value)
        elif isinstance(value, Mapping):
            self.mapping(value, ordered=False)
        else:
            raise TypeError(f"cannot write {type(value).__name__} into a checkpoint")

    def mapping(self, value: Mapping[str, Any], ordered: bool) -> None:
        if ordered:
            self.global_("collections", "OrderedDict")
            self.out += b")R"  # OrderedDict()
        else:
            self.out += b"}"
        if value:
            self.out += b"("
            for key, item in value.items():
                self.value(key)
                self.value(item)
            self.out += b"u"  # SETITEMS

    def tensor(self, array: np.ndarray) -> None:
        array = np.ascontiguousarray(array)
        if array.dtype not in _STORAGE:
            raise TypeError(f"no torch storage for dtype {array.dtype}")
        key = str(len(self.storages))
        self.storages.append(array)
        strides = tuple(stride // array.itemsize for stride in array.strides)
        self.global_("torch._utils", "_rebuild_tensor_v2")
        self.out += b"("
        self.out += b"("  # the persistent id: ('storage', type, key, location, numel)
        self.value("storage")
        self.global_("torch", _STORAGE[array.dtype])
        self.value(key)
        self.value("cpu")
        self.value(int(array.size))
        self.out += b"tQ"  # TUPLE, BINPERSID
        self.value(0)
        self.value(tuple(int(size) for size in array.shape))
        self.value(strides)
        self.value(False)
        self.global_("collections", "OrderedDict")
        self.out += b")R"
        self.out += b"tR"  # TUPLE, REDUCE


def checkpoint_bytes_members(
    state_dict: Mapping[str, np.ndarray], extra: Mapping[str, Any] | None = None,
    archive_name: str = "archive",
) -> list[tuple[str, bytes]]:
    pickle = _Pickle()
    pickle.out += b"}("
    pickle.value("state_dict")
    pickle.mapping(state_dict, ordered=True)
    for key, value in (extra or {}).items():
        pickle.value(key)
        pickle.value(value)
    pickle.out += b"u."  # SETITEMS, STOP
    members = [(f"{archive_name}/data.pkl", bytes(pickle.out))]
    members += [(f"{archive_name}/byteorder", b"little")]
    for index, array in enumerate(pickle.storages):
        members.append((f"{archive_name}/data/{index}", array.astype(array.dtype.newbyteorder("<")).tobytes()))
    members.append((f"{archive_name}/version", b"3\n"))
    return members


def write_checkpoint(
    path: Path,
    state_dict: Mapping[str, np.ndarray],
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write `{"state_dict": OrderedDict(...), **extra}` as `torch.save` would."""
    archive_name = path.name.rsplit(".", 1)[0] or "archive"
    return write_zip(path, checkpoint_bytes_members(state_dict, extra, archive_name))
