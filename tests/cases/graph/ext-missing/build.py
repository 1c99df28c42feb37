"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import external_classifier


def build(tree: Path) -> None:
    external_classifier(tree / "m")
    (tree / "m" / "model.data").unlink()
