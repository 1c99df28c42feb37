"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from graph_builders import relu_model, save


def build(tree: Path) -> None:
    save(tree, "a/model.onnx", relu_model(opset=21, ir_version=10))
    save(tree, "b/model.onnx", relu_model(opset=24, ir_version=12))
