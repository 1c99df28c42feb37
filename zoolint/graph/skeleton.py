"""A weightless copy of a graph, for shape inference and for checking what cannot be
checked in place.

Shape inference needs every initializer's type and shape but the data of only a few
small ones (a Reshape's target shape, a Slice's starts). The skeleton keeps small
initializers with their data and turns large ones into graph inputs of the same type
and shape, which inference treats the same way. So inference costs the size of the
graph's structure, not of its weights, and never needs external data it cannot read:
onnx's own full check fails on valid models whose small tensors are stored externally
("Cannot parse data from external tensors").
"""

from __future__ import annotations

from collections.abc import Callable

import onnx
from onnx import TensorProto

from zoolint.graph.tensors import element_count, is_external, iter_tensors

# Initializers up to this many elements keep their data (data-dependent shapes).
SMALL_ELEMENTS = 1024

SmallLoader = Callable[[TensorProto], bytes | None]


def _as_input(graph: onnx.GraphProto, name: str, elem_type: int, dims: list[int]) -> None:
    value = graph.input.add()
    value.name = name
    tensor_type = value.type.tensor_type
    tensor_type.elem_type = elem_type
    tensor_type.shape.SetInParent()
    for size in dims:
        tensor_type.shape.dim.add().dim_value = size


def build_skeleton(
    proto: onnx.ModelProto,
    *,
    keep_output_shapes: bool,
    load_small: SmallLoader | None = None,
) -> onnx.ModelProto:
    """The graph with large (and unreadable external) initializers turned into inputs.

    `keep_output_shapes=False` leaves the graph outputs with their element types only,
    so inference says what the graph computes rather than merging in what it declares.
    `load_small` reads the bytes of a small external tensor (None: it stays an input).
    """
    skeleton = onnx.ModelProto()
    skeleton.ir_version = proto.ir_version
    skeleton.opset_import.extend(proto.opset_import)
    skeleton.functions.extend(proto.functions)
    source = proto.graph
    graph = skeleton.graph
    graph.name = source.name or "main"
    graph.node.extend(source.node)
    graph.input.extend(source.input)
    graph.value_info.extend(source.value_info)
    for output in source.output:
        if keep_output_shapes or not output.type.HasField("tensor_type"):
            graph.output.add().CopyFrom(output)
            continue
        copy = graph.output.add()
        copy.name = output.name
        copy.type.tensor_type.elem_type = output.type.tensor_type.elem_type
    declared = {value.name for value in source.input}
    for tensor in source.initializer:
        data: bytes | None = None
        small = element_count(tensor) <= SMALL_ELEMENTS
        if small and is_external(tensor) and load_small is not None:
            data = load_small(tensor)
        if small and (not is_external(tensor) or data is not None):
            kept = graph.initializer.add()
            kept.CopyFrom(tensor)
            if data is not None:
                del kept.external_data[:]
                kept.data_location = TensorProto.DEFAULT
                kept.raw_data = data
        elif tensor.name not in declared:
            _as_input(graph, tensor.name, tensor.data_type, list(tensor.dims))
    for sparse in source.sparse_initializer:
        if sparse.values.name not in declared:
            _as_input(graph, sparse.values.name, sparse.values.data_type, list(sparse.dims))
    return skeleton


def has_external(proto: onnx.ModelProto) -> bool:
    """Whether any tensor (in subgraphs and attributes too) still points at a file."""
    return any(is_external(tensor) for _, tensor in iter_tensors(proto.graph))
