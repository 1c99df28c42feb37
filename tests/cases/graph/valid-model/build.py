"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import io
import tarfile

from zoolint.testing.graph import quantized_classifier, write_model_onnx

STUB = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95_quant-none"
CARD = """---
card_version: 1.0.0
display_name: 95% Pruned Quantized ResNet-50
optimizations:
- GMP 95%
- QAT Int8
---

# ResNet-50
"""


def build(tree: Path) -> None:
    folder = tree / STUB
    model = quantized_classifier(sparsity=0.95, width=256)
    write_model_onnx(folder, model, external_data=True)
    write_model_onnx(folder / "deployment", model)
    write_model_onnx(folder / "onnx", model, name="model.13.onnx")
    (folder / "model.md").write_text(CARD)
    (folder / "analysis.yaml").write_text("total_prunable_parameters:\n  single:\n    sparsity: 0.95\n")
    data = model.SerializeToString()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("model.onnx")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (folder / "model.onnx.tar.gz").write_bytes(buffer.getvalue())
