"""Stored outputs that onnxruntime does not reproduce: floats beyond the tolerance,
an integer output, and the per-engine folder taking precedence."""

from pathlib import Path

import numpy as np
from onnx import TensorProto, helper
from sample_fixtures import classifier_dir, save_model, write_samples
from zoolint.testing.builders import tiny_classifier


def alter(path: Path, key: str, change) -> None:  # type: ignore[no-untyped-def]
    with np.load(path) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays[key] = change(arrays[key].copy())
    np.savez(path, **arrays)


def bump(index: int, amount: float):  # type: ignore[no-untyped-def]
    def change(array: np.ndarray) -> np.ndarray:
        array[index] += amount
        return array

    return change


def build(tree: Path) -> None:
    floats = tree / "floats"
    classifier_dir(floats, count=3)
    alter(floats / "sample_outputs/out-0001.npz", "logits", bump(2, 0.5))
    alter(floats / "sample_outputs/out-0002.npz", "logits", bump(0, 2e-6))  # within 1e-5

    proto = tiny_classifier()
    proto.graph.node.append(helper.make_node("ArgMax", ["logits"], ["label"], axis=1, keepdims=0))
    proto.graph.output.append(helper.make_tensor_value_info("label", TensorProto.INT64, ["batch"]))
    labels = tree / "labels"
    save_model(proto, labels / "model.onnx")
    write_samples(labels, proto, count=2)
    alter(labels / "sample_outputs/out-0000.npz", "label", lambda a: (a + 1) % 4)

    engines = tree / "engines"
    classifier_dir(engines, count=2, engines=["onnxruntime"])
    # The generic folder is not what the deep check compares once the model has
    # onnxruntime's own outputs: only the second change is reported.
    alter(engines / "sample_outputs/out-0000.npz", "logits", bump(0, 1.0))
    alter(engines / "sample_outputs_onnxruntime/out-0001.npz", "logits", np.zeros_like)
