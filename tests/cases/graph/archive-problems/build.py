"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import io
import tarfile

from zoolint.testing.graph import classifier


def _tar(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def build(tree: Path) -> None:
    for name in ("a", "b", "c", "d"):
        (tree / name).mkdir()
    (tree / "a" / "model.onnx.tar.gz").write_bytes(classifier().SerializeToString())
    (tree / "b" / "model.onnx.tar.gz").write_bytes(_tar({"weights/other.onnx": classifier().SerializeToString()}))
    (tree / "c" / "model.onnx.tar.gz").write_bytes(_tar({"model.onnx": b""}))
    whole = _tar({"model.onnx": classifier().SerializeToString()})
    (tree / "d" / "model.onnx.tar.gz").write_bytes(whole[: len(whole) // 2])
