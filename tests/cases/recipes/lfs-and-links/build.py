"""A recipe that links out of the model directory."""

import os
from pathlib import Path


def build(tree: Path) -> None:
    os.symlink("/etc/hostname", tree / "m" / "recipes" / "recipe_transfer_learn.md")
