"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from onnx import helper

from graph_builders import model, save, value
from zoolint.testing.graph import classifier, write_model_onnx


def build(tree: Path) -> None:
    relu = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    save(tree, "renamed/model.onnx", model(relu, [value("x", ["batch", 4])], [value("y", ["N", 4])]))
    save(tree, "fixed/model.onnx", model(relu, [value("x", ["batch", 4])], [value("y", [1, 4])]))
    save(tree, "named-static/model.onnx", model(relu, [value("x", [1, 4])], [value("y", ["batch", 4])]))
    write_model_onnx(tree / "good", classifier())
