import os
from pathlib import Path


def build(tree: Path) -> None:
    model = tree / "m"
    model.mkdir()
    (model / "model.md").write_text("---\n---\n# M\n")
    os.symlink("/etc/passwd", model / "model.onnx")
    os.symlink("../../outside", model / "recipe.md")
    os.symlink("nothing-here", model / "metrics.yaml")
    os.symlink("loop", model / "loop")
    os.symlink("model.md", model / "card-alias.md")  # inside: fine
