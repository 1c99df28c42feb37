"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

from zoolint.testing.graph import classifier, write_model_onnx

ANALYSIS = """layer_counts:
  Conv: 2
  Gemm: 1
total_prunable_parameters:
  single:
    num_non_zero: 997
    num_zero: 18939
    sparsity: {sparsity}
"""


def build(tree: Path) -> None:
    for name in ("stale", "good", "broken", "incomplete"):
        write_model_onnx(tree / name, classifier(sparsity=0.95))
    (tree / "stale" / "analysis.yaml").write_text(ANALYSIS.format(sparsity=0.5))
    (tree / "good" / "analysis.yaml").write_text(ANALYSIS.format(sparsity=0.94999))
    (tree / "broken" / "analysis.yaml").write_text("total_prunable_parameters: [\n")
    (tree / "incomplete" / "analysis.yaml").write_text("total_prunable_parameters:\n  single:\n    num_zero: 3\n")
