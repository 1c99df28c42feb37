"""A complete pruned95 model directory at its stub path, recipes written by the
testing builder, the graph pruned to match."""

from pathlib import Path

from zoolint.testing.builders import save_model, tiny_classifier
from zoolint.testing.recipes import write_recipe

STUB = "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none"


def build(tree: Path) -> None:
    model = tree / STUB[len("zoo:") :]
    save_model(tiny_classifier(sparsity=0.95), model / "model.onnx")
    (model / "model.md").write_text(
        "---\ncard_version: 1.0.0\n"
        "commands:\n  train:\n    transfer: sparseml.image_classification.train"
        f" --recipe-path {STUB}?recipe=transfer_learn\n---\n\n# 95% pruned ResNet-50\n\n"
        f"Original recipe: `{STUB}?recipe_type=original`.\n",
        encoding="utf-8",
    )
    write_recipe(model, STUB, params=["conv.weight", "re:fc.*"])
    write_recipe(model, STUB, name="transfer_learn", suffix=".yaml", params=["fc.weight"])
    write_recipe(model / "training", None, generation="hub", suffix=".yaml")
