"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from onnx import helper

from graph_builders import model, relu_model, save, value


def build(tree: Path) -> None:
    save(tree, "new-ir/model.onnx", relu_model(ir_version=10))
    save(tree, "new-opset/model.onnx", relu_model(opset=21, ir_version=9))
    ml = relu_model(opsets=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 4)])
    save(tree, "new-ml/model.onnx", ml)
    custom = model(
        [helper.make_node("FastGelu", ["x"], ["y"], name="gelu", domain="com.acme")],
        [value("x", [2])],
        [value("y", [2])],
        opsets=[helper.make_opsetid("", 13), helper.make_opsetid("com.acme", 1)],
    )
    save(tree, "custom/model.onnx", custom)
    contrib = model(
        [helper.make_node("FastGelu", ["x"], ["y"], name="gelu", domain="com.microsoft")],
        [value("x", [2])],
        [value("y", [2])],
        opsets=[helper.make_opsetid("", 13), helper.make_opsetid("com.microsoft", 1)],
    )
    save(tree, "contrib/model.onnx", contrib)
    save(tree, "fine/model.onnx", relu_model(opset=19, ir_version=9))
