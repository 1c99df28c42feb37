"""Numbering with a gap, a number used twice, and numbering that starts at 0001."""

from pathlib import Path

from sample_fixtures import classifier_dir


def build(tree: Path) -> None:
    gap = tree / "gap"
    classifier_dir(gap, count=4)
    for folder, prefix in (("sample_inputs", "inp"), ("sample_outputs", "out")):
        (gap / folder / f"{prefix}-0002.npz").unlink()
    twice = tree / "twice"
    classifier_dir(twice, count=2)
    data = (twice / "sample_inputs/inp-0001.npz").read_bytes()
    (twice / "sample_inputs/inp-00001.npz").write_bytes(data)
    late = tree / "late"
    classifier_dir(late, count=3)
    for folder, prefix in (("sample_inputs", "inp"), ("sample_outputs", "out")):
        (late / folder / f"{prefix}-0000.npz").unlink()
