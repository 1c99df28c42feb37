"""Sparsity counted from weights: zero points, chunk boundaries, external data streamed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, numpy_helper

from zoolint.graph import datafile, sparsity
from zoolint.graph.sparsity import chunk_bytes_for, count_zeros, measured_sparsity, prunable_weights
from zoolint.io.artifact import Broken, Parsed
from zoolint.model import ModelDir
from zoolint.testing.graph import classifier, quantized_classifier, write_model_onnx


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_float_zeros_include_negative_zero() -> None:
    values = np.array([0.0, -0.0, 1.0, 2.0], np.float32)
    assert count_zeros([values.tobytes()], TensorProto.FLOAT, (4,), None, 0) == 2


def test_bfloat16_zeros_are_counted_by_bits() -> None:
    values = np.array([0x0000, 0x8000, 0x3F80, 0x0001], np.uint16)  # +0, -0, 1.0, tiny
    assert count_zeros([values.tobytes()], TensorProto.BFLOAT16, (4,), None, 0) == 2


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 10_000])
def test_per_channel_zero_points_across_any_chunking(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(sparsity, "CHUNK_BYTES", chunk)
    rng = np.random.default_rng(1)
    zero_points = np.array([120, 130, 128], np.uint8)
    weights = rng.integers(0, 256, size=(3, 4, 5), dtype=np.uint8)
    weights[rng.random(weights.shape) < 0.6] = 0
    for channel in range(3):  # pruned weights sit on their channel's zero point
        plane = weights[channel]
        plane[plane == 0] = zero_points[channel]
    expected = sum(int(np.count_nonzero(weights[c] == zero_points[c])) for c in range(3))
    step = chunk_bytes_for(np.dtype(np.uint8), weights.shape, 0, per_channel=True)
    counted = count_zeros(_chunks(weights.tobytes(), step), TensorProto.UINT8, weights.shape, zero_points, 0)
    assert counted == expected


def test_weights_through_dequantize_linear_use_its_zero_point() -> None:
    model = quantized_classifier(sparsity=0.9)
    weights = prunable_weights(model)
    assert [(w.tensor.name, w.op_type, w.zero_point.name if w.zero_point else None, w.axis) for w in weights] == [
        ("conv1.weight_q", "Conv", "conv1.zero_point", 0),
        ("conv2.weight_q", "Conv", "conv2.zero_point", 0),
        ("fc.weight_q", "Gemm", "fc.zero_point", 0),
    ]


def test_qlinear_weights_use_their_zero_point_input() -> None:
    weights = prunable_weights(quantized_classifier(form="qlinear"))
    assert [(w.tensor.name, w.op_type, w.zero_point.name if w.zero_point else None) for w in weights] == [
        ("conv1.weight_q", "QLinearConv", "conv1.zero_point"),
        ("conv2.weight_q", "QLinearConv", "conv2.zero_point"),
        ("fc.weight_q", "Gemm", "fc.zero_point"),
    ]


def test_matmul_weight_on_either_side_and_activations_skipped() -> None:
    w = numpy_helper.from_array(np.zeros((4, 4), np.float32), "w")
    nodes = [
        onnx.helper.make_node("MatMul", ["w", "x"], ["a"], name="left"),
        onnx.helper.make_node("MatMul", ["a", "x"], ["y"], name="activations"),
    ]
    graph = onnx.helper.make_graph(nodes, "g", [onnx.helper.make_tensor_value_info("x", 1, [4, 4])], [], [w])
    assert [(p.tensor.name, p.node) for p in prunable_weights(onnx.helper.make_model(graph))] == [("w", "left")]


def _measure(folder: Path) -> sparsity.SparsityReport:
    state = measured_sparsity(ModelDir(folder, folder))
    assert isinstance(state, Parsed), state
    return state.value


def test_external_weights_stream_in_small_chunks_to_the_same_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = quantized_classifier(sparsity=0.8, width=96)
    write_model_onnx(tmp_path / "inline", model)
    write_model_onnx(tmp_path / "external", model, external_data=True)
    inline = _measure(tmp_path / "inline")
    monkeypatch.setattr(sparsity, "CHUNK_BYTES", 100)
    monkeypatch.setattr(datafile, "CHUNK_BYTES", 100)
    streamed = _measure(tmp_path / "external")
    assert [(layer.weight, layer.zeros, layer.total) for layer in streamed.layers] == [
        (layer.weight, layer.zeros, layer.total) for layer in inline.layers
    ]
    assert inline.overall == pytest.approx(0.8, abs=0.002)


def test_a_dense_model_and_a_partly_pruned_one(tmp_path: Path) -> None:
    write_model_onnx(tmp_path / "dense", classifier())
    assert _measure(tmp_path / "dense").overall == 0.0
    partial = classifier(sparsity=0.9)
    dense = classifier()
    partial.graph.initializer[0].CopyFrom(dense.graph.initializer[0])  # conv1 left dense
    write_model_onnx(tmp_path / "partial", partial)
    report = _measure(tmp_path / "partial")
    assert [layer.weight for layer in report.pruned_layers] == ["conv2.weight", "fc.weight"]
    assert report.pruned_layers_fraction == pytest.approx(0.9, abs=0.001)
    assert report.overall < 0.87


def test_unsafe_external_data_is_not_measured(tmp_path: Path) -> None:
    write_model_onnx(tmp_path, classifier(), external_data=True)
    (tmp_path / "model.data").unlink()
    state = measured_sparsity(ModelDir(tmp_path, tmp_path))
    assert isinstance(state, Broken) and state.kind == sparsity.UNMEASURABLE


def test_reader_reuses_one_buffer(tmp_path: Path) -> None:
    (tmp_path / "w.data").write_bytes(bytes(range(256)) * 10)
    with datafile.DataFileReader(ModelDir(tmp_path, tmp_path), "w.data") as reader:
        seen = [(bytes(chunk), chunk.obj) for chunk in reader.chunks(5, 2000, 512)]
        assert reader.read(0, 3) == b"\x00\x01\x02"
        with pytest.raises(datafile.DataFileError):
            reader.read(2559, 2)
    assert b"".join(data for data, _ in seen) == (bytes(range(256)) * 10)[5:2005]
    assert len({id(buffer) for _, buffer in seen}) == 1
