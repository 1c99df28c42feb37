"""Object arrays: the real exporter slip (`np.savez(path, preds, extra=None)`) and a
pickle that would run a command if anything unpickled it."""

import os
from pathlib import Path

import numpy as np
from sample_fixtures import classifier_dir


class Payload:
    """Unpickling this runs `touch <tree>/pwned`: the tree digest would catch it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=2)
    logits = np.zeros(4, np.float32)
    np.savez(model / "sample_outputs/out-0000.npz", logits, seg_prediction=None)
    evil = np.empty(1, dtype=object)
    evil[0] = Payload(tree / "pwned")
    np.savez(model / "sample_inputs/inp-0001.npz", input=evil)
