"""Valid samples in every layout generation, every key scheme and both batch forms."""

from pathlib import Path

import numpy as np
from sample_fixtures import TensorProto, classifier_dir, identity_graph, save_model, write_npz


def build(tree: Path) -> None:
    classifier_dir(
        tree / "documented",
        labels=True,
        originals=True,
        engines=["onnxruntime", "deepsparse"],
    )
    classifier_dir(tree / "hub", generation="hub", archived=True, engines=["onnxruntime"])
    classifier_dir(tree / "legacy", generation="legacy", positional=True, compressed=True, batch=True)
    # One caller input, one input with an initializer default (left out of the
    # samples), and a generic key for the only caller input.
    proto = identity_graph(
        [("x", TensorProto.FLOAT, ["batch", 3])], defaulted=[("w", np.ones(2, np.float32))]
    )
    save_model(proto, tree / "defaults" / "model.onnx")
    x = np.arange(3, dtype=np.float32)
    write_npz(tree / "defaults/sample_inputs/inp-0000.npz", {"input": x})
    write_npz(tree / "defaults/sample_outputs/out-0000.npz", {"x_out": x, "w_out": np.ones(2, np.float32)})
