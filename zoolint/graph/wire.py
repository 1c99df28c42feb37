"""Why bytes are not an ONNX model: sniffing and a protobuf wire-format walk.

Protobuf's own error ("Error parsing message") says nothing useful. When parsing
fails, this module looks at the bytes the way a maintainer would: is it some other
kind of file (gzip, zip, pickle, HTML), or a protobuf cut short (a field declares more
bytes than the file holds: an interrupted upload or copy), or damaged in the middle?
It walks the top-level fields of a ModelProto and, one level down, of its GraphProto,
without building any object, so it costs little even on a large file.
"""

from __future__ import annotations

from dataclasses import dataclass

# ModelProto.graph and the GraphProto fields that are messages themselves.
_MODEL_GRAPH_FIELD = 7
_MODEL_FIELDS = {
    1: "ir_version",
    2: "producer_name",
    3: "producer_version",
    4: "domain",
    5: "model_version",
    6: "doc_string",
    7: "graph",
    8: "opset_import",
    14: "metadata_props",
    20: "training_info",
    25: "functions",
    26: "configuration",
}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed data (a renamed .tar.gz?)"),
    (b"PK\x03\x04", "a zip archive (a PyTorch checkpoint or a .npz?)"),
    (b"\x80\x02", "a Python pickle"),
    (b"\x80\x03", "a Python pickle"),
    (b"\x80\x04", "a Python pickle"),
    (b"\x80\x05", "a Python pickle"),
    (b"\x89HDF", "an HDF5 file (a Keras .h5?)"),
    (b"\x93NUMPY", "a numpy .npy array"),
)


@dataclass(frozen=True)
class Diagnosis:
    """`kind` is "truncated", "corrupt" or "foreign" (another file format)."""

    kind: str
    detail: str


class _Stop(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def sniff(data: bytes) -> str | None:
    """What other kind of file `data` is, judged by its first bytes."""
    for magic, description in _SIGNATURES:
        if data.startswith(magic):
            return description
    head = data[:512]
    if head and all(byte in b"\t\n\r" or 32 <= byte < 127 for byte in head):
        first = head.split(b"\n", 1)[0][:40].decode("ascii")
        return f"text (it starts with {first!r})"
    return None


def _varint(data: bytes, pos: int, end: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= end:
            raise _Stop("truncated", "ends inside a number")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise _Stop("corrupt", "holds an over-long number")


def _walk(data: bytes, start: int, end: int, top: bool) -> list[tuple[int, int, int]]:
    """The (field, start, end) of each length-delimited field in data[start:end]."""
    fields = []
    pos = start
    while pos < end:
        at = pos
        key, pos = _varint(data, pos, end)
        field, wire = key >> 3, key & 7
        if field == 0 or wire in (3, 4, 6, 7):
            raise _Stop("corrupt", f"has an invalid field tag at byte {at}")
        if top and field not in _MODEL_FIELDS:
            raise _Stop("corrupt", f"has a field (number {field}) that ModelProto does not define, at byte {at}")
        if wire == 0:
            _, pos = _varint(data, pos, end)
        elif wire == 1 or wire == 5:
            pos += 8 if wire == 1 else 4
            if pos > end:
                raise _Stop("truncated", f"ends inside a field that starts at byte {at}")
        else:
            length, pos = _varint(data, pos, end)
            if pos + length > end:
                kind = "truncated" if end == len(data) else "corrupt"
                what = f"its {_MODEL_FIELDS[field]}" if top else "a field"
                raise _Stop(
                    kind,
                    f"ends inside {what}, which declares {length} bytes at byte {at} but only"
                    f" {end - pos} follow",
                )
            fields.append((field, pos, pos + length))
            pos += length
    return fields


def diagnose(data: bytes) -> Diagnosis:
    """Explain why `data` did not parse as a ModelProto."""
    foreign = sniff(data)
    if foreign is not None:
        return Diagnosis("foreign", f"is {foreign}, not an ONNX model")
    try:
        fields = _walk(data, 0, len(data), top=True)
        for field, start, end in fields:
            if field == _MODEL_GRAPH_FIELD:
                _walk(data, start, end, top=False)
    except _Stop as stop:
        if stop.kind == "truncated":
            return Diagnosis(
                "truncated",
                f"is truncated ({len(data)} bytes): it {stop.detail}",
            )
        return Diagnosis("corrupt", f"is corrupt: it {stop.detail}")
    return Diagnosis("corrupt", "is corrupt: its protobuf structure is damaged inside the graph")
