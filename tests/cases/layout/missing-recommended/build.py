"""model.md, model.onnx, training/, deployment/ and nothing else."""

from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = tree / "m"
    for folder in ("training", "deployment"):
        (root / folder).mkdir(parents=True)
    (root / "model.md").write_text("# m\n")
    (root / "model.onnx").write_bytes(b"onnx")
    (root / "training" / "model.pth").write_bytes(b"PK")
    (root / "deployment" / "model.onnx").write_bytes(b"onnx")
