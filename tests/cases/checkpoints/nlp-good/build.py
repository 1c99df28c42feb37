from pathlib import Path

from zoolint.testing.checkpoints import write_nlp_model


def build(tree: Path) -> None:
    write_nlp_model(tree / "m")
