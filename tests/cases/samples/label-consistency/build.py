"""Label files in two forms: one label per sample, and a whole batch in one file."""

from pathlib import Path

import numpy as np
from sample_fixtures import classifier_dir, write_npz


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=3, labels=True)
    write_npz(model / "sample_labels/lab-0002.npz", {"arr_0": np.array([1.0, 3.0], np.float32)})
