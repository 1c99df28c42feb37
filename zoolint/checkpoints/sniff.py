"""Tell a weights file's format by its first bytes, not by its name.

| format | how it starts |
|---|---|
| zip (PyTorch >= 1.6, TorchScript, Keras 3 `.keras`) | `PK\\x03\\x04` |
| pickle (legacy PyTorch, `.pkl`) | `\\x80` then the protocol number 2..5 |
| HDF5 (Keras `.h5`) | `\\x89HDF\\r\\n\\x1a\\n` |
| numpy `.npy` | `\\x93NUMPY` |
| gzip | `\\x1f\\x8b` |
| safetensors | 8-byte little-endian header length, then `{` |
| protobuf (TensorFlow GraphDef / SavedModel, ONNX) | a valid run of protobuf fields |

Protobuf has no magic number; `looks_like_protobuf` walks the first fields of the wire
format and accepts only a well-formed run, which random binary data almost never is.
"""

from __future__ import annotations

from dataclasses import dataclass

SNIFF_BYTES = 4096

ZIP = "zip"
PICKLE = "pickle"
HDF5 = "hdf5"
NUMPY = "npy"
GZIP = "gzip"
SAFETENSORS = "safetensors"
PROTOBUF = "protobuf"
UNKNOWN = "unknown"

DESCRIPTIONS = {
    ZIP: "a zip archive (PyTorch checkpoint, TorchScript or Keras v3)",
    PICKLE: "a pickle (legacy PyTorch checkpoint)",
    HDF5: "an HDF5 file (Keras)",
    NUMPY: "a numpy .npy array",
    GZIP: "a gzip file",
    SAFETENSORS: "a safetensors file",
    PROTOBUF: "a protobuf message (TensorFlow graph)",
    UNKNOWN: "of no known format",
}

HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


@dataclass(frozen=True)
class Sniffed:
    format: str

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self.format]


def _varint(data: bytes, pos: int) -> tuple[int, int] | None:
    value = shift = 0
    while pos < len(data) and shift < 64:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
    return None


def looks_like_protobuf(head: bytes, size: int, min_fields: int = 2) -> bool:
    """Whether `head` (the first bytes of a `size`-byte file) parses as protobuf fields:
    valid tags (field number 1..2**29, wire type 0, 1, 2 or 5), lengths inside the file."""
    pos = fields = 0
    while pos < len(head):
        tag = _varint(head, pos)
        if tag is None:
            return fields >= min_fields or pos >= len(head) - 10
        key, pos = tag
        number, wire = key >> 3, key & 7
        if number == 0 or number > (1 << 29) or wire not in (0, 1, 2, 5):
            return False
        if wire == 0:
            value = _varint(head, pos)
            if value is None:
                return fields >= min_fields
            pos = value[1]
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        else:
            length = _varint(head, pos)
            if length is None:
                return fields >= min_fields
            if length[1] + length[0] > size:
                return False
            pos = length[1] + length[0]
        fields += 1
        if fields >= 8:
            return True
    return fields >= min_fields or (fields >= 1 and pos == size)


def sniff(head: bytes, size: int) -> Sniffed:
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Sniffed(ZIP)
    if len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5:
        return Sniffed(PICKLE)
    if head.startswith(HDF5_MAGIC):
        return Sniffed(HDF5)
    if head.startswith(b"\x93NUMPY"):
        return Sniffed(NUMPY)
    if head.startswith(b"\x1f\x8b"):
        return Sniffed(GZIP)
    if len(head) >= 9 and head[8:9] == b"{":
        length = int.from_bytes(head[:8], "little")
        if 0 < length <= size - 8:
            return Sniffed(SAFETENSORS)
    if head and looks_like_protobuf(head, size):
        return Sniffed(PROTOBUF)
    return Sniffed(UNKNOWN)
