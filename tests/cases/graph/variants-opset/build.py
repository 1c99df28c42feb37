"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier, write_model_onnx


def build(tree: Path) -> None:
    folder = tree / "m"
    write_model_onnx(folder, classifier())
    write_model_onnx(folder / "onnx", classifier(opset=13), name="model.13.onnx")
    write_model_onnx(folder / "onnx", classifier(opset=13), name="model.11.onnx")
    write_model_onnx(folder / "onnx", classifier(opset=13), name="model-fp16.onnx")
