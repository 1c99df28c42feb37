"""Folder and archive of the same name."""

from pathlib import Path

from zoolint.testing.deterministic import write_tar_gz
from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    write_tar_gz(root / "sample_inputs.tar.gz", [("inp-0000.npz", b"x")])
    (root / "training" / "checkpoint_preqat").mkdir()
    (root / "training" / "checkpoint_preqat" / "model.pth").write_bytes(b"PK")
    write_tar_gz(root / "training" / "checkpoint_preqat.tar.gz", [("model.pth", b"PK")])
