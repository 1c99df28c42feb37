"""Ranks and static sizes, with and without the batch dimension."""

from pathlib import Path

import numpy as np
from sample_fixtures import TensorProto, identity_graph, save_model, write_npz


def build(tree: Path) -> None:
    model = tree / "m"
    proto = identity_graph(
        [("image", TensorProto.FLOAT, ["batch", 3, 4]), ("boxes", TensorProto.FLOAT, [8, 2])]
    )
    save_model(proto, model / "model.onnx")
    image, boxes = np.zeros((3, 4), np.float32), np.zeros((8, 2), np.float32)
    samples = [
        {"image": image, "boxes": boxes},  # image without its batch; boxes full: fine
        {"image": np.zeros(12, np.float32), "boxes": boxes},  # rank 1
        {"image": np.zeros((3, 5), np.float32), "boxes": boxes},  # 5 where 4 is fixed
        {"image": image, "boxes": np.zeros(2, np.float32)},  # without a batch fixed at 8
    ]
    for number, arrays in enumerate(samples):
        write_npz(model / f"sample_inputs/inp-{number:04d}.npz", arrays)
        write_npz(
            model / f"sample_outputs/out-{number:04d}.npz",
            {"image_out": image, "boxes_out": boxes},
        )
