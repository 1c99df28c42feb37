"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier, quantized_classifier, write_model_onnx

STUB = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/"


def build(tree: Path) -> None:
    write_model_onnx(tree / (STUB + "pruned95-none"), quantized_classifier(sparsity=0.95))
    write_model_onnx(tree / (STUB + "pruned95_quant-none"), classifier(sparsity=0.95))
    write_model_onnx(tree / (STUB + "pruned95_quant-moderate"), quantized_classifier(sparsity=0.95))
    write_model_onnx(tree / (STUB + "quant-none"), quantized_classifier(form="qlinear"))
    write_model_onnx(tree / (STUB + "base-none"), quantized_classifier())
