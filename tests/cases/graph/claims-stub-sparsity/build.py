"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier, write_model_onnx

STUB = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/"


def build(tree: Path) -> None:
    sparse = classifier(sparsity=0.95)
    write_model_onnx(tree / (STUB + "pruned95-none"), sparse)
    write_model_onnx(tree / (STUB + "pruned50-none"), sparse)
    write_model_onnx(tree / (STUB + "base-none"), sparse)
    write_model_onnx(tree / (STUB + "pruned-moderate"), classifier(sparsity=0.1))
    write_model_onnx(tree / (STUB + "pruned95-aggressive"), classifier(width=512, sparsity=0.95), external_data=True)
    # First convolution and classifier left dense: the pruned layers hold most weights.
    partial = classifier(sparsity=0.95)
    dense = classifier(sparsity=0.0)
    for index in (0, 4):
        partial.graph.initializer[index].CopyFrom(dense.graph.initializer[index])
    write_model_onnx(tree / (STUB + "pruned95-conservative"), partial)
