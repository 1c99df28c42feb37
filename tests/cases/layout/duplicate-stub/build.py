"""Stub-shaped paths that collide."""

from pathlib import Path

from zoolint.testing.deterministic import write_tar_gz
from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    upper = tree / "cv/classification/ResNet_v1-50/pytorch/sparseml/imagenet/pruned95-none"
    upper.mkdir(parents=True)
    (upper / "model.md").write_text("# upper\n")
    base = build_model_dir(tree, "zoo:cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none", "documented")
    write_tar_gz(base.parent / "base-none.tar.gz", [("base-none/model.md", b"# m\n")])
