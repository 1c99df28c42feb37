from pathlib import Path

from zoolint.testing.checkpoints import write_cv_model, write_minimal_card


def build(tree: Path) -> None:
    write_cv_model(tree / "pose")
    write_minimal_card(tree / "pose", "cv", "pose_estimation")
