"""Archives past the bounds: too many members, too many bytes, a decompression bomb."""

import tarfile
from pathlib import Path

import numpy as np
from sample_fixtures import classifier_dir, tar_entry, tar_gz
from zoolint.testing.samples import npz_bytes


def replace_inputs(model: Path, data: bytes) -> None:
    for path in (model / "sample_inputs").iterdir():
        path.unlink()
    (model / "sample_inputs").rmdir()
    tar_gz(
        model / "sample_inputs.tar.gz",
        [tar_entry("sample_inputs", tarfile.DIRTYPE), ("sample_inputs/inp-0000.npz", data)],
    )


def build(tree: Path) -> None:
    classifier_dir(tree / "many", count=3, archived=True)
    classifier_dir(tree / "large", count=1)
    noise = np.random.default_rng(0).standard_normal(750_000).astype(np.float32)
    replace_inputs(tree / "large", npz_bytes({"input": noise}))
    classifier_dir(tree / "bomb", count=1)
    replace_inputs(tree / "bomb", npz_bytes({"input": np.zeros(400_000, np.float32)}))
