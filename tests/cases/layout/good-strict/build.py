"""Documented layout with every slot, checked under the strict preset."""

from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    for folder in ("onnx", "logs", "sample_labels", "sample_originals"):
        (root / folder).mkdir()
        (root / folder / "placeholder.txt").write_text("x\n")
    (root / "benchmarks.yaml").write_text("benchmarks: []\n")
    (root / "metrics.yaml").write_text("metrics: []\n")
