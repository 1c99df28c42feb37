"""`analysis.yaml` (hub layout): the sparsity a model analysis recorded.

Written by sparsezoo's ModelAnalysis: per-node figures and totals, of which the one
that matters here is `total_prunable_parameters.single.sparsity` (a fraction), the
share of zeros over all prunable weights: what `measured_sparsity` computes.
"""

from __future__ import annotations

from dataclasses import dataclass

from zoolint.card.load import yaml_limits
from zoolint.diagnostics import KeyPath
from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.yaml_doc import YamlDoc, YamlError, parse_yaml
from zoolint.model import ModelDir

ANALYSIS_PATH = "analysis.yaml"
SPARSITY_KEY: tuple[str, ...] = ("total_prunable_parameters", "single", "sparsity")


@dataclass(frozen=True)
class AnalysisDocument:
    """The parsed document; `sparsity` is None when the document does not record it
    (or records something that is not a fraction), with `problem` saying which."""

    yaml: YamlDoc
    sparsity: float | None
    problem: str | None

    def locate(self, key_path: KeyPath) -> tuple[int | None, int | None]:
        return self.yaml.locate(key_path)


def _recorded_sparsity(value: object) -> tuple[float | None, str | None]:
    node = value
    for index, key in enumerate(SPARSITY_KEY):
        if not isinstance(node, dict) or key not in node:
            where = ".".join(SPARSITY_KEY[: index + 1])
            return None, f"has no {where}"
        node = node[key]
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        return None, f"records {'.'.join(SPARSITY_KEY)} as {node!r}, not a number"
    if not 0 <= node <= 1:
        return None, f"records {'.'.join(SPARSITY_KEY)} = {node}, outside [0, 1]"
    return float(node), None


def load_analysis(model: ModelDir, relpath: str) -> Artifact[AnalysisDocument]:
    text = model.text(relpath)
    if not isinstance(text, Parsed):
        return text
    doc = parse_yaml(text.value, **yaml_limits(model))
    if isinstance(doc, YamlError):
        return Broken(relpath, f"is not valid YAML: {doc.message}", line=doc.line, column=doc.column)
    if not isinstance(doc.value, dict):
        line, column = doc.locate(())
        return Broken(relpath, "must be a mapping", line=line, column=column)
    sparsity, problem = _recorded_sparsity(doc.value)
    return Parsed(relpath, AnalysisDocument(doc, sparsity, problem))


def analysis(model: ModelDir) -> Artifact[AnalysisDocument]:
    """Requirement: the model's `analysis.yaml`."""
    return model.load(load_analysis, ANALYSIS_PATH)
