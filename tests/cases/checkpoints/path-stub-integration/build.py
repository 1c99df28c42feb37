from pathlib import Path

from zoolint.testing.checkpoints import write_cv_model


def build(tree: Path) -> None:
    root = tree / "cv/detection/yolo_v3-spp/pytorch/ultralytics/coco/pruned-aggressive"
    write_cv_model(root)  # a classification-style training/model.pth
    (root / "model.md").unlink()
