"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

POINTER = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 12345\n"
)


def build(tree: Path) -> None:
    (tree / "m").mkdir()
    (tree / "m" / "model.onnx").write_text(POINTER)
