"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import external_classifier


def build(tree: Path) -> None:
    external_classifier(tree / "m")
    data = (tree / "m" / "model.data").read_bytes()
    (tree / "m" / "model.data").write_bytes(data[: len(data) // 2])
