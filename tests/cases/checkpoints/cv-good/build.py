from pathlib import Path

from zoolint.testing.checkpoints import write_cv_model


def build(tree: Path) -> None:
    write_cv_model(tree / "m")
