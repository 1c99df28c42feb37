"""No graph, no deployment, and the card misspelt."""

from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = tree / "m"
    (root / "training").mkdir(parents=True)
    (root / "training" / "model.pth").write_bytes(b"PK")
    (root / "Model.md").write_text("---\ncard_version: 1.0.0\n---\n")
    (root / "model.onnx.tar.gz").mkdir()
    (root / "model.onnx.tar.gz" / "model.onnx").write_bytes(b"")
    (root / "sample_inputs").mkdir()
    (root / "sample_inputs" / "inp-0000.npz").write_bytes(b"")
    (root / "sample_outputs").mkdir()
    (root / "sample_outputs" / "out-0000.npz").write_bytes(b"")
