"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from onnx import helper

from graph_builders import model, save, value


def build(tree: Path) -> None:
    x, y = value("x", [2]), value("y", [2])
    relu = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    twice = [helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx", 11)]
    save(tree, "twice/model.onnx", model(relu, [x], [y], opsets=twice))
    save(tree, "missing/model.onnx", model(relu, [x], [y], opsets=[helper.make_opsetid("com.acme", 1)]))
    custom = [helper.make_node("Gelu", ["x"], ["y"], name="gelu", domain="com.acme")]
    save(tree, "custom/model.onnx", model(custom, [x], [y]))
    save(tree, "future/model.onnx", model(relu, [x], [y], opset=99))
