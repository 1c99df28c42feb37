"""Documented layout with a hub-spelled folder and a legacy-named recipe."""

import shutil
from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    shutil.move(root / "sample_outputs", root / "sample-outputs")
    (root / "recipes" / "recipe_original.md").rename(root / "recipes" / "original.md")
