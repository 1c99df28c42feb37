"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier, write_model_onnx


def build(tree: Path) -> None:
    write_model_onnx(tree / "m", classifier())
    (tree / "m" / "model.data").write_bytes(bytes(64))
    write_model_onnx(tree / "m" / "deployment", classifier())
    (tree / "m" / "deployment" / "old.bin").write_bytes(bytes(64))
    (tree / "m" / "training").mkdir()
    (tree / "m" / "training" / "pytorch_model.bin").write_bytes(bytes(64))
