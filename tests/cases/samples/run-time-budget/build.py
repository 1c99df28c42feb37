"""A model whose deep check outlasts its (tiny) time budget."""

from pathlib import Path

from sample_fixtures import classifier_dir


def build(tree: Path) -> None:
    classifier_dir(tree / "m", count=2)
