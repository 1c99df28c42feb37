"""ONNX rules from the checker and strict shape inference, one code per kind of problem.

The checker and inference run once per graph file (`zoolint.graph.validate`); each
rule reports the problems of its kind, naming the node and its operator type.
"""

from __future__ import annotations

from collections.abc import Iterator

import re

import onnx

from zoolint.diagnostics import Finding, KeyPath, Severity
from zoolint.graph.classify import Issue, Kind
from zoolint.graph.contract import node_label
from zoolint.graph.rules._common import each_graph
from zoolint.graph.validate import validation
from zoolint.io.artifact import Parsed
from zoolint.rules.base import RuleContext, rule


def _message(issue: Issue, graph: onnx.GraphProto) -> tuple[str, KeyPath | None]:
    """The finding's message and key path: the node (or value) named, then what is wrong."""
    if issue.node_name is None and issue.op_type is None and issue.value is not None:
        by_value = _about_value(issue, graph)
        if by_value is not None:
            return by_value
    label, key_path = node_label(graph, issue.node_name, issue.op_type)
    if issue.kind == Kind.UNSORTED:
        return (
            f"{label} reads '{issue.value}' before the node that produces it:"
            " nodes must be in topological order",
            key_path,
        )
    if issue.kind == Kind.UNDEFINED:
        return f"{label} reads '{issue.value}', which no node, graph input or initializer produces", key_path
    if label == "the graph":
        return issue.message, key_path
    return f"{label}: {issue.message}", key_path


def _about_value(issue: Issue, graph: onnx.GraphProto) -> tuple[str, KeyPath | None] | None:
    """Problems onnx reports about a value rather than a node."""
    value = issue.value
    outputs = [output.name for output in graph.output]
    if issue.kind == Kind.UNDEFINED and value in outputs:
        return f"graph output '{value}' is not produced by any node", ("graph", "output", outputs.index(value))
    if issue.kind == Kind.SHAPE and value in outputs:
        return issue.message, ("graph", "output", outputs.index(value))
    if issue.kind == Kind.DUPLICATE:
        producers = [
            (index, node) for index, node in enumerate(graph.node) if value in node.output
        ]
        if len(producers) > 1:
            labels = " and ".join(
                f"node '{node.name}' ({node.op_type})" if node.name else f"node #{index} ({node.op_type})"
                for index, node in producers[:3]
            )
            return (
                f"'{value}' is produced by {labels}: each value must have a single producer",
                ("graph", "node", producers[1][0]),
            )
        return issue.message, None
    if issue.kind == Kind.TENSOR:
        for index, tensor in enumerate(graph.initializer):
            if tensor.name == value:
                detail = re.sub(r"^TensorProto \(tensor name: [^)]*\)\s*", "", issue.message)
                return f"initializer '{value}': {detail}", ("graph", "initializer", index)
    return None


def _issues(ctx: RuleContext, kind: str, hint: str | None = None) -> Iterator[Finding]:
    for relpath, proto in each_graph(ctx.model):
        state = validation(ctx.model, relpath)
        if not isinstance(state, Parsed):
            continue
        for issue in state.value.of_kind(kind):
            message, key_path = _message(issue, proto.graph)
            yield Finding(message, path=relpath, key_path=key_path, hint=hint)


@rule(
    code="ONNX002",
    name="invalid-model",
    summary="The ONNX checker rejects the graph.",
    severity=Severity.ERROR,
    loose_files=True,
)
def invalid_model(ctx: RuleContext) -> Iterator[Finding]:
    """`onnx.checker.check_model` rejects the graph for a reason that has no more
    specific rule (a node with the wrong number of inputs, an IR version newer than
    onnx knows, ...). The message is the checker's.

    Why: runtimes reject what the checker rejects, or misbehave on it.
    """
    yield from _issues(ctx, Kind.INVALID)


@rule(
    code="ONNX003",
    name="unsorted-nodes",
    summary="A node reads a value before the node that produces it.",
    severity=Severity.ERROR,
    loose_files=True,
)
def unsorted_nodes(ctx: RuleContext) -> Iterator[Finding]:
    """ONNX requires the nodes of a graph in topological order: every value a node
    reads must come from a graph input, an initializer or an earlier node.

    Why: onnx's checker and strict runtimes refuse the graph. Usually the result of
    editing a graph by hand (inserting a node at the end of the list).

    Fix: sort the nodes (onnx-graphsurgeon's `graph.toposort()`, or re-export).
    """
    yield from _issues(ctx, Kind.UNSORTED, "sort the nodes topologically before saving")


