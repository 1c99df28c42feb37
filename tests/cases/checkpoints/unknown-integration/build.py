from pathlib import Path

from zoolint.testing.checkpoints import write_cv_model, write_minimal_card


def build(tree: Path) -> None:
    write_cv_model(tree / "pose")
    write_minimal_card(tree / "pose", "cv", "pose_estimation")
    # keras classification: the built-in cv/classification entry is for pytorch
    write_cv_model(tree / "keras")
    write_minimal_card(tree / "keras", "cv", "classification", framework="keras")
    (tree / "keras" / "training" / "model.pth").unlink()
    # no domain anywhere
    nameless = write_cv_model(tree / "nameless")
    (nameless / "model.md").write_text("---\ndisplay_name: x\n---\n# x\n")
