"""Real ONNX models shipped inside the `onnx` wheel, turned into model directories.

`onnx/backend/test/data` holds models with reference inputs and outputs: converted
PyTorch modules and operators (`pytorch-converted`, `pytorch-operator`), small
hand-written graphs (`simple`), and "light" versions of real architectures (ResNet-50,
VGG-19, DenseNet-121, ... with generated weights) whose input the onnx test runner
derives from the shape (`arange / size`). Each becomes a model directory with
`model.onnx` and one sample, in the layout asked for. Nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

from zoolint.testing.samples import folder_name, npz_bytes, write_archive

DATA = Path(onnx.__file__).parent / "backend" / "test" / "data"
KINDS = ("pytorch-converted", "pytorch-operator", "simple", "light")


@dataclass(frozen=True)
class BackendModel:
    kind: str
    name: str
    model_bytes: bytes
    inputs: dict[str, np.ndarray]
    outputs: dict[str, np.ndarray]


def _tensor(path: Path) -> np.ndarray:
    proto = onnx.TensorProto()
    proto.ParseFromString(path.read_bytes())
    array = numpy_helper.to_array(proto)
    if proto.data_type == onnx.TensorProto.STRING:
        # onnx gives an object array; samples hold strings as numpy unicode, not pickles.
        items = [item.decode("utf-8") if isinstance(item, bytes) else str(item) for item in array.flat]
        array = np.array(items, dtype=np.str_).reshape(array.shape)
    return array


def _tensor_only(proto: onnx.ModelProto) -> bool:
    return all(
        value.type.WhichOneof("value") == "tensor_type"
        for value in (*proto.graph.input, *proto.graph.output)
    )


def _caller_inputs(proto: onnx.ModelProto) -> list[onnx.ValueInfoProto]:
    initialized = {init.name for init in proto.graph.initializer}
    return [value for value in proto.graph.input if value.name not in initialized]


def backend_models(kinds: Sequence[str] = KINDS, names: Sequence[str] | None = None) -> Iterator[BackendModel]:
    """The wheel's models with tensor inputs and outputs and reference data."""
    for kind in kinds:
        for folder in sorted((DATA / kind).glob("*")) if kind != "light" else []:
            if names is not None and folder.name not in names:
                continue
            model = _from_test_folder(kind, folder)
            if model is not None:
                yield model
        if kind == "light":
            for path in sorted((DATA / "light").glob("*.onnx")):
                if names is None or path.stem in names:
                    model = _from_light(path)
                    if model is not None:
                        yield model


def _from_test_folder(kind: str, folder: Path) -> BackendModel | None:
    data = folder / "test_data_set_0"
    if not (folder / "model.onnx").is_file() or not data.is_dir():
        return None
    raw = (folder / "model.onnx").read_bytes()
    proto = onnx.load_model_from_string(raw)
    if not _tensor_only(proto):
        return None
    ins = [_tensor(path) for path in sorted(data.glob("input_*.pb"))]
    outs = [_tensor(path) for path in sorted(data.glob("output_*.pb"))]
    names_in = [value.name for value in _caller_inputs(proto)]
    names_out = [value.name for value in proto.graph.output]
    if len(ins) != len(names_in) or len(outs) != len(names_out):
        return None
    return BackendModel(kind, folder.name, raw, dict(zip(names_in, ins)), dict(zip(names_out, outs)))


def _from_light(path: Path) -> BackendModel | None:
    raw = path.read_bytes()
    proto = onnx.load_model_from_string(raw)
    expected = path.with_name(path.stem + "_output_0.pb")
    if not expected.is_file() or len(proto.graph.output) != 1:
        return None
    feeds = {}
    for value in _caller_inputs(proto):
        shape = tuple(
            dim.dim_value if dim.HasField("dim_value") else 1 for dim in value.type.tensor_type.shape.dim
        )
        size = int(np.prod(shape))
        feeds[value.name] = (np.arange(size).reshape(shape) / size).astype(np.float32)
    outputs = {proto.graph.output[0].name: _tensor(expected)}
    return BackendModel("light", path.stem, raw, feeds, outputs)


def write_model_dir(
    model: BackendModel,
    destination: Path,
    *,
    generation: str = "documented",
    archived: bool = False,
    engine: str | None = None,
) -> Path:
    """`destination/model.onnx` and one sample (named keys, full shapes)."""
    destination.mkdir(parents=True, exist_ok=True)
    (destination / "model.onnx").write_bytes(model.model_bytes)
    folders = {
        folder_name("inputs", generation): ("inp-0000.npz", model.inputs),
        folder_name("outputs", generation, engine): ("out-0000.npz", model.outputs),
    }
    for folder, (name, arrays) in folders.items():
        data = npz_bytes(arrays)
        if archived:
            write_archive(destination / f"{folder}.tar.gz", folder, {name: data})
        else:
            (destination / folder).mkdir(exist_ok=True)
            (destination / folder / name).write_bytes(data)
    return destination
