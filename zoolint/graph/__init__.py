"""The ONNX graph family: loading graph files, their validity and contract (ONNX
rules), their external data (EXT rules), and their variants and claims (VAR rules).

Accessors other families use:
- `graph(model)`: the main graph (`model.onnx`, or the graph inside
  `model.onnx.tar.gz`), external tensors left unloaded;
- `graph_inputs(proto)`, `graph_defaulted_inputs(proto)`, `graph_outputs(proto)`: the
  contract, as `TensorSpec`s;
- `measured_sparsity(model)`: sparsity and quantization measured from the weights.
"""

from zoolint.graph.load import (
    TensorSpec,
    graph,
    graph_defaulted_inputs,
    graph_files,
    graph_inputs,
    graph_outputs,
)
from zoolint.graph.sparsity import SparsityReport, measured_sparsity

__all__ = [
    "SparsityReport",
    "TensorSpec",
    "graph",
    "graph_defaulted_inputs",
    "graph_files",
    "graph_inputs",
    "graph_outputs",
    "measured_sparsity",
]
