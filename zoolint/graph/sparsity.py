"""Sparsity and quantization measured from the weights themselves.

The prunable weights are those of the operators pruning acts on: Conv, Gemm, MatMul and
their quantized forms (QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger), when
the weight input is an initializer, directly or through a DequantizeLinear. A weight is
"zero" when it equals its zero point (0 for float weights; the zero point, per tensor
or per channel, for integer weights).

Weights are counted chunk by chunk: inline data from the parsed graph, external data
streamed from its file through one reused buffer, so memory stays at one chunk however
large the model. External data is only read when every location of the graph was found
safe (see `zoolint.graph.external`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

from zoolint.graph.datafile import CHUNK_BYTES, DataFileError, ExternalTensors
from zoolint.graph.external import ExternalData, external_data
from zoolint.graph.load import graph_at, main_graph_path
from zoolint.graph.tensors import element_count, expected_nbytes, external_ref, is_external
from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.model import ModelDir

UNMEASURABLE = "unmeasurable"
# A layer counts as pruned from this sparsity on (dense layers hold almost no exact zeros).
LAYER_PRUNED_FRACTION = 0.10

# op type -> ((weight input, zero-point input or None, zero-point axis), ...), in order.
_WEIGHT_INPUTS: dict[str, tuple[tuple[int, int | None, int], ...]] = {
    "Conv": ((1, None, 0),),
    "Gemm": ((1, None, 0),),
    "MatMul": ((1, None, 0), (0, None, 0)),
    "QLinearConv": ((3, 5, 0),),
    "QLinearMatMul": ((3, 5, 1), (0, 2, 0)),
    "ConvInteger": ((1, 3, 0),),
    "MatMulInteger": ((1, 3, 1), (0, 2, 0)),
}
PRUNABLE_OPS = frozenset(_WEIGHT_INPUTS)

QUANTIZED_OPS = frozenset(
    {
        "QuantizeLinear",
        "DequantizeLinear",
        "DynamicQuantizeLinear",
        "ConvInteger",
        "MatMulInteger",
        "DynamicQuantizeMatMul",
        "MatMulIntegerToFloat",
        "MatMulNBits",
        "QGemm",
        "QAttention",
    }
)
INTEGER_TYPES = frozenset(
    {TensorProto.INT8, TensorProto.UINT8, TensorProto.INT16, TensorProto.UINT16}
    | {getattr(TensorProto, name) for name in ("INT4", "UINT4", "INT2", "UINT2") if hasattr(TensorProto, name)}
)


@dataclass(frozen=True)
class PrunableWeight:
    """A weight initializer of a prunable node, and what counts as zero in it."""

    tensor: TensorProto
    node: str
    op_type: str
    zero_point: TensorProto | None = None
    axis: int = 0


@dataclass(frozen=True)
class LayerSparsity:
    weight: str
    node: str
    op_type: str
    zeros: int
    total: int

    @property
    def fraction(self) -> float:
        return self.zeros / self.total if self.total else 0.0


@dataclass
class SparsityReport:
    """Measured sparsity of the prunable weights, as fractions in [0, 1]."""

    layers: list[LayerSparsity] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # weights of unsupported types
    quantized_by: list[str] = field(default_factory=list)  # evidence of quantization

    @property
    def zeros(self) -> int:
        return sum(layer.zeros for layer in self.layers)

    @property
    def total(self) -> int:
        return sum(layer.total for layer in self.layers)

    @property
    def overall(self) -> float:
        """Zeros over all prunable weights (analysis.yaml's `single.sparsity`)."""
        return self.zeros / self.total if self.total else 0.0

    @property
    def pruned_layers(self) -> list[LayerSparsity]:
        return [layer for layer in self.layers if layer.fraction >= LAYER_PRUNED_FRACTION]

    @property
    def pruned_layers_fraction(self) -> float:
        """Sparsity of the layers that were pruned at all: recipes often leave the first
        convolution and the classifier dense, which pulls `overall` below the target."""
        layers = self.pruned_layers
        total = sum(layer.total for layer in layers)
        return sum(layer.zeros for layer in layers) / total if total else 0.0

    @property
    def pruned_share(self) -> float:
        """Share of the prunable weights that sit in pruned layers."""
        total = self.total
        return sum(layer.total for layer in self.pruned_layers) / total if total else 0.0

    @property
    def quantized(self) -> bool:
        return bool(self.quantized_by)


def prunable_weights(proto: onnx.ModelProto) -> list[PrunableWeight]:
    """The weight initializers of the main graph's prunable nodes, each once."""
    initializers = {tensor.name: tensor for tensor in proto.graph.initializer}
    dequantized: dict[str, onnx.NodeProto] = {}
    for node in proto.graph.node:
        if node.op_type == "DequantizeLinear" and node.domain in ("", "ai.onnx") and node.input[0] in initializers:
            dequantized[node.output[0]] = node
    seen: set[str] = set()
    weights = []
    for index, node in enumerate(proto.graph.node):
        if node.op_type not in _WEIGHT_INPUTS or node.domain not in ("", "ai.onnx"):
            continue
        for weight_input, zp_input, zp_axis in _WEIGHT_INPUTS[node.op_type]:
            if weight_input >= len(node.input):
                continue
            name = node.input[weight_input]
            zero_point: TensorProto | None = None
            axis = zp_axis
            if name in initializers:
                tensor = initializers[name]
                if zp_input is not None and zp_input < len(node.input):
                    zero_point = initializers.get(node.input[zp_input])
            elif name in dequantized:
                dq = dequantized[name]
                tensor = initializers[dq.input[0]]
                zero_point = initializers.get(dq.input[2]) if len(dq.input) > 2 else None
                axis = next((a.i for a in dq.attribute if a.name == "axis"), 1)
            else:
                continue
            if tensor.name not in seen:
                seen.add(tensor.name)
                weights.append(PrunableWeight(tensor, node.name or f"#{index}", node.op_type, zero_point, axis))
            break
    return weights


def quantization_evidence(proto: onnx.ModelProto, weights: list[PrunableWeight] | None = None) -> list[str]:
    """What makes the graph quantized: its quantized operators and integer weights."""
    counts: dict[str, int] = {}
    for node in proto.graph.node:
        if node.op_type in QUANTIZED_OPS or node.op_type.startswith("QLinear"):
            counts[node.op_type] = counts.get(node.op_type, 0) + 1
    evidence = [f"{count} {op}" for op, count in sorted(counts.items())]
    for weight in weights if weights is not None else prunable_weights(proto):
        if weight.tensor.data_type in INTEGER_TYPES:
            evidence.append(f"integer weights ({weight.tensor.name})")
            break
    return evidence


# --- counting ------------------------------------------------------------------


def _np_dtype(data_type: int) -> np.dtype | None:
    if data_type == TensorProto.BFLOAT16:
        return np.dtype("<u2")
    try:
        dtype = np.dtype(onnx.helper.tensor_dtype_to_np_dtype(data_type))
    except (KeyError, TypeError, ValueError):
        return None
    if dtype.kind not in "fiu" or dtype.itemsize == 0:
        return None
    return dtype.newbyteorder("<")


def _zeros_in(values: np.ndarray, data_type: int, zero: np.ndarray | int | None) -> int:
    if data_type == TensorProto.BFLOAT16:
        return int(np.count_nonzero((values & 0x7FFF) == 0))
    if values.dtype.kind == "f":
        # `== 0` counts -0.0 too, and is several times faster than counting the
        # non-zeros of a float array directly.
        return int(np.count_nonzero(values == 0))
    if zero is None or (np.ndim(zero) == 0 and int(zero) == 0):
        return int(values.size - np.count_nonzero(values))
    return int(np.count_nonzero(values == zero))


def count_zeros(
    chunks: Iterable[memoryview | bytes],
    data_type: int,
    dims: tuple[int, ...],
    zero_point: np.ndarray | None,
    axis: int,
) -> int:
    """Zeros in a tensor given as consecutive byte chunks. Chunks must be cut at
    multiples of `chunk_elements(...)` elements (see `chunk_bytes_for`)."""
    dtype = _np_dtype(data_type)
    assert dtype is not None
    per_channel = zero_point is not None and zero_point.size > 1 and len(set(zero_point.tolist())) > 1
    scalar_zero = None if zero_point is None or per_channel else zero_point.reshape(-1)[0]
    if not per_channel:
        return sum(_zeros_in(np.frombuffer(chunk, dtype), data_type, scalar_zero) for chunk in chunks)
    assert zero_point is not None
    axis = axis % len(dims)
    channels = dims[axis]
    inner = int(np.prod(dims[axis + 1 :])) if axis + 1 < len(dims) else 1
    zeros = 0
    element = 0
    for chunk in chunks:
        values = np.frombuffer(chunk, dtype)
        if inner * dtype.itemsize <= CHUNK_BYTES:
            blocks = values.reshape(-1, inner)
            first = element // inner
            rows = zero_point[(first + np.arange(blocks.shape[0])) % channels]
            zeros += int(np.count_nonzero(blocks == rows[:, None]))
        else:  # a block spans several chunks: a chunk touches at most two blocks
            split = min(values.size, inner - element % inner)
            for part, start in ((values[:split], element), (values[split:], element + split)):
                if part.size:
                    zeros += int(np.count_nonzero(part == zero_point[(start // inner) % channels]))
        element += values.size
    return zeros


def chunk_bytes_for(dtype: np.dtype, dims: tuple[int, ...], axis: int, per_channel: bool) -> int:
    """A chunk size that never splits an element, nor a channel block when blocks are small."""
    unit = dtype.itemsize
    if per_channel and dims:
        axis = axis % len(dims)
        inner = int(np.prod(dims[axis + 1 :])) if axis + 1 < len(dims) else 1
        if inner * unit <= CHUNK_BYTES:
            unit = inner * unit
    return max(unit, (CHUNK_BYTES // unit) * unit)


class _Weights(ExternalTensors):
    """Reads tensors' bytes: inline ones from the proto, external ones streamed. Each
    data file is opened once (`with _Weights(...) as weights:`)."""

    def small_array(self, tensor: TensorProto) -> np.ndarray | None:
        if not is_external(tensor):
            return numpy_helper.to_array(tensor)
        dtype = _np_dtype(tensor.data_type)
        where = self.locate(tensor) if dtype is not None else None
        if dtype is None or where is None:
            return None
        reader, offset, length = where
        return np.frombuffer(reader.read(offset, length), dtype).reshape(tuple(tensor.dims))

    def chunks(self, tensor: TensorProto, chunk_bytes: int) -> Iterator[memoryview | bytes]:
        if is_external(tensor):
            where = self.locate(tensor)
            assert where is not None
            reader, offset, length = where
            yield from reader.chunks(offset, length, chunk_bytes)
            return
        if tensor.HasField("raw_data"):
            view = memoryview(tensor.raw_data)
        else:  # typed fields (float_data, int32_data): small tensors, converted whole
            view = memoryview(numpy_helper.to_array(tensor).astype(_np_dtype(tensor.data_type)).tobytes())
        for start in range(0, len(view), chunk_bytes):
            yield view[start : start + chunk_bytes]


def measure(model: ModelDir, proto: onnx.ModelProto, ext: ExternalData) -> SparsityReport:
    weights = prunable_weights(proto)
    report = SparsityReport(quantized_by=quantization_evidence(proto, weights))
    with _Weights(model, ext) as reader:
        _count_layers(report, weights, reader)
    return report


def _count_layers(report: SparsityReport, weights: list[PrunableWeight], reader: _Weights) -> None:
    # External weights in file order, so each file is read front to back.
    order = sorted(weights, key=lambda w: (is_external(w.tensor), external_ref((), w.tensor).offset if is_external(w.tensor) else 0))
    for weight in order:
        tensor = weight.tensor
        dtype = _np_dtype(tensor.data_type)
        if dtype is None:
            report.skipped.append(tensor.name)
            continue
        zero_point = reader.small_array(weight.zero_point) if weight.zero_point is not None else None
        if zero_point is not None:
            zero_point = zero_point.reshape(-1).astype(dtype)
        channels = zero_point.size if zero_point is not None else 1
        per_channel = channels > 1
        dims = tuple(int(d) for d in tensor.dims)
        if per_channel and (not dims or dims[weight.axis % len(dims)] != channels):
            report.skipped.append(tensor.name)  # zero points that do not match the weight
            continue
        step = chunk_bytes_for(dtype, dims, weight.axis, per_channel)
        zeros = count_zeros(reader.chunks(tensor, step), tensor.data_type, dims, zero_point, weight.axis)
        report.layers.append(LayerSparsity(tensor.name, weight.node, weight.op_type, zeros, element_count(tensor)))


def load_measured_sparsity(model: ModelDir, relpath: str) -> Artifact[SparsityReport]:
    """Loader: measure the graph at `relpath` (its external data must be safe)."""
    state = graph_at(model, relpath)
    if not isinstance(state, Parsed):
        return state
    ext_state = external_data(model, relpath)
    assert isinstance(ext_state, Parsed)
    ext = ext_state.value
    if not ext.safe:
        return Broken(relpath, "its external data is not usable (see the EXT rules)", UNMEASURABLE)
    limit = model.config.graph.max_weight_bytes if model.config is not None else None
    if limit is not None:
        size = sum(expected_nbytes(w.tensor) or 0 for w in prunable_weights(state.value))
        if size > limit:
            return Broken(relpath, f"its prunable weights ({size} bytes) exceed max-weight-bytes", UNMEASURABLE)
    try:
        return Parsed(relpath, measure(model, state.value, ext))
    except (DataFileError, OSError) as exc:
        return Broken(relpath, f"its weights cannot be read: {exc}", UNMEASURABLE)


def measured_sparsity(model: ModelDir) -> Artifact[SparsityReport]:
    """Requirement: sparsity and quantization measured from the main graph's weights."""
    return model.load(load_measured_sparsity, main_graph_path(model))
