"""Graphs onnxruntime refuses: an IR version from the future, an unknown operator."""

from pathlib import Path

from sample_fixtures import classifier_dir, save_model


def build(tree: Path) -> None:
    proto = classifier_dir(tree / "ir99", count=1)
    proto.ir_version = 99
    save_model(proto, tree / "ir99/model.onnx")
    proto = classifier_dir(tree / "unknown-op", count=1)
    proto.ir_version = 8
    proto.graph.node[1].op_type = "Rellu"
    save_model(proto, tree / "unknown-op/model.onnx")
