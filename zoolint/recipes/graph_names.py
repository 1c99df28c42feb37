"""Resolving PyTorch parameter names (as recipes write them) in an exported ONNX graph.

A recipe names parameters the PyTorch way (`sections.0.0.conv1.weight`). In the ONNX
export the same tensor is, depending on the exporter and what it folded:
- an initializer of the same name (SparseML's exporter keeps conv and linear names);
- the same name through a wrapper (`...conv1.module.weight` for QAT wrappers), or
  spelled with `/` or `_` by newer exporters (`p_conv1_weight`);
- an anonymous initializer (`onnx::MatMul_1234`, `1234`, `Conv_12.weight_quantized`)
  when the exporter transposed, fused or quantized it; the node that reads it often
  still carries the module's scope (`/sections/sections.0/sections.0.0/conv1/Conv`).

So a name that resolves none of these ways is only reported when every anonymous
weight of the graph is read by a node whose scope names its module: otherwise the
name could hide behind one of them, and zoolint does not guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import onnx

from zoolint.graph.load import load_graph
from zoolint.io.artifact import Artifact, Parsed
from zoolint.model import ModelDir

# A parameter path as PyTorch spells it: dotted identifiers ending in weight or bias.
_PARAM_PATH = re.compile(r"^[A-Za-z_]\w*(\.\w+)*\.(weight|bias)$")
# Names ONNX exporters give nodes (and so derived tensors): Conv_12, MatMul_3.
_OP_NUMBERED = re.compile(r"^[A-Z][A-Za-z]*_\d+$")
# Initializers with at least this many dimensions are weights a recipe could prune.
_WEIGHT_RANK = 2
_WRAPPER_SEGMENTS = frozenset({"module"})
_EXPORT_PREFIXES = ("p_", "b_", "self.")


def canonical(name: str) -> str:
    """A name with exporter spellings undone: `/` as `.`, `self.` dropped, wrapper
    segments (`.module.`) removed."""
    name = name.replace("/", ".").strip(".")
    if name.startswith("self."):
        name = name[len("self.") :]
    return ".".join(part for part in name.split(".") if part not in _WRAPPER_SEGMENTS)


def flat(name: str) -> str:
    """`canonical` with every separator as `_` and an export prefix (`p_`) dropped."""
    text = canonical(name).replace(".", "_")
    for prefix in _EXPORT_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def looks_like_param(name: str) -> bool:
    """Whether an initializer name still says which PyTorch parameter it is."""
    if not _PARAM_PATH.match(name):
        return False
    return not _OP_NUMBERED.match(name.split(".", 1)[0])


def scope_module(node_name: str) -> str | None:
    """The module path a scoped node name carries: `/sections/sections.0/
    sections.0.0/conv1/Conv` -> `sections.0.0.conv1`; None without a scope."""
    if not node_name.startswith("/"):
        return None
    parts = [part for part in node_name.split("/") if part][:-1]  # the last is the op
    path = ""
    for part in parts:
        # A ModuleList child is spelled in full (`sections.0` under `sections`).
        path = part if not path or part.startswith(path + ".") else f"{path}.{part}"
    return path or None


@dataclass(frozen=True)
class GraphNames:
    """What a graph says about parameter names."""

    initializers: frozenset[str]
    canonical_names: frozenset[str]
    flat_names: frozenset[str]
    # Module paths the scoped node names reveal.
    modules: frozenset[str]
    # Anonymous weights no scoped node reads: parameters that could be anything.
    hidden_weights: int

    @property
    def candidates(self) -> list[str]:
        """Names a `re:` pattern may match: initializers, and `<module>.weight` for
        modules the node scopes reveal."""
        return sorted(self.initializers | {f"{module}.weight" for module in self.modules})

    def resolves(self, param: str) -> bool:
        if param in self.initializers or canonical(param) in self.canonical_names:
            return True
        if flat(param) in self.flat_names:
            return True
        module, _, leaf = canonical(param).rpartition(".")
        if not module or leaf not in ("weight", "bias"):
            return False
        # The module itself, or a scope inside it (`conv1/weight_quant/...`).
        return module in self.modules or any(
            candidate.startswith(module + ".") for candidate in self.modules
        )


def build_graph_names(proto: onnx.ModelProto) -> GraphNames:
    initializers = list(proto.graph.initializer)
    names = frozenset(init.name for init in initializers)
    anonymous = {
        init.name
        for init in initializers
        if len(init.dims) >= _WEIGHT_RANK and not looks_like_param(init.name)
    }
    modules: set[str] = set()
    scoped_reads: set[str] = set()
    for node in proto.graph.node:
        module = scope_module(node.name)
        if module is None:
            continue
        modules.add(module)
        scoped_reads.update(name for name in node.input if name in anonymous)
    return GraphNames(
        initializers=names,
        canonical_names=frozenset(canonical(name) for name in names),
        flat_names=frozenset(flat(name) for name in names),
        modules=frozenset(modules),
        hidden_weights=len(anonymous - scoped_reads),
    )


def load_graph_names(model: ModelDir, relpath: str) -> Artifact[GraphNames]:
    """Loader: the parameter names of the graph at `relpath` (parsed once, by the
    graph family's loader)."""
    state = model.load(load_graph, relpath)
    if not isinstance(state, Parsed):
        return state
    return Parsed(relpath, build_graph_names(state.value))
