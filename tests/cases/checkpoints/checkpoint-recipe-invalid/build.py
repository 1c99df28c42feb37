from pathlib import Path

from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import state_dict_from_graph, write_checkpoint, write_cv_model

RECIPES = {
    "yaml-error": "version: 1.1.0\nmodifiers:\n  - !GMPruningModifier\n    params: [a, b\n",
    "scalar": "recipes/pruning.md",
    "frontmatter-open": "---\nversion: 1.1.0\n",
    "markdown-good": "<!-- licence -->\n---\nversion: 1.1.0\nmodifiers: []\n---\n# Pruning recipe\n",
}


def build(tree: Path) -> None:
    weights = state_dict_from_graph(tiny_classifier())
    for name, recipe in RECIPES.items():
        model = write_cv_model(tree / name)
        write_checkpoint(model / "training" / "model.pth", weights, recipe=recipe)
