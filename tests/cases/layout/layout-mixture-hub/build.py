"""Hub layout with a legacy recipes/ folder and documented sample outputs."""

import shutil
from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "hub")
    (root / "recipes").mkdir()
    shutil.copy(root / "recipe.md", root / "recipes" / "original.md")
    (root / "sample-outputs").rename(root / "sample_outputs")
