"""The graph's I/O contract applied to one sample file: which array feeds which graph
input (or holds which output), whether its dtype is the one the graph declares, and
whether its shape fits, with or without the batch dimension.

Pure functions over headers and `TensorSpec`s, shared by the fast rules and the deep
check, so both agree on what a sample means.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from onnx import TensorProto

from zoolint.graph.load import Dim, TensorSpec
from zoolint.samples.npz import NpzArray, NpzInfo

POSITIONAL = re.compile(r"^arr_(?P<index>0|[1-9][0-9]*)$")

# ONNX element type -> the numpy dtype a sample must have. STRING and BFLOAT16 are
# special-cased in `dtype_matches`.
_NUMPY_OF: dict[int, np.dtype] = {
    TensorProto.FLOAT: np.dtype("<f4"),
    TensorProto.DOUBLE: np.dtype("<f8"),
    TensorProto.FLOAT16: np.dtype("<f2"),
    TensorProto.INT8: np.dtype("i1"),
    TensorProto.INT16: np.dtype("<i2"),
    TensorProto.INT32: np.dtype("<i4"),
    TensorProto.INT64: np.dtype("<i8"),
    TensorProto.UINT8: np.dtype("u1"),
    TensorProto.UINT16: np.dtype("<u2"),
    TensorProto.UINT32: np.dtype("<u4"),
    TensorProto.UINT64: np.dtype("<u8"),
    TensorProto.BOOL: np.dtype("?"),
    TensorProto.COMPLEX64: np.dtype("<c8"),
    TensorProto.COMPLEX128: np.dtype("<c16"),
}
# 8-bit floats and 4-bit integers have no numpy type: numpy stores them as 1-byte void
# (ml_dtypes) or as their raw uint8 bytes.
_ONE_BYTE_RAW = {
    getattr(TensorProto, name)
    for name in (
        "FLOAT8E4M3FN",
        "FLOAT8E4M3FNUZ",
        "FLOAT8E5M2",
        "FLOAT8E5M2FNUZ",
        "UINT4",
        "INT4",
        "FLOAT4E2M1",
    )
    if hasattr(TensorProto, name)
}


def expected_dtype_name(elem_type: int) -> str:
    """What users should store for an ONNX type, in numpy's words."""
    if elem_type == TensorProto.STRING:
        return "a numpy unicode array (<U...)"
    if elem_type == TensorProto.BFLOAT16:
        return "|V2 (the 2-byte void numpy stores bfloat16 as)"
    if elem_type in _ONE_BYTE_RAW:
        return "|V1 or uint8 (raw bytes)"
    dtype = _NUMPY_OF.get(elem_type)
    return dtype.name if dtype is not None else "unknown"


def dtype_matches(dtype: np.dtype, elem_type: int) -> bool | None:
    """Whether `dtype` is exactly what the ONNX type needs; None when the graph does
    not say (an undefined or non-tensor type)."""
    if elem_type == TensorProto.STRING:
        return dtype.kind == "U" and dtype.fields is None
    if elem_type == TensorProto.BFLOAT16:
        return dtype.kind == "V" and dtype.itemsize == 2 and dtype.fields is None
    if elem_type in _ONE_BYTE_RAW:
        return dtype.itemsize == 1 and dtype.fields is None and dtype.kind in "Vu"
    expected = _NUMPY_OF.get(elem_type)
    if expected is None:
        return None
    return dtype == expected


@dataclass
class KeyMatch:
    """How the keys of one sample file map onto the graph's tensors."""

    bound: dict[str, NpzArray] = field(default_factory=dict)  # graph name -> array
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # keys that name nothing
    twice: list[tuple[str, str, str]] = field(default_factory=list)  # (graph name, key, key)
    out_of_order: bool = False  # named keys, but stored in another order than the graph's


