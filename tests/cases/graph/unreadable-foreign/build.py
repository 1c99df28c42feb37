"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import gzip

from zoolint.testing.graph import classifier


def build(tree: Path) -> None:
    (tree / "m" / "onnx").mkdir(parents=True)
    (tree / "m" / "model.onnx").write_bytes(gzip.compress(classifier().SerializeToString(), mtime=0))
    (tree / "m" / "onnx" / "model.13.onnx").write_text("<!DOCTYPE html><html>Not Found</html>\n")
