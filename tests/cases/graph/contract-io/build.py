"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from onnx import TensorProto, helper

from graph_builders import model, save, value


def build(tree: Path) -> None:
    no_shape = helper.make_tensor_value_info("x", TensorProto.FLOAT, None)
    untyped = helper.make_tensor_value_info("y", TensorProto.UNDEFINED, [2])
    save(tree, "io/model.onnx", model([helper.make_node("Relu", ["x"], ["y"], name="relu")], [no_shape], [untyped]))
    dims = model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [value("x", [None, -1, 4])],
        [value("y", ["batch", "seq", 4])],
    )
    save(tree, "dims/model.onnx", dims)
