"""Documented layout, every slot filled."""

from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    (root / "onnx").mkdir()
    (root / "onnx" / "model.11.onnx").write_bytes((root / "model.onnx").read_bytes())
    (root / "logs").mkdir()
    (root / "logs" / "train.log").write_text("epoch 0\n")
    for folder in ("sample_labels", "sample_originals", "sample_outputs_deepsparse"):
        (root / folder).mkdir()
        (root / folder / "x-0000.npz").write_bytes(b"placeholder")
    (root / "benchmarks.yaml").write_text("benchmarks: []\n")
    (root / "metrics.yaml").write_text("metrics: []\n")
    (root / "analysis.yaml").write_text("layers: []\n")
    (root / ".gitattributes").write_text("*.onnx binary\n")
