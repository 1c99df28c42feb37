"""One folder with the batch dimension on some arrays and not on others."""

from pathlib import Path

import numpy as np
from sample_fixtures import classifier_dir, write_npz


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=3)
    write_npz(model / "sample_inputs/inp-0001.npz", {"input": np.zeros((1, 3, 8, 8), np.float32)})
    write_npz(model / "sample_inputs/inp-0002.npz", {"input": np.zeros((1, 3, 8, 8), np.float32)})
