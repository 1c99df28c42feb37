"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import onnx

from zoolint.testing.graph import classifier, write_model_onnx


def _external(folder: Path) -> onnx.ModelProto:
    """A classifier with about 5 MB of weights in folder/model.data; its graph, parsed
    without the data, is returned for editing."""
    write_model_onnx(folder, classifier(width=512, sparsity=0.5), external_data=True)
    return onnx.load(str(folder / "model.onnx"), load_external_data=False)


def _entries(tensor: onnx.TensorProto, **entries: str) -> None:
    del tensor.external_data[:]
    for key, value in entries.items():
        item = tensor.external_data.add()
        item.key, item.value = key, value


def _save(folder: Path, proto: onnx.ModelProto) -> None:
    (folder / "model.onnx").write_bytes(proto.SerializeToString())


def build(tree: Path) -> None:
    _external(tree / "m")
    (tree / "m" / "model.data").unlink()
    (tree / "m" / "model.data").mkdir()
