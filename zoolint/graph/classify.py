"""From the ONNX checker's and shape inference's messages to stable kinds of problem.

onnx reports every failure as text in one of two unrelated exception classes. Users
need to know what kind of problem they have (a node out of order is fixed differently
from an unknown operator), so each message is sorted into a `Kind`, with the node's
name and operator type pulled out of it. The wording of onnx's messages is not an API:
patterns are kept loose, and anything unrecognised falls back to `Kind.INVALID`, which
still reports the message verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import onnx


class Kind:
    INVALID = "invalid"  # anything else the checker rejects
    UNSORTED = "unsorted"  # a node consumes a value produced by a later node
    UNDEFINED = "undefined"  # a value no node, input or initializer produces
    UNKNOWN_OP = "unknown-operator"
    TYPE = "type-mismatch"
    SHAPE = "shape-conflict"
    ATTRIBUTE = "invalid-attribute"
    DUPLICATE = "duplicate-name"
    TENSOR = "invalid-tensor"
    # Reported by other rules from the graph itself; not repeated from the checker.
    COVERED = "covered"
    # onnx's limits, not the model's defects.
    IGNORED = "ignored"


@dataclass(frozen=True)
class Issue:
    """One problem found by the checker or by shape inference."""

    kind: str
    message: str
    node_name: str | None = None
    op_type: str | None = None
    value: str | None = None  # the value (tensor) the message is about, when it names one
    source: str = "checker"  # "checker" or "inference"


_CONTEXT = re.compile(r"==> Context: Bad node spec for node\. Name: (?P<name>.*?) OpType: (?P<op>\S*)")
_TOPO = re.compile(
    r"input '(?P<value>[^']*)' of node:\s*name: (?P<name>.*?) OpType: (?P<op>\S+)", re.S
)
_INFERENCE_ITEM = re.compile(
    r"\(op_type:(?P<op>[^,)]*)(?:, node name: (?P<name>[^)]*))?\): (?P<msg>.*?)(?=\n\(op_type:|\Z)", re.S
)
_TENSOR_NAME = re.compile(r"tensor name: (?P<value>[^)\s]+)")
_NODE_NAME_IN_TEXT = re.compile(r"for node name (?P<name>\S*?)\. .*optype (?P<op>\S+)")
_SSA = re.compile(r"however '(?P<value>[^']*)' has been used")
_ELEM_TYPES = re.compile(r"\((?P<a>\d+)\) vs \((?P<b>\d+)\)")
_GRAPH_OUTPUT = re.compile(r"Graph output '(?P<value>[^']*)' is not an output of any node")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (Kind.IGNORED, re.compile(r"Cannot parse data from external tensors")),
    (Kind.COVERED, re.compile(r"No opset import for domain|must specify opset_import|opset_import")),
    (Kind.COVERED, re.compile(r"Field '(name|type|shape|elem_type|tensor_type)' of '\w+' is required")),
    (Kind.DUPLICATE, re.compile(r"static single assignment|single static assignment|SSA|[Dd]uplicate")),
    (Kind.UNKNOWN_OP, re.compile(r"No Op registered|not a registered|[Uu]nrecognized domain|No schema registered")),
    (Kind.ATTRIBUTE, re.compile(r"[Aa]ttribute|(^|\]\s*)'\w+' must be ")),
    (Kind.TENSOR, re.compile(r"TensorProto|tensor name|raw_data|_data size|data_type|segment")),
    (Kind.TYPE, re.compile(r"TypeInferenceError|[Ee]lem(ent)? type|inconsistent type|type mismatch|expected to have type|[Tt]ype constraint")),
    (Kind.SHAPE, re.compile(r"ShapeInferenceError|shape|[Dd]imension|rank|broadcast")),
)


def _strip(message: str) -> str:
    """The message without onnx's context footer, bracketed tags and extra space."""
    core = message.split("==> Context:", 1)[0]
    core = re.sub(r"\[(Shape|Type)InferenceError\]\s*", "", core)
    core = core.replace("Inference error(s): ", "")
    if "elem type" in core:  # onnx prints type numbers: say float32, not 1
        core = _ELEM_TYPES.sub(lambda m: f"({_type_name(m['a'])}) vs ({_type_name(m['b'])})", core)
    return " ".join(core.split())


def _type_name(number: str) -> str:
    from zoolint.graph.load import elem_type_name

    return elem_type_name(int(number))


def _kind_of(text: str) -> str:
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            return kind
    return Kind.INVALID


def classify_checker_error(message: str, graph: onnx.GraphProto) -> Issue:
    """One `onnx.checker.ValidationError`: the checker stops at its first problem."""
    topo = _TOPO.search(message)
    if topo and "topologically sorted" in message:
        value = topo.group("value")
        produced = _producers(graph)
        kind = Kind.UNSORTED if value in produced else Kind.UNDEFINED
        return Issue(kind, _strip(message), topo.group("name") or None, topo.group("op"), value)
    output = _GRAPH_OUTPUT.search(message)
    if output:
        return Issue(Kind.UNDEFINED, _strip(message), value=output.group("value"))
    context = _CONTEXT.search(message)
    name = context.group("name") if context else None
    op = context.group("op") if context else None
    named = _SSA.search(message) or _TENSOR_NAME.search(message)
    return Issue(_kind_of(message), _strip(message), name or None, op or None, named.group("value") if named else None)


def classify_inference_error(message: str) -> list[Issue]:
    """One `onnx.shape_inference.InferenceError`; in strict mode it may list one
    problem per node."""
    issues = []
    items = list(_INFERENCE_ITEM.finditer(message))
    for item in items:
        text = item.group("msg")
        issues.append(
            Issue(_kind_of(text), _strip(text), item.group("name") or None, item.group("op") or None, source="inference")
        )
    if not issues:
        named = _NODE_NAME_IN_TEXT.search(message)
        issues.append(
            Issue(
                _kind_of(message),
                _strip(message),
                named.group("name") if named else None,
                named.group("op") if named else None,
                source="inference",
            )
        )
    return issues


def _producers(graph: onnx.GraphProto) -> set[str]:
    produced = {value.name for value in graph.input}
    produced.update(init.name for init in graph.initializer)
    produced.update(sparse.values.name for sparse in graph.sparse_initializer)
    for node in graph.node:
        produced.update(node.output)
    return produced
