"""A directory in a zoo's own layout (weights/, examples/)."""

from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = tree / "m"
    (root / "weight").mkdir(parents=True)
    (root / "weight" / "model.pth").write_bytes(b"PK")
    (root / "model.md").write_text("# m\n")
    (root / "model.onnx").write_bytes(b"onnx")
    (root / "examples").mkdir()
    (root / "examples" / "inp-0000.npz").write_bytes(b"x")
