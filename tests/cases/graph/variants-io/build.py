"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import io
import tarfile

from onnx import TensorProto

from zoolint.testing.graph import classifier, write_model_onnx


def build(tree: Path) -> None:
    folder = tree / "m"
    write_model_onnx(folder, classifier())
    write_model_onnx(folder / "deployment", classifier(input_name="images"))
    half = classifier(opset=13)
    half.graph.input[0].type.tensor_type.elem_type = TensorProto.FLOAT16
    write_model_onnx(folder / "onnx", half, name="model.13.onnx")
    write_model_onnx(folder / "onnx", classifier(opset=14, batch=1), name="model.14.onnx")
    data = classifier(classes=5).SerializeToString()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("model.onnx")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (folder / "model.onnx.tar.gz").write_bytes(buffer.getvalue())
