"""Keys by name, by position, generic; missing, extra, given twice, out of order."""

from pathlib import Path

import numpy as np
from sample_fixtures import TensorProto, identity_graph, save_model, write_npz


def build(tree: Path) -> None:
    model = tree / "two"
    proto = identity_graph(
        [("x", TensorProto.FLOAT, ["batch", 2]), ("y", TensorProto.FLOAT, ["batch", 2])],
        defaulted=[("bias", np.zeros(2, np.float32))],
    )
    save_model(proto, model / "model.onnx")
    x, y, bias = np.ones(2, np.float32), np.zeros(2, np.float32), np.zeros(2, np.float32)
    inputs = model / "sample_inputs"
    samples = [
        {"x": x, "y": y},  # by name
        [x, y],  # by position
        {"x": x},  # y missing
        {"x": x, "y": y, "z": y},  # z names nothing
        [x, y, y],  # arr_2 past the graph's two inputs
        {"x": x, "arr_0": x, "y": y},  # x twice
        {"x": x, "y": y, "bias": bias},  # the defaulted input given: fine
        {"y": y, "x": x},  # out of graph order
    ]
    outputs = {"x_out": x, "y_out": y, "bias_out": bias}
    for number, arrays in enumerate(samples):
        write_npz(inputs / f"inp-{number:04d}.npz", arrays)
        write_npz(model / f"sample_outputs/out-{number:04d}.npz", outputs)
    one = tree / "one"
    proto = identity_graph([("pixels", TensorProto.FLOAT, ["batch", 2])])
    save_model(proto, one / "model.onnx")
    write_npz(one / "sample_inputs/inp-0000.npz", {"input": x})  # generic: fine
    write_npz(one / "sample_inputs/inp-0001.npz", {"image": x})  # not generic
    write_npz(one / "sample_outputs/out-0000.npz", {"output": x})  # generic: fine
    write_npz(one / "sample_outputs/out-0001.npz", {"pixels_out": x, "extra": x})
