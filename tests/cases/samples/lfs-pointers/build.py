"""Samples uploaded without git-lfs: an archive and one .npz are pointers."""

from pathlib import Path

from sample_fixtures import classifier_dir

POINTER = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:{}\n"
    "size 4242\n"
)


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=2, archived=True, labels=True)
    (model / "sample_inputs.tar.gz").write_text(POINTER.format("1" * 64))
    classifier_dir(tree / "n", count=2)
    (tree / "n/sample_outputs/out-0001.npz").write_text(POINTER.format("2" * 64))
