"""A sample archive with every kind of member extraction could abuse."""

import tarfile
from pathlib import Path

import numpy as np
from sample_fixtures import classifier_dir, tar_entry, tar_gz
from zoolint.testing.samples import npz_bytes


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=1)
    good = (model / "sample_inputs/inp-0000.npz").read_bytes()
    for path in (model / "sample_inputs").iterdir():
        path.unlink()
    (model / "sample_inputs").rmdir()
    bad = npz_bytes({"input": np.zeros((3, 8, 8), np.float32)})
    tar_gz(
        model / "sample_inputs.tar.gz",
        [
            tar_entry("sample_inputs", tarfile.DIRTYPE),
            ("sample_inputs/inp-0000.npz", good),
            ("../inp-0001.npz", bad),
            ("/tmp/inp-0002.npz", bad),
            tar_entry("sample_inputs/inp-0003.npz", tarfile.SYMTYPE, "/etc/passwd"),
            tar_entry("sample_inputs/inp-0004.npz", tarfile.LNKTYPE, "sample_inputs/inp-0000.npz"),
            tar_entry("sample_inputs/inp-0005.npz", tarfile.CHRTYPE),
            tar_entry("sample_inputs/inp-0006.npz", tarfile.FIFOTYPE),
            ("sample_inputs/sub/../../inp-0007.npz", bad),
        ],
    )
