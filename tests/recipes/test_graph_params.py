"""Parameter names against ONNX graphs, and `re:` patterns compiled safely."""

from __future__ import annotations

import time

import pytest

from zoolint.recipes.graph_names import build_graph_names, canonical, flat, looks_like_param, scope_module
from zoolint.recipes.patterns import PatternError, compile_pattern, matches
from zoolint.testing.builders import tiny_classifier


@pytest.mark.parametrize(
    ("node_name", "module"),
    [
        ("/sections/sections.0/sections.0.0/conv1/Conv", "sections.0.0.conv1"),
        ("/model/layers.0/self_attn/q_proj/MatMul", "model.layers.0.self_attn.q_proj"),
        ("/fc/Gemm", "fc"),
        ("/Relu", None),
        ("Conv_0", None),
        ("", None),
    ],
)
def test_scope_module(node_name: str, module: str | None) -> None:
    assert scope_module(node_name) == module


def test_exporter_spellings() -> None:
    assert canonical("sections.0.conv1.module.weight") == "sections.0.conv1.weight"
    assert canonical("self.conv1/weight") == "conv1.weight"
    assert flat("p_conv1_weight") == flat("conv1.weight") == "conv1_weight"
    assert looks_like_param("classifier.fc.weight")
    assert not looks_like_param("onnx::MatMul_1234")
    assert not looks_like_param("1234")
    assert not looks_like_param("Conv_12.weight")


def test_resolution_and_hidden_weights() -> None:
    graph = tiny_classifier()
    names = build_graph_names(graph)
    assert names.hidden_weights == 0
    assert names.resolves("conv.weight")
    assert names.resolves("fc.bias")
    assert not names.resolves("conv9.weight")

    # The fc weight made anonymous and read by an unscoped node: it hides names.
    for init in graph.graph.initializer:
        if init.name == "fc.weight":
            init.name = "onnx::Gemm_7"
    graph.graph.node[-1].input[1] = "onnx::Gemm_7"
    assert build_graph_names(graph).hidden_weights == 1

    # The same weight read by a scoped node names its module.
    graph.graph.node[-1].name = "/classifier/fc/Gemm"
    names = build_graph_names(graph)
    assert names.hidden_weights == 0
    assert names.resolves("classifier.fc.weight")
    assert not names.resolves("classifier.head.weight")
    assert "classifier.fc.weight" in names.candidates


def test_patterns_compile_like_sparseml_matches() -> None:
    pattern = compile_pattern("bert.encoder.layer.*.attention.self.query.weight")
    assert pattern is not None and not isinstance(pattern, PatternError)
    assert matches(pattern, "bert.encoder.layer.11.attention.self.query.weight")
    assert not matches(pattern, "prefix.bert.encoder.layer.1.attention.self.query.weight")
    broken = compile_pattern("layer1.[0-9.weight")
    assert broken == PatternError("unterminated character set at position 7")


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a*)*b", "(a|aa)+$", r"(\w+\.)*weight", r"(a)\1", "x" * 600])
def test_catastrophic_patterns_are_not_run(pattern: str) -> None:
    assert compile_pattern(pattern) is None


def test_refusing_a_pattern_keeps_matching_cheap() -> None:
    started = time.perf_counter()
    assert compile_pattern("(a+)+$") is None
    safe = compile_pattern("a+$")
    assert safe is not None and not isinstance(safe, PatternError)
    assert not matches(safe, "a" * 5000 + "!")
    assert time.perf_counter() - started < 1.0
