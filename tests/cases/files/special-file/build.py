import os
from pathlib import Path


def build(tree: Path) -> None:
    model = tree / "m"
    model.mkdir()
    (model / "model.md").write_text("---\n---\n# M\n")
    os.mkfifo(model / "model.onnx")
