"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from onnx import helper, numpy_helper

from graph_builders import model, save, value


def build(tree: Path) -> None:
    w = numpy_helper.from_array(np.ones(4, np.float32), "w")
    unused = numpy_helper.from_array(np.ones(4, np.float32), "stale.weight")
    nodes = [
        helper.make_node("Add", ["x", "w"], ["y"], name="add"),
        helper.make_node("Relu", ["x"], ["dead"], name="leftover"),
    ]
    inputs = [value("x", ["batch", 4]), value("w", [4])]
    save(tree, "ir8/model.onnx", model(nodes, inputs, [value("y", ["batch", 4])], [w, unused], ir_version=8))
    old = model(nodes[:1], inputs, [value("y", ["batch", 4])], [w], ir_version=3, opset=8)
    save(tree, "ir3/model.onnx", old)
