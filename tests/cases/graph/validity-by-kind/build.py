"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from graph_builders import model, save, value


def build(tree: Path) -> None:
    relu = lambda name, a, b: helper.make_node("Relu", [a], [b], name=name)  # noqa: E731
    x, y = value("x", [2]), value("y", [2])
    save(tree, "arity/model.onnx", model([helper.make_node("Add", ["x"], ["y"], name="add")], [x], [y]))
    save(tree, "unsorted/model.onnx", model([relu("second", "a", "y"), relu("first", "x", "a")], [x], [y]))
    save(tree, "undefined/model.onnx", model([relu("relu", "missing", "y")], [x], [y]))
    save(tree, "undefined-output/model.onnx", model([relu("relu", "x", "y")], [x], [y, value("z", [2])]))
    save(tree, "unknown-op/model.onnx", model([helper.make_node("Relux", ["x"], ["y"], name="act")], [x], [y]))
    save(
        tree,
        "type/model.onnx",
        model([helper.make_node("Add", ["x", "n"], ["y"], name="add")], [x, value("n", [2], TensorProto.INT64)], [y]),
    )
    save(tree, "output-type/model.onnx", model([relu("relu", "x", "y")], [x], [value("y", [2], TensorProto.INT64)]))
    save(tree, "shape/model.onnx", model([relu("relu", "x", "y")], [x], [value("y", [3])]))
    save(
        tree,
        "broadcast/model.onnx",
        model([helper.make_node("Add", ["x", "w"], ["y"], name="add")], [x, value("w", [3])], [y]),
    )
    save(tree, "attribute/model.onnx", model([helper.make_node("Relu", ["x"], ["y"], name="relu", alpha=0.1)], [x], [y]))
    save(
        tree,
        "attribute-range/model.onnx",
        model([helper.make_node("Softmax", ["x"], ["y"], axis=3)], [x], [y]),
    )
    save(tree, "duplicate/model.onnx", model([relu("a", "x", "y"), relu("b", "x", "y")], [x], [y]))
    bad = numpy_helper.from_array(np.ones(2, np.float32), "w")
    bad.dims[0] = 3
    save(tree, "tensor/model.onnx", model([helper.make_node("Add", ["x", "w"], ["y"], name="add")], [x], [y], [bad]))
