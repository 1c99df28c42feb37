"""onnx's messages, sorted into stable kinds with the node named."""

from __future__ import annotations

import pytest
from onnx import helper

from zoolint.graph.classify import Kind, classify_checker_error, classify_inference_error

GRAPH = helper.make_graph(
    [helper.make_node("Relu", ["a"], ["y"], name="second"), helper.make_node("Relu", ["x"], ["a"], name="first")],
    "g",
    [helper.make_tensor_value_info("x", 1, [2])],
    [helper.make_tensor_value_info("y", 1, [2])],
)


@pytest.mark.parametrize(
    ("message", "kind", "name", "op"),
    [
        (
            "Nodes in a graph must be topologically sorted, however input 'a' of node: \nname: second"
            " OpType: Relu\n is not output of any previous nodes.",
            Kind.UNSORTED, "second", "Relu",
        ),
        (
            "Nodes in a graph must be topologically sorted, however input 'q' of node: \nname: second"
            " OpType: Relu\n is not output of any previous nodes.",
            Kind.UNDEFINED, "second", "Relu",
        ),
        (
            "No Op registered for Foo with domain_version of 13\n\n==> Context: Bad node spec for node."
            " Name: f OpType: Foo",
            Kind.UNKNOWN_OP, "f", "Foo",
        ),
        (
            "Unrecognized attribute: alpha for operator Relu\n\n==> Context: Bad node spec for node."
            " Name: r OpType: Relu",
            Kind.ATTRIBUTE, "r", "Relu",
        ),
        ("No opset import for domain 'com.acme'\n\n==> Context: Bad node spec for node. Name: f OpType: Foo", Kind.COVERED, "f", "Foo"),
        ("Field 'shape' of 'type' is required but missing.", Kind.COVERED, None, None),
        ("Your model ir_version 20 is higher than the checker's (14).", Kind.INVALID, None, None),
    ],
)
def test_checker_messages(message: str, kind: str, name: str | None, op: str | None) -> None:
    issue = classify_checker_error(message, GRAPH)
    assert (issue.kind, issue.node_name, issue.op_type) == (kind, name, op)
    assert "==> Context" not in issue.message


def test_strict_inference_lists_every_node() -> None:
    message = (
        "[ShapeInferenceError] Inference error(s): (op_type:Relu, node name: r1): [ShapeInferenceError]"
        " Inferred shape and existing shape differ in dimension 0: (2) vs (3)\n(op_type:Softmax, node name: s):"
        " [ShapeInferenceError] 'axis' must be in [-1 , 0]. Its actual value is: 4\n(op_type:Add): "
        "[TypeInferenceError] Inferred elem type differs from existing elem type: (1) vs (7)\n"
    )
    issues = classify_inference_error(message)
    assert [(i.kind, i.node_name, i.op_type) for i in issues] == [
        (Kind.SHAPE, "r1", "Relu"),
        (Kind.ATTRIBUTE, "s", "Softmax"),
        (Kind.TYPE, None, "Add"),
    ]
    assert issues[2].message == "Inferred elem type differs from existing elem type: (float32) vs (int64)"


def test_external_data_limits_are_not_defects() -> None:
    message = (
        "[ShapeInferenceError] Inference error(s): (op_type:Reshape, node name: rs): [ShapeInferenceError]"
        " Cannot parse data from external tensors. Please load external data into raw data for tensor: s\n"
    )
    assert [issue.kind for issue in classify_inference_error(message)] == [Kind.IGNORED]
