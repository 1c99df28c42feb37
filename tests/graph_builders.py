"""Small, deliberately broken ONNX graphs for the graph fixture cases (the valid ones
are in zoolint.testing.graph)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import onnx
from onnx import TensorProto, helper

FLOAT = TensorProto.FLOAT


def value(name: str, shape: Sequence[int | str | None] | None, elem_type: int = FLOAT) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, elem_type, shape)


def model(
    nodes: Sequence[onnx.NodeProto],
    inputs: Sequence[onnx.ValueInfoProto],
    outputs: Sequence[onnx.ValueInfoProto],
    initializers: Sequence[onnx.TensorProto] = (),
    *,
    opset: int = 13,
    ir_version: int = 8,
    opsets: Sequence[onnx.OperatorSetIdProto] | None = None,
) -> onnx.ModelProto:
    graph = helper.make_graph(list(nodes), "case", list(inputs), list(outputs), list(initializers))
    result = helper.make_model(graph, opset_imports=list(opsets or [helper.make_opsetid("", opset)]))
    result.ir_version = ir_version
    return result


def relu_model(**kwargs: object) -> onnx.ModelProto:
    """x[batch, 4] -> Relu -> y[batch, 4]: valid, the base of many cases."""
    return model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [value("x", ["batch", 4])],
        [value("y", ["batch", 4])],
        **kwargs,  # type: ignore[arg-type]
    )


def save(tree: Path, relpath: str, proto: onnx.ModelProto) -> None:
    """Write `proto` as is (no checks), creating folders."""
    path = tree / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(proto.SerializeToString())
