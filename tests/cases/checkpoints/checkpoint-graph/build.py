from pathlib import Path

import numpy as np

from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import state_dict_from_graph, write_checkpoint, write_cv_model


def build(tree: Path) -> None:
    weights = state_dict_from_graph(tiny_classifier())
    renamed = write_cv_model(tree / "renamed")
    write_checkpoint(
        renamed / "training" / "model.pth",
        {f"module.backbone.{name}": value for name, value in weights.items()},
    )
    other = write_cv_model(tree / "other-model")
    write_checkpoint(
        other / "training" / "model.pth",
        {"features.0.weight": np.zeros((16, 3, 5, 5), np.float32),
         "classifier.weight": np.zeros((10, 16), np.float32),
         "classifier.bias": np.zeros(10, np.float32)},
    )
    resized = write_cv_model(tree / "resized")
    changed = dict(weights, **{"fc.weight": np.zeros((10, 8), np.float32)})
    write_checkpoint(resized / "training" / "model.pth", changed)
