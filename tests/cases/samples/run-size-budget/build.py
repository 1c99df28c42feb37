"""Two models against a 3000-byte budget: a graph of 1502 bytes whose two samples of
800 bytes do not both fit, and a graph of 15763 bytes that does not fit at all."""

from pathlib import Path

from sample_fixtures import save_model, write_samples
from zoolint.testing.builders import tiny_classifier


def build(tree: Path) -> None:
    for name, proto in (("small", tiny_classifier()), ("large", tiny_classifier(classes=400))):
        save_model(proto, tree / name / "model.onnx")
        write_samples(tree / name, proto, count=2)
