"""A named dynamic dimension with two sizes in one sample (inputs and outputs)."""

from pathlib import Path

import numpy as np
from sample_fixtures import TensorProto, identity_graph, save_model, write_npz


def build(tree: Path) -> None:
    model = tree / "m"
    proto = identity_graph(
        [("ids", TensorProto.INT64, ["batch", "sequence"]), ("mask", TensorProto.INT64, ["batch", "sequence"])]
    )
    save_model(proto, model / "model.onnx")
    five, four = np.ones(5, np.int64), np.ones(4, np.int64)
    write_npz(model / "sample_inputs/inp-0000.npz", {"ids": five, "mask": five})
    write_npz(model / "sample_outputs/out-0000.npz", {"ids_out": five, "mask_out": five})
    write_npz(model / "sample_inputs/inp-0001.npz", {"ids": five, "mask": four})
    write_npz(model / "sample_outputs/out-0001.npz", {"ids_out": five, "mask_out": five})
    write_npz(model / "sample_inputs/inp-0002.npz", {"ids": four, "mask": four})
    write_npz(model / "sample_outputs/out-0002.npz", {"ids_out": five, "mask_out": five})
