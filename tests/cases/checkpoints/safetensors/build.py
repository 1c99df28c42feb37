import json
import struct
from pathlib import Path

import numpy as np

from zoolint.testing.checkpoints import write_nlp_model, write_safetensors


def _raw(path: Path, header: dict, data_size: int) -> None:
    text = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(text)) + text + bytes(data_size))


def build(tree: Path) -> None:
    model = write_nlp_model(tree / "m")
    training = model / "training"
    write_safetensors(training / "model.safetensors", {"w": np.ones((2, 3), np.float32), "b": np.zeros(3, np.int64)})
    _raw(model / "dtype.safetensors", {"w": {"dtype": "F24", "shape": [2], "data_offsets": [0, 6]}}, 6)
    _raw(model / "size.safetensors", {"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 12]}}, 12)
    _raw(model / "tiling.safetensors", {
        "a": {"dtype": "U8", "shape": [4], "data_offsets": [0, 4]},
        "b": {"dtype": "U8", "shape": [4], "data_offsets": [2, 6]},
        "c": {"dtype": "U8", "shape": [2], "data_offsets": [8, 10]},
    }, 10)
    _raw(model / "truncated.safetensors", {"w": {"dtype": "F32", "shape": [100], "data_offsets": [0, 400]}}, 40)
    (model / "length.safetensors").write_bytes(struct.pack("<Q", 2**62) + b"{}")
    (model / "notjson.safetensors").write_bytes(struct.pack("<Q", 5) + b"{oops")
