"""Loading ONNX graphs without their external data, and the graph's I/O contract."""

from __future__ import annotations

from dataclasses import dataclass

import onnx
from google.protobuf.message import DecodeError

from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.files import read_bytes
from zoolint.model import ModelDir

GRAPH_PATH = "model.onnx"
# Protobuf cannot hold more than 2 GiB; anything larger is not a graph file.
MAX_GRAPH_BYTES = 2**31


def load_graph(model: ModelDir, relpath: str) -> Artifact[onnx.ModelProto]:
    """The graph at `relpath`, external tensors left unloaded."""
    raw = read_bytes(model.root, relpath, MAX_GRAPH_BYTES)
    if not isinstance(raw, Parsed):
        return raw
    if not raw.value:
        return Broken(relpath, "is empty (0 bytes)")
    try:
        proto = onnx.load_model_from_string(raw.value)
    except (DecodeError, ValueError, RuntimeError) as exc:
        return Broken(relpath, f"is not a valid ONNX protobuf (truncated or corrupt): {exc}")
    if not proto.HasField("graph"):
        return Broken(relpath, "is not an ONNX model (it has no graph)")
    return Parsed(relpath, proto)


def graph(model: ModelDir) -> Artifact[onnx.ModelProto]:
    """Requirement: the model directory's main graph, `model.onnx`."""
    return model.load(load_graph, GRAPH_PATH)


Dim = int | str | None  # a static size, a named dynamic dimension, or unknown


@dataclass(frozen=True)
class TensorSpec:
    """One graph input or output: name, ONNX element type and shape (None: no shape)."""

    name: str
    elem_type: int
    shape: tuple[Dim, ...] | None

    @property
    def type_name(self) -> str:
        return onnx.TensorProto.DataType.Name(self.elem_type) if self.elem_type else "UNDEFINED"


def _spec(value: onnx.ValueInfoProto) -> TensorSpec:
    tensor = value.type.tensor_type
    shape: tuple[Dim, ...] | None = None
    if tensor.HasField("shape"):
        dims: list[Dim] = []
        for dim in tensor.shape.dim:
            if dim.HasField("dim_value"):
                dims.append(dim.dim_value)
            elif dim.HasField("dim_param"):
                dims.append(dim.dim_param)
            else:
                dims.append(None)
        shape = tuple(dims)
    return TensorSpec(value.name, tensor.elem_type, shape)


def graph_inputs(proto: onnx.ModelProto) -> list[TensorSpec]:
    """Inputs a caller feeds: graph inputs that are not initializers."""
    initialized = {init.name for init in proto.graph.initializer}
    return [_spec(value) for value in proto.graph.input if value.name not in initialized]


def graph_defaulted_inputs(proto: onnx.ModelProto) -> list[TensorSpec]:
    """Inputs with an initializer default: a sample may leave them out."""
    initialized = {init.name for init in proto.graph.initializer}
    return [_spec(value) for value in proto.graph.input if value.name in initialized]


def graph_outputs(proto: onnx.ModelProto) -> list[TensorSpec]:
    return [_spec(value) for value in proto.graph.output]
