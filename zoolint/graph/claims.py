"""What names and documents claim about the weights, and whether a measurement agrees.

Claims come from the stub (`pruned95`, `pruned`, `base`, `quant`), the model card
(`display_name: 95% Pruned ResNet-50`, `optimizations: [GMP 95%, QAT Int8]`) and
`analysis.yaml`. A card's free text is read conservatively: a percentage counts as a
sparsity claim only next to a word about pruning or sparsity, so "Top-1 76.1%" is not
mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zoolint.diagnostics import KeyPath
from zoolint.graph.settings import GraphSettings
from zoolint.graph.sparsity import SparsityReport
from zoolint.stubs.parse import sparse_claims

_PRUNE_WORDS = re.compile(r"prun|spars|\bgmp\b|\bobs\b|obert|magnitude|movement|ac/?dc", re.I)
_QUANT_WORDS = re.compile(r"quant|\bqat\b|\bint[48]\b|\b[48][- ]?bit\b|\bw8a8\b", re.I)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%")
_CLAUSES = re.compile(r"[,;()\[\]|]")
_NEAR = 3
_SPARSE_TAG = re.compile(r"^[a-z0-9_.]+-[a-z0-9_]+(-[a-z0-9_]+)?$")


@dataclass(frozen=True)
class CardClaim:
    """One claim in the card: a sparsity percentage, or that the model is quantized."""

    key_path: KeyPath
    text: str
    percent: float | None = None
    quantized: bool = False


def card_claims(data: dict[str, Any]) -> list[CardClaim]:
    """Sparsity percentages and quantization mentions of `display_name` and
    `optimizations` (a list of strings, or the older single string `pruned95-none`)."""
    claims: list[CardClaim] = []
    texts: list[tuple[KeyPath, str]] = []
    name = data.get("display_name")
    if isinstance(name, str):
        texts.append((("display_name",), name))
    optimizations = data.get("optimizations")
    if isinstance(optimizations, list):
        texts.extend((("optimizations", i), item) for i, item in enumerate(optimizations) if isinstance(item, str))
    elif isinstance(optimizations, str):
        if _SPARSE_TAG.match(optimizations.strip()):
            sparse = sparse_claims(optimizations.strip().split("-", 1)[0])
            if sparse.pruned_percent is not None:
                claims.append(CardClaim(("optimizations",), optimizations, percent=sparse.pruned_percent))
            if sparse.quantized:
                claims.append(CardClaim(("optimizations",), optimizations, quantized=True))
        else:
            texts.append((("optimizations",), optimizations))
    for key_path, text in texts:
        for value in sparsity_percents(text):
            claims.append(CardClaim(key_path, text, percent=value))
        if _QUANT_WORDS.search(text):
            claims.append(CardClaim(key_path, text, quantized=True))
    return claims


def sparsity_percents(text: str) -> list[float]:
    """Percentages stated as sparsity: in the same clause as a word about pruning, at
    most `_NEAR` words from it ("95% Pruned", "GMP 95%", "pruned to 90% sparsity"), so
    "95% Pruned ResNet-50 (top-1 76.1%)" claims 95 and not 76.1."""
    found = []
    for clause in _CLAUSES.split(text):
        prune_at = [_word_index(clause, m.start()) for m in _PRUNE_WORDS.finditer(clause)]
        if not prune_at:
            continue
        for match in _PERCENT.finditer(clause):
            value = float(match.group(1))
            at = _word_index(clause, match.start())
            if 0 <= value <= 100 and any(abs(at - other) <= _NEAR for other in prune_at):
                found.append(value)
    return found


def _word_index(text: str, position: int) -> int:
    return len(text[:position].split())


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f}%"


def sparsity_matches(claimed: float, report: SparsityReport, settings: GraphSettings) -> bool:
    """Whether a claimed sparsity (percent) agrees with the measurement.

    It agrees with the figure over all prunable weights, or with the figure over the
    pruned layers when those hold most of the weights (recipes commonly leave the
    first convolution and the classifier dense, which pulls the overall figure down)."""
    tolerance = settings.sparsity_tolerance
    if abs(report.overall * 100 - claimed) <= tolerance:
        return True
    return report.pruned_share >= 0.5 and abs(report.pruned_layers_fraction * 100 - claimed) <= tolerance


def describe_measurement(report: SparsityReport) -> str:
    """`62.3% zeros` with the pruned layers' figure when it says something more."""
    text = f"{percent(report.overall)} zeros"
    layers = report.pruned_layers_fraction
    if report.pruned_layers and abs(layers - report.overall) >= 0.005:
        text += f" ({percent(layers)} in the {len(report.pruned_layers)} pruned layers)"
    return text
