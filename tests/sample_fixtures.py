"""Graphs and files the samples fixture cases build (imported by their build.py)."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from zoolint.testing.builders import DEFAULT_IR_VERSION, DEFAULT_OPSET, save_model, tiny_classifier
from zoolint.testing.samples import npz_bytes, write_samples

Spec = tuple[str, int, Sequence[int | str]]


def identity_graph(specs: Sequence[Spec], defaulted: Sequence[tuple[str, np.ndarray]] = ()) -> onnx.ModelProto:
    """One Identity per input: output `<name>_out` has the input's type and shape."""
    nodes = [helper.make_node("Identity", [name], [f"{name}_out"]) for name, _, _ in specs]
    inputs = [helper.make_tensor_value_info(name, elem, list(shape)) for name, elem, shape in specs]
    outputs = [helper.make_tensor_value_info(f"{name}_out", elem, list(shape)) for name, elem, shape in specs]
    initializers = []
    for name, value in defaulted:
        nodes.append(helper.make_node("Identity", [name], [f"{name}_out"]))
        inputs.append(helper.make_tensor_value_info(name, helper.np_dtype_to_tensor_dtype(value.dtype), list(value.shape)))
        outputs.append(helper.make_tensor_value_info(f"{name}_out", helper.np_dtype_to_tensor_dtype(value.dtype), list(value.shape)))
        initializers.append(numpy_helper.from_array(value, name))
    graph = helper.make_graph(nodes, "identity", inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", DEFAULT_OPSET)])
    model.ir_version = DEFAULT_IR_VERSION
    return model


def write_npz(path: Path, arrays: dict[str, np.ndarray] | Sequence[np.ndarray], compressed: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(arrays, dict):
        path.write_bytes(npz_bytes(arrays, compressed=compressed))
    else:
        path.write_bytes(npz_bytes({f"arr_{i}": a for i, a in enumerate(arrays)}, compressed=compressed))
    return path


def classifier_dir(model_dir: Path, count: int = 2, **kwargs: object) -> onnx.ModelProto:
    """A tiny classifier with `count` valid samples (documented layout unless told)."""
    proto = tiny_classifier()
    save_model(proto, model_dir / "model.onnx")
    write_samples(model_dir, proto, count=count, **kwargs)  # type: ignore[arg-type]
    return proto


def tar_gz(path: Path, members: Sequence[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    """A .tar.gz from TarInfo entries (links, devices, dirs) and (name, data) files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as tar:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                tar.addfile(member)
            else:
                name, data = member
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
    return path


def tar_entry(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.mode = 0o644
    return info


__all__ = [
    "TensorProto",
    "classifier_dir",
    "identity_graph",
    "save_model",
    "tar_entry",
    "tar_gz",
    "write_npz",
    "write_samples",
]
