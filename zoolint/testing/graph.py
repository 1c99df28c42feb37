"""Valid ONNX graphs for tests, the demo zoo and bench/: sized so sparsity is precise.

`tiny_classifier` (in `zoolint.testing.builders`) holds about 250 weights, too few to
tell 95% from 94%; `classifier` holds about 20,000 by default. `quantized_classifier`
gives the same network with int8 weights behind DequantizeLinear (the QDQ form
exporters write) or as QLinearConv / QLinearMatMul. All of them pass every graph rule
when saved with `save_model` under a stub that states their sparsity and quantization.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from zoolint.testing.builders import DEFAULT_IR_VERSION, DEFAULT_OPSET, finish_model, prune, save_model

__all__ = [
    "classifier",
    "external_classifier",
    "quantized_classifier",
    "save_graph_only",
    "save_model",
    "set_external_entries",
    "write_model_onnx",
]


def _weights(rng: np.random.Generator, shape: tuple[int, ...], sparsity: float) -> np.ndarray:
    return prune(rng.standard_normal(shape).astype(np.float32), sparsity)


def classifier(
    *,
    sparsity: float = 0.0,
    width: int = 64,
    classes: int = 10,
    size: int = 8,
    batch: int | str = "batch",
    opset: int = DEFAULT_OPSET,
    ir_version: int = DEFAULT_IR_VERSION,
    seed: int = 0,
    input_name: str = "input",
    output_name: str = "logits",
) -> onnx.ModelProto:
    """Conv(3->w/2) -> Relu -> Conv(w/2->w) -> Relu -> GlobalAveragePool -> Flatten ->
    Gemm(w->classes); every prunable weight pruned to exactly `sparsity`."""
    rng = np.random.default_rng(seed)
    half = max(1, width // 2)
    conv1 = _weights(rng, (half, 3, 3, 3), sparsity)
    conv2 = _weights(rng, (width, half, 3, 3), sparsity)
    fc = _weights(rng, (classes, width), sparsity)
    inits = [
        numpy_helper.from_array(conv1, "conv1.weight"),
        numpy_helper.from_array(np.zeros(half, np.float32), "conv1.bias"),
        numpy_helper.from_array(conv2, "conv2.weight"),
        numpy_helper.from_array(np.zeros(width, np.float32), "conv2.bias"),
        numpy_helper.from_array(fc, "fc.weight"),
        numpy_helper.from_array(np.zeros(classes, np.float32), "fc.bias"),
    ]
    nodes = [
        helper.make_node("Conv", [input_name, "conv1.weight", "conv1.bias"], ["c1"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("Conv", ["r1", "conv2.weight", "conv2.bias"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["r2"], ["pool"], name="pool"),
        helper.make_node("Flatten", ["pool"], ["flat"], name="flatten"),
        helper.make_node("Gemm", ["flat", "fc.weight", "fc.bias"], [output_name], name="fc", transB=1),
    ]
    return _model(nodes, inits, input_name, output_name, batch, size, classes, opset, ir_version)


def _model(
    nodes: list[onnx.NodeProto],
    inits: list[onnx.TensorProto],
    input_name: str,
    output_name: str,
    batch: int | str,
    size: int,
    classes: int,
    opset: int,
    ir_version: int,
) -> onnx.ModelProto:
    graph = helper.make_graph(
        nodes,
        "classifier",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, [batch, 3, size, size])],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [batch, classes])],
        inits,
    )
    return finish_model(graph, opset, ir_version)


def _quantize(weights: np.ndarray, zero_points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-output-channel uint8 quantization; pruned (zero) weights land exactly on the
    channel's zero point."""
    flat = weights.reshape(weights.shape[0], -1)
    scales = np.maximum(np.abs(flat).max(axis=1), 1e-6) / 100.0
    q = np.round(flat / scales[:, None]) + zero_points[:, None]
    return np.clip(q, 0, 255).astype(np.uint8).reshape(weights.shape), scales.astype(np.float32)


