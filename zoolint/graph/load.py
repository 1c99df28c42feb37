"""Loading ONNX graphs without their external data, and the graph's I/O contract.

Every graph file of a model directory is read once (bounded, through
`zoolint.io.files`) and parsed once into an `onnx.ModelProto` whose external tensors
stay unloaded. A file that does not parse comes back `Broken` with a kind that says
why: empty, truncated, corrupt or some other format (see `zoolint.graph.wire`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import onnx
from google.protobuf.message import DecodeError

from zoolint.graph.wire import diagnose, sniff
from zoolint.io.artifact import Artifact, Broken, BrokenKind, Parsed
from zoolint.io.files import read_bytes
from zoolint.model import ModelDir

GRAPH_PATH = "model.onnx"
ARCHIVE_PATH = "model.onnx.tar.gz"
DEPLOYMENT_GRAPH = "deployment/model.onnx"
VARIANTS_FOLDER = "onnx"
# Protobuf cannot hold more than 2 GiB; anything larger is not a graph file.
MAX_GRAPH_BYTES = 2**31

VARIANT_NAME = re.compile(r"^model\.(?P<opset>[0-9]+)\.onnx$")


class GraphBroken:
    """`Broken.kind` values of graph files, beyond the generic ones."""

    EMPTY = "empty"
    TRUNCATED = "truncated"
    CORRUPT = "corrupt"
    FOREIGN = "foreign"  # another file format under a .onnx name
    NO_GRAPH = "no-graph"  # parses, but is not a model
    ARCHIVE = "archive"  # model.onnx.tar.gz cannot give a graph


def parse_graph_bytes(relpath: str, data: bytes) -> Parsed[onnx.ModelProto] | Broken:
    """Parse serialized ModelProto bytes; explain failures precisely."""
    if not data:
        return Broken(relpath, "is empty (0 bytes)", GraphBroken.EMPTY)
    try:
        proto = onnx.load_model_from_string(data)
    except (DecodeError, ValueError, RuntimeError):
        diagnosis = diagnose(data)
        return Broken(relpath, diagnosis.detail, diagnosis.kind)
    if not proto.HasField("graph"):
        foreign = sniff(data)
        if foreign is not None:
            return Broken(relpath, f"is {foreign}, not an ONNX model", GraphBroken.FOREIGN)
        if proto.ir_version:
            # A model's header without its graph: the file ends where the graph begins.
            return Broken(
                relpath,
                f"is truncated ({len(data)} bytes): it ends before its graph"
                f" (the header, IR version {proto.ir_version}, is there)",
                GraphBroken.TRUNCATED,
            )
        return Broken(
            relpath,
            "is not an ONNX model: it parses as protobuf but has no graph",
            GraphBroken.NO_GRAPH,
        )
    return Parsed(relpath, proto)


def load_graph(model: ModelDir, relpath: str) -> Artifact[onnx.ModelProto]:
    """The graph at `relpath`, external tensors left unloaded."""
    raw = read_bytes(model.root, relpath, MAX_GRAPH_BYTES)
    if not isinstance(raw, Parsed):
        if isinstance(raw, Broken) and raw.kind == BrokenKind.TOO_LARGE:
            return Broken(
                relpath,
                "is over 2 GiB, more than a protobuf can hold: it cannot be an ONNX graph"
                " (large weights belong in external data)",
                BrokenKind.TOO_LARGE,
            )
        return raw
    twins = model.load(_twins, "")
    assert isinstance(twins, Parsed)
    return twins.value.parse(model, relpath, raw.value)


class Twins:
    """Graph files of one directory with identical bytes (`deployment/model.onnx` is
    often a copy of `model.onnx`): parsed once, and the parsed graph shared. Bytes are
    only kept, for comparison, when another graph file of the same size exists."""

    def __init__(self) -> None:
        self.kept: dict[int, list[tuple[str, bytes, Parsed[onnx.ModelProto] | Broken]]] = {}
        self.twin_of: dict[str, str] = {}

    def parse(self, model: ModelDir, relpath: str, data: bytes) -> Parsed[onnx.ModelProto] | Broken:
        for other, other_data, state in self.kept.get(len(data), ()):
            if other_data == data:
                self.twin_of[relpath] = other
                return Parsed(relpath, state.value) if isinstance(state, Parsed) else Broken(
                    relpath, state.reason, state.kind
                )
        state = parse_graph_bytes(relpath, data)
        sizes = [
            entry.size
            for path in graph_files(model)
            if path != relpath and (entry := model.entry(path)) is not None
        ]
        if len(data) in sizes:
            self.kept.setdefault(len(data), []).append((relpath, data, state))
        return state


def _twins(model: ModelDir, _: str) -> Parsed[Twins]:
    return Parsed("", Twins())


def twin_of(model: ModelDir, relpath: str) -> str | None:
    """The graph file read earlier whose bytes `relpath` repeats, if any."""
    twins = model.load(_twins, "")
    assert isinstance(twins, Parsed)
    return twins.value.twin_of.get(relpath)


def graph_at(model: ModelDir, relpath: str) -> Artifact[onnx.ModelProto]:
    """The graph of one graph file: a `.onnx` file or the graph inside `model.onnx.tar.gz`."""
    if relpath.endswith(".tar.gz"):
        from zoolint.graph.archive import load_archived_graph

        return model.load(load_archived_graph, relpath)
    return model.load(load_graph, relpath)


def main_graph_path(model: ModelDir) -> str:
    """`model.onnx`, or `model.onnx.tar.gz` when only the archive was uploaded."""
    if model.only_file is not None and model.only_file.endswith(".onnx"):
        return model.only_file
    if model.entry(GRAPH_PATH) is None and model.entry(ARCHIVE_PATH) is not None:
        return ARCHIVE_PATH
    return GRAPH_PATH


def graph(model: ModelDir) -> Artifact[onnx.ModelProto]:
    """Requirement: the model directory's main graph, `model.onnx` (or the graph inside
    `model.onnx.tar.gz` when that is all there is)."""
    return graph_at(model, main_graph_path(model))


def graph_files(model: ModelDir) -> list[str]:
    """Every graph file of the directory: the main graph, its archive, the opset
    variants in `onnx/` and `deployment/model.onnx`. A loose `.onnx` file is its own."""
    found = model.load(_list_graph_files, "")
    assert isinstance(found, Parsed)
    return list(found.value)


def _list_graph_files(model: ModelDir, _: str) -> Parsed[tuple[str, ...]]:
    return Parsed("", tuple(_graph_files(model)))


def _graph_files(model: ModelDir) -> list[str]:
    if model.only_file is not None:
        return [model.only_file] if model.only_file.endswith(".onnx") else []
    found = []
    for relpath in (GRAPH_PATH, ARCHIVE_PATH):
        if model.entry(relpath) is not None:
            found.append(relpath)
    found.extend(
        entry.relpath
        for entry in model.entries_under(VARIANTS_FOLDER)
        if entry.name.endswith(".onnx") and entry.kind in ("file", "symlink")
    )
    if model.entry(DEPLOYMENT_GRAPH) is not None:
        found.append(DEPLOYMENT_GRAPH)
    return found


Dim = int | str | None  # a static size, a named dynamic dimension, or unknown


@dataclass(frozen=True)
class TensorSpec:
    """One graph input or output: name, ONNX element type and shape (None: no shape)."""

    name: str
    elem_type: int
    shape: tuple[Dim, ...] | None

    @property
    def type_name(self) -> str:
        """ONNX's name of the element type (`FLOAT`, `INT64`)."""
        return onnx.TensorProto.DataType.Name(self.elem_type) if self.elem_type else "UNDEFINED"

    @property
    def dtype_name(self) -> str:
        """The element type as numpy and users write it (`float32`, `int64`)."""
        return elem_type_name(self.elem_type)

    @property
    def rank(self) -> int | None:
        return None if self.shape is None else len(self.shape)

    def describe(self) -> str:
        """`float32[batch,3,224,224]`: how messages show a tensor's type."""
        if self.shape is None:
            return f"{self.dtype_name}[?]"
        dims = ",".join("?" if dim is None else str(dim) for dim in self.shape)
        return f"{self.dtype_name}[{dims}]"


def elem_type_name(elem_type: int) -> str:
    """`float32`-style names, as numpy and users write them."""
    if not elem_type:
        return "undefined"
    try:
        return onnx.helper.tensor_dtype_to_np_dtype(elem_type).name
    except (KeyError, TypeError, ValueError):
        try:
            return onnx.TensorProto.DataType.Name(elem_type).lower()
        except ValueError:
            return f"type {elem_type}"


def _spec(value: onnx.ValueInfoProto) -> TensorSpec:
    tensor = value.type.tensor_type
    shape: tuple[Dim, ...] | None = None
    if tensor.HasField("shape"):
        dims: list[Dim] = []
        for dim in tensor.shape.dim:
            if dim.HasField("dim_value"):
                dims.append(dim.dim_value)
            elif dim.HasField("dim_param") and dim.dim_param:
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


def default_opset(proto: onnx.ModelProto) -> int | None:
    """The ai.onnx opset the model imports (None when it imports none)."""
    for opset in proto.opset_import:
        if opset.domain in ("", "ai.onnx"):
            return int(opset.version)
    return None
