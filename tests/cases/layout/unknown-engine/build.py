"""Per-engine outputs with misspelt or unknown engines."""

from pathlib import Path

from zoolint.testing.deterministic import write_tar_gz
from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "documented")
    (root / "sample_outputs_onnxrt").mkdir()
    (root / "sample_outputs_onnxrt" / "out-0000.npz").write_bytes(b"x")
    write_tar_gz(root / "sample_outputs_tensorrt.tar.gz", [("out-0000.npz", b"x")])
    (root / "sample_outputs_deepsparse").mkdir()
    (root / "sample_outputs_deepsparse" / "out-0000.npz").write_bytes(b"x")
