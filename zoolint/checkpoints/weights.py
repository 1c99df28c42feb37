"""A checkpoint's named weights (from the pickle's opcode stream or a safetensors
header) and how they compare with the graph's initializers."""

from __future__ import annotations

from dataclasses import dataclass, field

import onnx

from zoolint.checkpoints.pickle_scan import PDict, TensorInfo
from zoolint.checkpoints.safetensors import load_safetensors
from zoolint.checkpoints.torch_file import PickleFile, pickle_file
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir

# Prefixes wrappers add to parameter names (DataParallel, torch.compile).
_WRAPPER_PREFIXES = ("module.", "_orig_mod.")


def _tensor_dict(value: object) -> dict[str, TensorInfo] | None:
    if not isinstance(value, PDict):
        return None
    tensors = {k: v for k, v in value.items if isinstance(k, str) and isinstance(v, TensorInfo)}
    return tensors or None


def state_dict_of(checkpoint: PickleFile) -> dict[str, TensorInfo] | None:
    """The named tensors of a checkpoint: its `state_dict` (or `model`) entry, or the
    top-level dict itself when that is a bare state dict."""
    top = checkpoint.top_dict
    if top is None:
        return None
    for key in ("state_dict", "model"):
        found = _tensor_dict(top.get(key))
        if found is not None:
            return found
    return _tensor_dict(top)


def _strip(name: str) -> str:
    for prefix in _WRAPPER_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def named_shapes(model: ModelDir, relpath: str) -> dict[str, tuple[int, ...]] | None:
    """name -> shape of a weights file, where its format shows them."""
    if relpath.endswith(".safetensors"):
        header = model.load(load_safetensors, relpath)
        if isinstance(header, Parsed):
            return {_strip(t.name): t.shape for t in header.value.tensors}
        return None
    state = pickle_file(model, relpath)
    if not isinstance(state, Parsed):
        return None
    tensors = state_dict_of(state.value)
    if tensors is None:
        return None
    return {_strip(name): info.shape for name, info in tensors.items()}


def graph_weights(proto: onnx.ModelProto) -> dict[str, tuple[int, ...]]:
    """Initializers and Constant-node tensors of the main graph, by name."""
    found = {init.name: tuple(init.dims) for init in proto.graph.initializer}
    for node in proto.graph.node:
        if node.op_type == "Constant" and node.output:
            for attribute in node.attribute:
                if attribute.name == "value" and attribute.HasField("t"):
                    found.setdefault(node.output[0], tuple(attribute.t.dims))
    return found


def _count(shape: tuple[int, ...]) -> int:
    total = 1
    for dim in shape:
        total *= dim
    return total


@dataclass
class Comparison:
    """`conflicts`: same name, different element count. `unmatched`: weights (2-D and
    up) with neither a same-named initializer nor one of the same (or transposed) shape."""

    compared: int = 0
    conflicts: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)
    unmatched: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)


def compare(checkpoint: dict[str, tuple[int, ...]], graph: dict[str, tuple[int, ...]]) -> Comparison:
    result = Comparison()
    shapes = set(graph.values())
    for name, shape in sorted(checkpoint.items()):
        if len(shape) < 2:  # biases, norms, counters, quantization parameters
            continue
        result.compared += 1
        if name in graph:
            if _count(graph[name]) != _count(shape):
                result.conflicts.append((name, shape, graph[name]))
            continue
        transposed = tuple(reversed(shape)) if len(shape) == 2 else shape
        if shape not in shapes and transposed not in shapes:
            result.unmatched.append((name, shape))
    return result