@rule(
    code="ONNX004",
    name="undefined-value",
    summary="A node (or graph output) reads a value nothing produces.",
    severity=Severity.ERROR,
    loose_files=True,
)
def undefined_value(ctx: RuleContext) -> Iterator[Finding]:
    """A node input, or a graph output, names a value that no node, graph input or
    initializer produces: a dangling reference, often a removed initializer or a
    renamed tensor.

    Why: the graph cannot run.
    """
    yield from _issues(ctx, Kind.UNDEFINED)


@rule(
    code="ONNX005",
    name="unknown-operator",
    summary="A node uses an operator its opset does not define.",
    severity=Severity.ERROR,
    loose_files=True,
)
def unknown_operator(ctx: RuleContext) -> Iterator[Finding]:
    """A node's operator is not registered in the domain and opset version the model
    imports (a typo, an operator added in a later opset, or one removed).

    Why: no runtime can execute the node. Domains used without being imported are
    reported by ONNX107.

    Fix: export with the opset that defines the operator, or replace the node.
    """
    yield from _issues(ctx, Kind.UNKNOWN_OP)


@rule(
    code="ONNX006",
    name="type-mismatch",
    summary="Strict shape inference finds element types that do not fit.",
    severity=Severity.ERROR,
    loose_files=True,
)
def type_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A node receives an element type its operator does not accept, or the declared
    type of a value (a graph output, a value_info) differs from the type computed.

    Why: runtimes refuse the graph when they type-check it at load time.

    Example: `Add(float32, int64)`; a graph output declared int64 that is float32.
    """
    yield from _issues(ctx, Kind.TYPE)


@rule(
    code="ONNX007",
    name="shape-conflict",
    summary="Strict shape inference finds shapes that contradict each other.",
    severity=Severity.ERROR,
    loose_files=True,
)
def shape_conflict(ctx: RuleContext) -> Iterator[Finding]:
    """Shapes that cannot all be right: a node's inputs that do not broadcast, a
    declared shape (of a graph output or a value_info) that differs in rank or in a
    fixed size from what the graph computes.

    Why: without strict mode onnx passes these silently; the runtime then fails, or a
    consumer trusts a wrong output shape (sample checks, benchmark input shapes).
    """
    yield from _issues(ctx, Kind.SHAPE)


@rule(
    code="ONNX008",
    name="invalid-attribute",
    summary="A node has an unknown, missing or out-of-range attribute.",
    severity=Severity.ERROR,
    loose_files=True,
)
def invalid_attribute(ctx: RuleContext) -> Iterator[Finding]:
    """A node carries an attribute its operator does not define, lacks a required
    one, or gives one a value out of range (`Softmax(axis=5)` on a rank-2 input).

    Why: runtimes refuse the node or compute something else than intended.
    """
    yield from _issues(ctx, Kind.ATTRIBUTE)


@rule(
    code="ONNX009",
    name="duplicate-name",
    summary="A value name is produced more than once.",
    severity=Severity.ERROR,
    loose_files=True,
)
def duplicate_name(ctx: RuleContext) -> Iterator[Finding]:
    """Two nodes (or a node and a graph input or initializer) produce a value of the
    same name: ONNX graphs are in static single assignment form.

    Why: which value a consumer reads is undefined; the checker refuses the graph.
    """
    yield from _issues(ctx, Kind.DUPLICATE)


@rule(
    code="ONNX010",
    name="invalid-tensor",
    summary="A tensor's data does not match its type or shape.",
    severity=Severity.ERROR,
    loose_files=True,
)
def invalid_tensor(ctx: RuleContext) -> Iterator[Finding]:
    """An initializer or constant holds more or fewer values than its shape needs, or
    data of the wrong kind for its element type.

    Why: loading it reads past its data or misinterprets it.
    """
    yield from _issues(ctx, Kind.TENSOR)


RULES = [
    invalid_model,
    unsorted_nodes,
    undefined_value,
    unknown_operator,
    type_mismatch,
    shape_conflict,
    invalid_attribute,
    duplicate_name,
    invalid_tensor,
]
