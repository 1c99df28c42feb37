"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

def build(tree: Path) -> None:
    (tree / "m").mkdir()
    (tree / "m" / "model.onnx").write_bytes(b"")
