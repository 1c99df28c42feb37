"""Typos of every kind next to a complete documented layout."""

import shutil
from pathlib import Path

from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    shutil.copytree(root / "sample_inputs", root / "sample_input")
    shutil.copytree(root / "sample_inputs", root / "Sample_Inputs")
    (root / "recipe.yml").write_text("modifiers: []\n")
    (root / "metrics.yml").write_text("metrics: []\n")
    (root / "Model.md").write_text((root / "model.md").read_text())
    (root / "notes.txt").write_text("to do\n")
    (root / "recipes" / "recipe_transfer.yml").write_text("modifiers: []\n")
    (root / "recipes" / "README.txt").write_text("recipes\n")
