"""Build tiny, real model-directory artifacts by code: ONNX graphs, npz samples.

Used by the test suite, the demo-zoo builder in fixtures/, and bench/; also useful to
zoo maintainers writing tests of their own. Nothing here downloads anything.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# An opset and IR version that every supported onnxruntime release loads.
DEFAULT_OPSET = 13
DEFAULT_IR_VERSION = 8


def tiny_classifier(
    *,
    channels: int = 3,
    size: int = 8,
    classes: int = 4,
    sparsity: float = 0.0,
    batch: int | str = "batch",
    opset: int = DEFAULT_OPSET,
    ir_version: int = DEFAULT_IR_VERSION,
    seed: int = 0,
    input_name: str = "input",
    output_name: str = "logits",
) -> onnx.ModelProto:
    """Conv -> Relu -> GlobalAveragePool -> Flatten -> Gemm, with `sparsity` of the
    Conv and Gemm weights set to exactly zero (by magnitude, like GMP pruning)."""
    rng = np.random.default_rng(seed)
    conv_w = rng.standard_normal((8, channels, 3, 3)).astype(np.float32)
    gemm_w = rng.standard_normal((classes, 8)).astype(np.float32)
    conv_w, gemm_w = prune(conv_w, sparsity), prune(gemm_w, sparsity)
    initializers = [
        numpy_helper.from_array(conv_w, "conv.weight"),
        numpy_helper.from_array(np.zeros(8, np.float32), "conv.bias"),
        numpy_helper.from_array(gemm_w, "fc.weight"),
        numpy_helper.from_array(np.zeros(classes, np.float32), "fc.bias"),
    ]
    nodes = [
        helper.make_node(
            "Conv", [input_name, "conv.weight", "conv.bias"], ["conv_out"], name="conv",
            pads=[1, 1, 1, 1],
        ),
        helper.make_node("Relu", ["conv_out"], ["relu_out"], name="relu"),
        helper.make_node("GlobalAveragePool", ["relu_out"], ["pool_out"], name="pool"),
        helper.make_node("Flatten", ["pool_out"], ["flat_out"], name="flatten"),
        helper.make_node(
            "Gemm", ["flat_out", "fc.weight", "fc.bias"], [output_name], name="fc", transB=1
        ),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny_classifier",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, [batch, channels, size, size])],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [batch, classes])],
        initializers,
    )
    return finish_model(graph, opset, ir_version)


def tiny_question_answering(
    *,
    vocab_size: int = 9,
    hidden: int = 4,
    sequence: int = 16,
    opset: int = DEFAULT_OPSET,
    ir_version: int = DEFAULT_IR_VERSION,
    seed: int = 0,
) -> onnx.ModelProto:
    """A BERT-shaped stand-in: `input_ids` [batch, sequence] -> word embeddings ->
    `qa_outputs` -> `logits` [batch, sequence, 2] (start and end scores). Its
    initializers carry the Hugging Face names, so a `pytorch_model.bin` of the same
    tensors matches it."""
    rng = np.random.default_rng(seed)
    initializers = [
        numpy_helper.from_array(
            rng.standard_normal((vocab_size, hidden)).astype(np.float32),
            "bert.embeddings.word_embeddings.weight",
        ),
        numpy_helper.from_array(
            rng.standard_normal((2, hidden)).astype(np.float32), "qa_outputs.weight"
        ),
        numpy_helper.from_array(np.zeros(2, np.float32), "qa_outputs.bias"),
    ]
    nodes = [
        helper.make_node(
            "Gather", ["bert.embeddings.word_embeddings.weight", "input_ids"], ["embedded"],
            name="embeddings",
        ),
        helper.make_node(
            "Transpose", ["qa_outputs.weight"], ["qa_weight_t"], name="qa_t", perm=[1, 0]
        ),
        helper.make_node("MatMul", ["embedded", "qa_weight_t"], ["qa_scores"], name="qa_matmul"),
        helper.make_node("Add", ["qa_scores", "qa_outputs.bias"], ["logits"], name="qa_add"),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny_question_answering",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", sequence])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", sequence, 2])],
        initializers,
    )
    return finish_model(graph, opset, ir_version)


def finish_model(graph: onnx.GraphProto, opset: int = DEFAULT_OPSET, ir_version: int = DEFAULT_IR_VERSION) -> onnx.ModelProto:
    """The model of `graph`, importing the default domain at `opset`, as every builder
    here writes it."""
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="zoolint-testing"
    )
    model.ir_version = ir_version
    return model


def prune(weights: np.ndarray, sparsity: float) -> np.ndarray:
    """Zero the `sparsity` fraction of smallest-magnitude weights (exact count)."""
    if sparsity <= 0:
        return weights
    flat = weights.flatten()
    count = int(round(sparsity * flat.size))
    flat[np.argsort(np.abs(flat), kind="stable")[:count]] = 0
    return flat.reshape(weights.shape)


def save_model(model: onnx.ModelProto, path: Path, external_data: bool = False) -> Path:
    """Write `model` to `path`; with `external_data`, weights go to `<name>.data`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if external_data:
        # onnx moves the tensors of the model it saves to external data in place: save a
        # copy, so the caller's model keeps its weights (and can be saved again).
        copy = onnx.ModelProto()
        copy.CopyFrom(model)
        onnx.save_model(
            copy,
            str(path),
            save_as_external_data=True,
            all_tensors_to_one_file=True,
            location=path.stem + ".data",
            size_threshold=0,
        )
    else:
        onnx.save_model(model, str(path))
    return path


def run_reference(model: onnx.ModelProto, inputs: dict[str, np.ndarray]) -> list[np.ndarray]:
    """Outputs of `model` on `inputs`, computed by onnx's reference evaluator."""
    from onnx.reference import ReferenceEvaluator

    return list(ReferenceEvaluator(model).run(None, inputs))


def save_npz(path: Path, arrays: dict[str, np.ndarray] | Sequence[np.ndarray]) -> Path:
    """Write one sample file; a sequence is stored under positional keys arr_0.."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(arrays, dict):
        savez_mapping(path, arrays)
    else:
        np.savez(path, *arrays)
    return path


def savez_mapping(file: Path | IO[bytes], arrays: Mapping[str, np.ndarray], compressed: bool = False) -> None:
    """`np.savez(file, **arrays)` without its keyword trap: there an array named `file`
    or `allow_pickle` is taken for that argument instead of being stored. The archive
    is the one numpy writes: a `<name>.npy` member per array, object arrays pickled.
    (`zoolint.testing.deterministic.write_npz` is for committed fixtures: fixed
    timestamps, no pickles.)"""
    compression = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(file, "w", compression=compression, allowZip64=True) as archive:
        for name, array in arrays.items():
            with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=True)
