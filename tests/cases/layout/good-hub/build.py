"""Hub layout: archives and checkpoint folders stand in."""

import shutil
from pathlib import Path

from zoolint.testing.deterministic import write_tar_gz
from zoolint.testing.modeldir import build_model_dir


def build(tree: Path) -> None:
    root = build_model_dir(tree, "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none", "hub")
    onnx_bytes = (root / "deployment" / "model.onnx").read_bytes()
    shutil.rmtree(root / "deployment")
    write_tar_gz(root / "deployment.tar.gz", [("deployment", None), ("deployment/model.onnx", onnx_bytes)])
    (root / "training").rename(root / "checkpoint_postpruning")
    (root / "recipe_transfer.md").write_text((root / "recipe.md").read_text())
    (root / "sample-outputs_onnxruntime").mkdir()
    (root / "sample-outputs_onnxruntime" / "out-0000.npz").write_bytes(b"placeholder")
    for name in ("benchmark.yaml", "eval.yaml", "analysis.yaml"):
        (root / name).write_text("{}\n")
