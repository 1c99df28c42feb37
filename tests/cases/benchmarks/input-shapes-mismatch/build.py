from pathlib import Path

from zoolint.testing.builders import save_model, tiny_classifier


def build(tree: Path) -> None:
    for folder in ['m']:
        save_model(tiny_classifier(size=8), tree / folder / "model.onnx")
