"""Extra files a zoo has chosen to allow."""

from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    (root / "README.md").write_text("# readme\n")
    (root / ".DS_Store").write_bytes(b"\0")
    (root / "LICENSE").write_text("Apache-2.0\n")
