"""Inputs, outputs, per-engine outputs, labels and originals that do not pair."""

from pathlib import Path

from sample_fixtures import classifier_dir


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=4, labels=True, originals=True, engines=["onnxruntime", "deepsparse"])
    (model / "sample_outputs/out-0003.npz").unlink()
    (model / "sample_outputs_deepsparse/out-0000.npz").unlink()
    (model / "sample_outputs_deepsparse/out-0001.npz").unlink()
    data = (model / "sample_labels/lab-0000.npz").read_bytes()
    (model / "sample_labels/lab-0004.npz").write_bytes(data)
    (model / "sample_labels/lab-0005.npz").write_bytes(data)
    (model / "sample_originals/orig-0002.npz").unlink()
    (model / "sample_originals/orig-0003.npz").rename(model / "sample_originals/orig-0003.png")
    hub = tree / "outputs-only"
    classifier_dir(hub, count=2, generation="hub")
    for path in (hub / "sample-inputs").iterdir():
        path.unlink()
    (hub / "sample-inputs").rmdir()
