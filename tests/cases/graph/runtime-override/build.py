"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from graph_builders import relu_model, save


def build(tree: Path) -> None:
    save(tree, "m/model.onnx", relu_model(opset=13, ir_version=8))
