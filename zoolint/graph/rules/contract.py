"""ONNX rules about the graph's contract (inputs, outputs, named dimensions) and its
hygiene (initializers, dangling nodes, opset imports)."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.graph.contract import (
    dangling_nodes,
    declared_inputs,
    dimension_name_problems,
    initializers_as_inputs,
    io_problems,
    opset_problems,
    unnamed_dimensions,
    unused_initializers,
)
from zoolint.graph.load import graph_outputs
from zoolint.graph.rules._common import each_graph, listing
from zoolint.graph.validate import validation
from zoolint.io.artifact import Parsed
from zoolint.rules.base import RuleContext, rule

# Dangling nodes are reported one by one up to this many, then summed up.
MAX_NODE_FINDINGS = 10


@rule(
    code="ONNX101",
    name="incomplete-io",
    summary="A graph input or output lacks a name, an element type or a rank.",
    severity=Severity.ERROR,
    loose_files=True,
)
def incomplete_io(ctx: RuleContext) -> Iterator[Finding]:
    """Every graph input and output must say its name, its element type and its rank
    (the number of dimensions; sizes may be dynamic).

    Why: the inputs and outputs are the contract everything else is checked against:
    samples, benchmark input shapes, opset variants, `deployment/model.onnx`. A model
    whose contract is unknown cannot be fed correctly.
    """
    for relpath, proto in each_graph(ctx.model):
        for problem in io_problems(proto):
            yield Finding(problem.message, path=relpath, key_path=problem.key_path)


@rule(
    code="ONNX102",
    name="unnamed-dynamic-dimension",
    summary="A dynamic dimension of a graph input or output has no name.",
    severity=Severity.WARNING,
    loose_files=True,
)
def unnamed_dynamic_dimension(ctx: RuleContext) -> Iterator[Finding]:
    """A dimension that is not fixed should carry a name (`batch`, `sequence`): the
    same name in several inputs and outputs says those sizes are equal. An unnamed
    dimension (or a size of -1 or 0, as some exporters write) says nothing.

    Fix: `torch.onnx.export(..., dynamic_axes={"input": {0: "batch"}})`.
    """
    for relpath, proto in each_graph(ctx.model):
        for problem in unnamed_dimensions(proto):
            yield Finding(problem.message, path=relpath, key_path=problem.key_path)


@rule(
    code="ONNX103",
    name="dimension-name-mismatch",
    summary="An output dimension's name or size disagrees with what the graph computes.",
    severity=Severity.WARNING,
    loose_files=True,
)
def dimension_name_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The same dimension name must mean the same size across inputs and outputs.
    Shape inference (on the graph without its declared output shapes) says where each
    output dimension comes from; reported are outputs whose dimension is

    - named (dynamic) but fixed by the graph: `logits: [batch, 10]` when the graph
      always computes batch 1;
    - named differently from the input dimension it is: `[N, 10]` for input `[batch, ...]`;
    - fixed although it follows an input dimension: `[1, 10]` for input `[batch, ...]`.

    Why: consumers size buffers and check samples by these names.
    """
    for relpath, proto in each_graph(ctx.model):
        state = validation(ctx.model, relpath)
        if not isinstance(state, Parsed) or state.value.inferred_outputs is None:
            continue
        problems = dimension_name_problems(declared_inputs(proto), graph_outputs(proto), state.value.inferred_outputs)
        for problem in problems:
            yield Finding(problem.message, path=relpath, key_path=problem.key_path)


@rule(
    code="ONNX104",
    name="initializer-as-input",
    summary="Initializers are also listed as graph inputs (overridable defaults).",
    severity=Severity.INFO,
    loose_files=True,
)
def initializer_as_input(ctx: RuleContext) -> Iterator[Finding]:
    """From IR version 4 on, initializers need not be graph inputs; when they are, they
    become defaults a caller may override, and runtimes cannot fold them as constants.
    Exporters write this with `keep_initializers_as_inputs=True`. Before IR version 4
    it is required, and not reported.

    Sample checks treat such inputs as optional.

    Fix: export with `keep_initializers_as_inputs=False`, or remove them from the inputs
    (onnxruntime's `remove_initializer_from_input.py`).
    """
    for relpath, proto in each_graph(ctx.model):
        if proto.ir_version < 4:
            continue
        names = initializers_as_inputs(proto)
        if names:
            many = len(names) > 1
            yield Finding(
                f"{len(names)} initializer{'s are' if many else ' is'} also {'graph inputs' if many else 'a graph input'},"
                f" so callers may override {'them' if many else 'it'} ({listing(names)})",
                path=relpath,
                hint="export with keep_initializers_as_inputs=False unless they are meant to be overridden",
            )


@rule(
    code="ONNX105",
    name="unused-initializer",
    summary="Initializers that no node reads.",
    severity=Severity.WARNING,
    loose_files=True,
)
def unused_initializer(ctx: RuleContext) -> Iterator[Finding]:
    """An initializer that no node (of the graph or its subgraphs) reads and that is
    not a graph output.

    Why: dead weight in the upload, and often the sign of a graph edited by hand whose
    edit went wrong (a weight meant to be used is not).

    Fix: `onnxruntime.transformers.onnx_model.OnnxModel.prune_graph()`, or re-export.
    """
    for relpath, proto in each_graph(ctx.model):
        names = unused_initializers(proto)
        if names:
            yield Finding(
                f"{len(names)} initializer{'s are' if len(names) > 1 else ' is'} never used: {listing(names)}",
                path=relpath,
                key_path=("graph", "initializer"),
            )


@rule(
    code="ONNX106",
    name="dangling-node",
    summary="A node whose outputs nothing reads and that produces no graph output.",
    severity=Severity.WARNING,
    loose_files=True,
)
def dangling_node(ctx: RuleContext) -> Iterator[Finding]:
    """None of the node's outputs is read by another node or is a graph output: the
    node computes nothing the model returns.

    Why: wasted work at every inference, or a graph output that was meant to be there
    and is missing.
    """
    for relpath, proto in each_graph(ctx.model):
        nodes = dangling_nodes(proto)
        for index, node in nodes[:MAX_NODE_FINDINGS]:
            label = f"node '{node.name}'" if node.name else f"node #{index}"
            outputs = ", ".join(repr(name) for name in node.output if name)
            yield Finding(
                f"{label} ({node.op_type}) produces {outputs}, which nothing reads and which is"
                " not a graph output",
                path=relpath,
                key_path=("graph", "node", index),
            )
        if len(nodes) > MAX_NODE_FINDINGS:
            yield Finding(
                f"and {len(nodes) - MAX_NODE_FINDINGS} more nodes whose outputs nothing reads",
                path=relpath,
            )


@rule(
    code="ONNX107",
    name="opset-imports",
    summary="Opset imports are duplicated, invalid, or missing for a domain in use.",
    severity=Severity.ERROR,
    loose_files=True,
)
def opset_imports(ctx: RuleContext) -> Iterator[Finding]:
    """The model's `opset_import` list must name each domain once, at a version that
    exists, and cover every domain its nodes use (the default domain `ai.onnx`
    included).

    Why: which operator version a node means is undefined with duplicates; a missing
    import makes every node of that domain unknown; an opset newer than any onnx
    release cannot be validated.
    """
    for relpath, proto in each_graph(ctx.model):
        for problem in opset_problems(proto):
            yield Finding(problem.message, path=relpath, key_path=problem.key_path)


RULES = [
    incomplete_io,
    unnamed_dynamic_dimension,
    dimension_name_mismatch,
    initializer_as_input,
    unused_initializer,
    dangling_node,
    opset_imports,
]
