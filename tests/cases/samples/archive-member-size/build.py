"""An archive member larger than the per-member bound is skipped, not held in memory."""

from pathlib import Path

import numpy as np
from sample_fixtures import classifier_dir
from zoolint.testing.samples import npz_bytes, write_archive


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=2, archived=True)
    members = {
        "inp-0000.npz": npz_bytes({"input": np.ones((3, 8, 8), np.float32)}),
        "inp-0001.npz": npz_bytes({"input": np.ones(5_000, np.float32)}),
    }
    write_archive(model / "sample_inputs.tar.gz", None, members)
