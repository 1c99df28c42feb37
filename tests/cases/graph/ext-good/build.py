"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import external_classifier


def build(tree: Path) -> None:
    external_classifier(tree / "m")
    (tree / "m" / "training").mkdir()
    (tree / "m" / "training" / "pytorch_model.bin").write_bytes(b"not a graph's data")
