"""Legacy layout."""

from pathlib import Path

from zoolint.testing.deterministic import write_tar_gz
from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "legacy")
    write_tar_gz(root / "model.onnx.tar.gz", [("model.onnx", (root / "model.onnx").read_bytes())])
    (root / "recipes" / "transfer.md").write_text((root / "recipes" / "original.md").read_text())