def quantized_classifier(
    *,
    sparsity: float = 0.0,
    width: int = 64,
    classes: int = 10,
    size: int = 8,
    form: str = "qdq",
    batch: int | str = "batch",
    seed: int = 0,
) -> onnx.ModelProto:
    """`classifier` with uint8 weights and per-channel zero points (128 + channel % 5).

    `form="qdq"`: weights behind DequantizeLinear (axis 0), activations through a
    QuantizeLinear/DequantizeLinear pair. `form="qlinear"`: QLinearConv for the
    convolutions, the classifier as a float Gemm over dequantized weights."""
    rng = np.random.default_rng(seed)
    half = max(1, width // 2)
    shapes = {"conv1": (half, 3, 3, 3), "conv2": (width, half, 3, 3), "fc": (classes, width)}
    inits: list[onnx.TensorProto] = []
    weights = {}
    for name, shape in shapes.items():
        zp = (128 + np.arange(shape[0]) % 5).astype(np.uint8)
        q, scale = _quantize(_weights(rng, shape, sparsity), zp.astype(np.float64))
        weights[name] = (q, scale, zp)
        inits += [
            numpy_helper.from_array(q, f"{name}.weight_q"),
            numpy_helper.from_array(scale, f"{name}.scale"),
            numpy_helper.from_array(zp, f"{name}.zero_point"),
        ]
    inits += [
        numpy_helper.from_array(np.array(0.05, np.float32), "act.scale"),
        numpy_helper.from_array(np.array(128, np.uint8), "act.zero_point"),
        numpy_helper.from_array(np.zeros(classes, np.float32), "fc.bias"),
    ]
    dq = [
        helper.make_node(
            "DequantizeLinear", ["fc.weight_q", "fc.scale", "fc.zero_point"], ["fc.weight"], name="fc.dq", axis=0
        )
    ]
    tail = [
        helper.make_node("GlobalAveragePool", ["r2"], ["pool"], name="pool"),
        helper.make_node("Flatten", ["pool"], ["flat"], name="flatten"),
        *dq,
        helper.make_node("Gemm", ["flat", "fc.weight", "fc.bias"], ["logits"], name="fc", transB=1),
    ]
    quant_in = [
        helper.make_node("QuantizeLinear", ["input", "act.scale", "act.zero_point"], ["input_q"], name="input.q"),
    ]
    if form == "qdq":
        nodes = [
            *quant_in,
            helper.make_node("DequantizeLinear", ["input_q", "act.scale", "act.zero_point"], ["input_dq"], name="input.dq"),
        ]
        previous = "input_dq"
        for index, name in enumerate(("conv1", "conv2"), start=1):
            nodes += [
                helper.make_node(
                    "DequantizeLinear", [f"{name}.weight_q", f"{name}.scale", f"{name}.zero_point"],
                    [f"{name}.weight"], name=f"{name}.dq", axis=0,
                ),
                helper.make_node("Conv", [previous, f"{name}.weight"], [f"c{index}"], name=name, pads=[1, 1, 1, 1]),
                helper.make_node("Relu", [f"c{index}"], [f"r{index}"], name=f"relu{index}"),
            ]
            previous = f"r{index}"
        nodes += tail
    elif form == "qlinear":
        nodes = list(quant_in)
        previous = "input_q"
        for index, name in enumerate(("conv1", "conv2"), start=1):
            nodes.append(
                helper.make_node(
                    "QLinearConv",
                    [previous, "act.scale", "act.zero_point", f"{name}.weight_q", f"{name}.scale",
                     f"{name}.zero_point", "act.scale", "act.zero_point"],
                    [f"q{index}"], name=name, pads=[1, 1, 1, 1],
                )
            )
            previous = f"q{index}"
        nodes += [
            helper.make_node("DequantizeLinear", [previous, "act.scale", "act.zero_point"], ["r2"], name="out.dq"),
            *tail,
        ]
    else:
        raise ValueError(f"unknown form {form!r}")
    return _model(nodes, inits, "input", "logits", batch, size, classes, DEFAULT_OPSET, DEFAULT_IR_VERSION)


def write_model_onnx(folder: Path, model: onnx.ModelProto, *, external_data: bool = False, name: str = "model.onnx") -> Path:
    """Save `model` as `folder/name` (weights in `<stem>.data` beside it if asked)."""
    return save_model(model, folder / name, external_data=external_data)


def external_classifier(folder: Path) -> onnx.ModelProto:
    """Write a classifier with about 5 MB of weights in folder/model.data; return its
    graph, parsed without the data, for a test to edit."""
    write_model_onnx(folder, classifier(width=512, sparsity=0.5), external_data=True)
    return onnx.load(str(folder / "model.onnx"), load_external_data=False)


def set_external_entries(tensor: onnx.TensorProto, **entries: str) -> None:
    """Replace a tensor's external-data entries (location, offset, length, ...)."""
    del tensor.external_data[:]
    for key, value in entries.items():
        item = tensor.external_data.add()
        item.key, item.value = key, value


def save_graph_only(folder: Path, proto: onnx.ModelProto) -> None:
    """Write `proto` as folder/model.onnx as it is, external references untouched."""
    (folder / "model.onnx").write_bytes(proto.SerializeToString())
