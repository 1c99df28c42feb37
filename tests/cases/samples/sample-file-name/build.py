"""Files in sample folders that do not follow inp-0000.npz, and things that are no
samples at all."""

from pathlib import Path

from sample_fixtures import classifier_dir


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=4, labels=True)
    inputs = model / "sample_inputs"
    (inputs / "inp-0001.npz").rename(inputs / "inp_0001.npz")
    (inputs / "inp-0002.npz").rename(inputs / "input-0002.npz")
    (inputs / "inp-0003.npz").rename(inputs / "inp-3.npz")
    (inputs / "README.md").write_text("samples exported on Monday\n")
    (inputs / "inp-0004.npy").write_bytes(b"\x93NUMPY")
    (inputs / "extra").mkdir()
    (inputs / "extra" / "inp-0005.npz").write_bytes(b"")
    (model / "sample_labels/lab-0000.npz").rename(model / "sample_labels/lab-0000.NPZ")
