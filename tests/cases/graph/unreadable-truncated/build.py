"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier


def build(tree: Path) -> None:
    data = classifier().SerializeToString()
    (tree / "m").mkdir()
    (tree / "m" / "model.onnx").write_bytes(data[: len(data) // 2])
