"""`training` is a file; `model.md` and `deployment.tar.gz` are folders."""

import os
from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = tree / "m"
    (root / "model.md").mkdir(parents=True)
    (root / "model.md" / "README.md").write_text("a folder named like the card\n")
    (root / "model.onnx").write_bytes(b"onnx")
    (root / "training").write_text("a file named like the checkpoint folder\n")
    (root / "deployment.tar.gz").mkdir()
    (root / "deployment.tar.gz" / "model.onnx").write_bytes(b"onnx")
    (root / "real_inputs").mkdir()
    (root / "real_inputs" / "inp-0000.npz").write_bytes(b"x")
    os.symlink("real_inputs", root / "sample_inputs")
    os.symlink("model.onnx", root / "sample_outputs")
