"""Every dtype the contract knows: right (and run through onnxruntime) and wrong."""

from pathlib import Path

import numpy as np
from sample_fixtures import TensorProto, identity_graph, save_model, write_npz

TYPED = [
    ("f", TensorProto.FLOAT, ["batch", 2]),
    ("i", TensorProto.INT64, ["batch", 2]),
    ("b", TensorProto.BOOL, ["batch", 2]),
    ("s", TensorProto.STRING, ["batch", 2]),
    ("h", TensorProto.FLOAT16, ["batch", 2]),
]
BF16 = [("bf", TensorProto.BFLOAT16, ["batch", 2]), ("f", TensorProto.FLOAT, ["batch", 2])]


def write(model: Path, good: dict, bad: dict) -> None:
    for number, arrays in enumerate((good, bad)):
        write_npz(model / f"sample_inputs/inp-{number:04d}.npz", arrays)
        write_npz(
            model / f"sample_outputs/out-{number:04d}.npz",
            {f"{name}_out": value for name, value in good.items()},
        )


def build(tree: Path) -> None:
    save_model(identity_graph(TYPED), tree / "typed/model.onnx")
    good = {
        "f": np.array([0.5, -1.5], np.float32),
        "i": np.array([3, -4], np.int64),
        "b": np.array([True, False]),
        "s": np.array(["zoo", "lint"]),
        "h": np.array([0.25, 2.0], np.float16),
    }
    bad = {
        "f": np.array([0.5, -1.5], np.float64),
        "i": np.array([3, -4], np.int32),
        "b": np.array([1, 0], np.uint8),
        "s": np.array([b"zoo", b"lint"]),
        "h": np.array([0.25, 2.0], np.float32),
    }
    write(tree / "typed", good, bad)
    save_model(identity_graph(BF16), tree / "bfloat16/model.onnx")
    bf16 = np.array([0x3F80, 0xC000], np.uint16).view(np.dtype("V2"))  # 1.0, -2.0
    f = np.array([0.5, -1.5], np.float32)
    write(tree / "bfloat16", {"bf": bf16, "f": f}, {"bf": np.array([1.0, -2.0], np.float32), "f": f})
