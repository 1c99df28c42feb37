"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier, write_model_onnx

CARD = """---
card_version: 1.0.0
display_name: {name}
optimizations:
{optimizations}
task: classification
---

# Model
"""


def build(tree: Path) -> None:
    write_model_onnx(tree / "bad", classifier(sparsity=0.5))
    (tree / "bad" / "model.md").write_text(
        CARD.format(name="95% Pruned ResNet-50", optimizations="- GMP 95%\n- QAT Int8\n- Top-1 76.1%")
    )
    write_model_onnx(tree / "good", classifier(sparsity=0.95))
    (tree / "good" / "model.md").write_text(
        CARD.format(name="95% Pruned ResNet-50 (top-1 76.1%)", optimizations="- GMP 95%")
    )
    write_model_onnx(tree / "old", classifier(sparsity=0.5))
    (tree / "old" / "model.md").write_text(
        "---\ncard_version: 1.0.0\ndisplay_name: ResNet-50\noptimizations: pruned95_quant-none\n---\n"
    )
