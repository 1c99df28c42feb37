from pathlib import Path

from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import (
    state_dict_from_graph,
    write_checkpoint,
    write_cv_model,
    write_nlp_model,
)


def build(tree: Path) -> None:
    nlp = write_nlp_model(tree / "nlp")
    (nlp / "training" / "vocab.txt").unlink()
    (nlp / "training" / "recipe.yaml").unlink()
    # checkpoint stages inside training/ replace the flat folder
    cv = write_cv_model(tree / "cv")
    (cv / "training" / "model.pth").unlink()
    weights = state_dict_from_graph(tiny_classifier())
    write_checkpoint(cv / "training" / "checkpoint_preqat" / "model.pth", weights)
    (cv / "training" / "checkpoint_postqat").mkdir()
    (cv / "training" / "checkpoint_postqat" / "notes.txt").write_text("lost the weights\n")
    # top-level stages, complete: no diagnostics
    stages = write_cv_model(tree / "stages")
    (stages / "training" / "model.pth").rename(stages / "model.pth.tmp")
    (stages / "training").rmdir()
    (stages / "checkpoint_prepruning").mkdir()
    (stages / "model.pth.tmp").rename(stages / "checkpoint_prepruning" / "model.pth")