def match_keys(
    info: NpzInfo,
    required: Sequence[TensorSpec],
    optional: Sequence[TensorSpec] = (),
    generic: Sequence[str] = (),
) -> KeyMatch:
    """Bind the arrays of `info` to graph tensors: by name, by position (`arr_N` in
    graph order of `required`), or one generic key when the graph has one tensor."""
    match = KeyMatch()
    names = {spec.name for spec in (*required, *optional)}
    arrays = list(info.arrays)
    if (
        len(arrays) == 1
        and len(required) == 1
        and arrays[0].key not in names
        and arrays[0].key in generic
    ):
        match.bound[required[0].name] = arrays[0]
        return match
    for array in arrays:
        positional = POSITIONAL.match(array.key)
        if array.key in names:
            target = array.key
        elif positional and array.key not in names:
            index = int(positional["index"])
            if index >= len(required):
                match.extra.append(array.key)
                continue
            target = required[index].name
        else:
            match.extra.append(array.key)
            continue
        if target in match.bound:
            match.twice.append((target, match.bound[target].key, array.key))
            continue
        match.bound[target] = array
    match.missing = [spec.name for spec in required if spec.name not in match.bound]
    named = [array.key for array in arrays if array.key in names]
    graph_order = [spec.name for spec in (*required, *optional) if spec.name in named]
    match.out_of_order = len(named) > 1 and named != graph_order
    return match


@dataclass(frozen=True)
class ShapeFit:
    """How an array's shape fits a graph tensor's."""

    batched: bool | None  # True: with the batch dimension; False: without; None: no batch
    problem: str | None  # what does not fit, or None
    aligned: tuple[tuple[Dim, int], ...] = ()  # (graph dim, array size) pairs compared


def fit_shape(shape: tuple[int, ...], graph_shape: tuple[Dim, ...] | None) -> ShapeFit:
    """Compare an array's shape with the graph's, with or without the batch dimension
    (the first), which the runner adds back as 1."""
    if graph_shape is None:
        return ShapeFit(None, None)
    rank = len(graph_shape)
    if len(shape) == rank:
        aligned = tuple(zip(graph_shape, shape))
        # Only a first dimension that is dynamic or 1 can be a batch the runner adds;
        # a tensor fixed at another size has no batch form to mix up.
        has_batch = rank >= 1 and not (isinstance(graph_shape[0], int) and graph_shape[0] != 1)
        return ShapeFit(True if has_batch else None, _static_problem(aligned, 0), aligned)
    if rank >= 1 and len(shape) == rank - 1:
        first = graph_shape[0]
        aligned = tuple(zip(graph_shape[1:], shape))
        if isinstance(first, int) and first != 1:
            return ShapeFit(
                False,
                f"is stored without the batch dimension, but the graph fixes the first"
                f" dimension at {first} (the runner adds a batch of 1)",
                aligned,
            )
        return ShapeFit(False, _static_problem(aligned, 1), aligned)
    without = f", or {rank - 1} without the batch dimension" if rank >= 1 else ""
    return ShapeFit(None, f"has rank {len(shape)}; the graph's is {rank}{without}")


def _static_problem(aligned: tuple[tuple[Dim, int], ...], offset: int) -> str | None:
    """The first static size that differs, numbered as the array's dimension (from 0);
    an array stored without the batch dimension also names the graph's number."""
    for position, (dim, size) in enumerate(aligned):
        if isinstance(dim, int) and dim != size:
            where = f"dimension {position}"
            if offset:
                where += f" (dimension {position + offset} with the batch added)"
            return f"has size {size} in {where}; the graph fixes it at {dim}"
    return None


def format_graph_shape(graph_shape: tuple[Dim, ...] | None) -> str:
    if graph_shape is None:
        return "unknown"
    dims = ", ".join("?" if dim is None else str(dim) for dim in graph_shape)
    return f"[{dims}]"


def format_shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(size) for size in shape) + ("," if len(shape) == 1 else "") + ")"
