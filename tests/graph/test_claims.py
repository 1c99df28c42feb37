"""Reading claims out of card text, and comparing them with a measurement."""

from __future__ import annotations

import pytest

from zoolint.graph.claims import card_claims, sparsity_matches, sparsity_percents
from zoolint.graph.settings import GraphSettings
from zoolint.graph.sparsity import LayerSparsity, SparsityReport


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("95% Pruned ResNet-50", [95.0]),
        ("95% Pruned ResNet-50 (top-1 76.1%)", [95.0]),
        ("GMP 95%", [95.0]),
        ("oBERT 12-layer 90% sparse", [90.0]),
        ("Top-1 76.1%", []),
        ("Pruned, then 76.1% accurate after fine-tuning", []),
    ],
)
def test_sparsity_percents(text: str, found: list[float]) -> None:
    assert sparsity_percents(text) == found


def test_card_claims_both_forms() -> None:
    claims = card_claims({"display_name": "Quantized 80% Sparse BERT", "optimizations": ["GMP 80%", "QAT Int8"]})
    assert [(c.key_path, c.percent, c.quantized) for c in claims] == [
        (("display_name",), 80.0, False),
        (("display_name",), None, True),
        (("optimizations", 0), 80.0, False),
        (("optimizations", 1), None, True),
    ]
    old = card_claims({"optimizations": "pruned95-none"})
    assert [(c.key_path, c.percent, c.quantized) for c in old] == [(("optimizations",), 95.0, False)]


def _report(*layers: tuple[int, int]) -> SparsityReport:
    return SparsityReport([LayerSparsity(f"w{i}", f"n{i}", "Conv", z, t) for i, (z, t) in enumerate(layers)])


def test_pruned_layers_count_only_when_they_hold_most_weights() -> None:
    settings = GraphSettings()
    # 90% of the weights pruned to 95%, the rest dense: overall 85.5%.
    mostly = _report((855, 900), (0, 100))
    assert mostly.overall == pytest.approx(0.855)
    assert sparsity_matches(95, mostly, settings)
    # Only 10% of the weights pruned to 95%: overall 9.5%, not a pruned95 model.
    barely = _report((95, 100), (0, 900))
    assert not sparsity_matches(95, barely, settings)
    assert sparsity_matches(9.5, barely, settings)
