"""Every tensor a graph holds, and what its external-data entries say.

Tensors live in more places than `graph.initializer`: sparse initializers, `Constant`
nodes and other tensor attributes, and the subgraphs of `If`, `Loop` and `Scan`. Each
one may keep its bytes in an external file, described by `key: value` entries
(`location`, `offset`, `length`, `checksum`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from math import prod

import onnx
from onnx import TensorProto

from zoolint.diagnostics import KeyPath

# Bytes per element of the fixed-size element types; 4-bit types pack two per byte.
_ITEM_BITS: dict[int, int] = {
    TensorProto.FLOAT: 32,
    TensorProto.UINT8: 8,
    TensorProto.INT8: 8,
    TensorProto.UINT16: 16,
    TensorProto.INT16: 16,
    TensorProto.INT32: 32,
    TensorProto.INT64: 64,
    TensorProto.BOOL: 8,
    TensorProto.FLOAT16: 16,
    TensorProto.DOUBLE: 64,
    TensorProto.UINT32: 32,
    TensorProto.UINT64: 64,
    TensorProto.COMPLEX64: 64,
    TensorProto.COMPLEX128: 128,
    TensorProto.BFLOAT16: 16,
}
for _name, _bits in (
    ("FLOAT8E4M3FN", 8),
    ("FLOAT8E4M3FNUZ", 8),
    ("FLOAT8E5M2", 8),
    ("FLOAT8E5M2FNUZ", 8),
    ("FLOAT8E8M0", 8),
    ("UINT4", 4),
    ("INT4", 4),
    ("FLOAT4E2M1", 4),
    ("UINT2", 2),
    ("INT2", 2),
):
    if hasattr(TensorProto, _name):
        _ITEM_BITS[getattr(TensorProto, _name)] = _bits

KNOWN_KEYS = frozenset({"location", "offset", "length", "checksum", "basepath"})


def element_count(tensor: TensorProto) -> int:
    return prod(tensor.dims) if tensor.dims else 1


def expected_nbytes(tensor: TensorProto) -> int | None:
    """Bytes the tensor's data takes in raw form (None for strings or unknown types)."""
    bits = _ITEM_BITS.get(tensor.data_type)
    if bits is None:
        return None
    return (element_count(tensor) * bits + 7) // 8


def is_external(tensor: TensorProto) -> bool:
    return tensor.data_location == TensorProto.EXTERNAL


def iter_tensors(graph: onnx.GraphProto, prefix: KeyPath = ("graph",)) -> Iterator[tuple[KeyPath, TensorProto]]:
    """Every tensor of `graph` and its subgraphs, with its key path in the model."""
    for index, tensor in enumerate(graph.initializer):
        yield (*prefix, "initializer", index), tensor
    for index, sparse in enumerate(graph.sparse_initializer):
        yield (*prefix, "sparse_initializer", index, "values"), sparse.values
        yield (*prefix, "sparse_initializer", index, "indices"), sparse.indices
    for node_index, node in enumerate(graph.node):
        for attr_index, attr in enumerate(node.attribute):
            where: KeyPath = (*prefix, "node", node_index, "attribute", attr_index)
            if attr.HasField("t"):
                yield (*where, "t"), attr.t
            for t_index, tensor in enumerate(attr.tensors):
                yield (*where, "tensors", t_index), tensor
            if attr.HasField("sparse_tensor"):
                yield (*where, "sparse_tensor", "values"), attr.sparse_tensor.values
            if attr.HasField("g"):
                yield from iter_tensors(attr.g, (*where, "g"))
            for g_index, sub in enumerate(attr.graphs):
                yield from iter_tensors(sub, (*where, "graphs", g_index))


@dataclass
class ExternalRef:
    """One tensor whose data lives in an external file, as its entries describe it."""

    tensor: str
    key_path: KeyPath
    location: str | None
    offset: int
    length: int | None
    expected: int | None  # bytes its type and dims need
    problems: list[str] = field(default_factory=list)

    @property
    def end(self) -> int | None:
        """The byte just past the tensor's data, when known."""
        size = self.length if self.length is not None else self.expected
        return None if size is None else self.offset + size


def _int_entry(ref: ExternalRef, key: str, value: str) -> int | None:
    try:
        number = int(value)
    except ValueError:
        ref.problems.append(f"its {key} {value!r} is not an integer")
        return None
    if number < 0:
        ref.problems.append(f"its {key} {number} is negative")
        return None
    return number


def external_ref(key_path: KeyPath, tensor: TensorProto) -> ExternalRef:
    """Read a tensor's external-data entries; malformed entries become `problems`."""
    ref = ExternalRef(tensor.name, key_path, None, 0, None, expected_nbytes(tensor))
    seen: set[str] = set()
    for entry in tensor.external_data:
        key, value = entry.key, entry.value
        if key in seen:
            ref.problems.append(f"gives {key!r} twice")
            continue
        seen.add(key)
        if key == "location":
            ref.location = value or None
        elif key == "offset":
            ref.offset = _int_entry(ref, key, value) or 0
        elif key == "length":
            ref.length = _int_entry(ref, key, value)
        elif key not in KNOWN_KEYS:
            ref.problems.append(f"has an unknown entry {key!r}")
    if ref.location is None:
        ref.problems.append("has no location")
    if ref.length is not None and ref.expected is not None and ref.length != ref.expected:
        ref.problems.append(
            f"its length {ref.length} does not match the {ref.expected} bytes its type and shape need"
        )
    if tensor.HasField("raw_data") and tensor.raw_data:
        ref.problems.append("also holds data inline (raw_data) besides the external reference")
    return ref


def external_refs(proto: onnx.ModelProto) -> list[ExternalRef]:
    """Every external tensor reference of the model, in document order."""
    return [external_ref(path, tensor) for path, tensor in iter_tensors(proto.graph) if is_external(tensor)]
