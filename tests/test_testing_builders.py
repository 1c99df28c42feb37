"""The builders of valid cards and reports make directories the CARD, STUB, MET and BEN
rules pass, so the demo zoo can compose correct models from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoolint.api import lint
from zoolint.config.loader import build_config
from zoolint.config.model import LoadedConfig
from zoolint.testing.builders import save_model, tiny_classifier
from zoolint.testing.card import base_stub, card_fields, write_card
from zoolint.testing.reports import benchmark_shapes, write_benchmarks, write_metrics

PREFIX = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet"
TAGS = [
    ("base-none", 76.1),
    ("pruned95-moderate", 75.9),
    ("pruned90-conservative", 76.2),
    ("pruned95_quant-aggressive_80-vnni", 70.0),
    ("quant-none", 76.0),
]


def _zoo(tmp_path: Path) -> Path:
    for tag, value in TAGS:
        stub = f"zoo:{PREFIX}/{tag}"
        folder = tmp_path / PREFIX / tag
        write_card(folder, stub)
        write_metrics(folder, value)
        graph = tiny_classifier()
        save_model(graph, folder / "model.onnx")
        write_benchmarks(folder, benchmark_shapes(graph, 4), batch_size=4)
    return tmp_path


def _lint(root: Path, select: list[str]) -> list[tuple[str, str]]:
    loaded = LoadedConfig(build_config({"select": select}, {}, "test"), root, None)
    report = lint([root], loaded)
    return [(d.code, d.message) for d in report.diagnostics]


def test_builders_make_a_clean_zoo(tmp_path: Path) -> None:
    root = _zoo(tmp_path)
    assert _lint(root, ["STUB", "CARD", "MET", "BEN"]) == []


def test_the_clean_zoo_still_catches_defects(tmp_path: Path) -> None:
    root = _zoo(tmp_path)
    folder = root / PREFIX / "pruned95-moderate"
    write_metrics(folder, 70.0)
    write_card(folder, f"zoo:{PREFIX}/pruned95-moderate", display_name="90% Pruned ResNet-50")
    assert sorted(code for code, _ in _lint(root, ["STUB", "CARD", "MET", "BEN"])) == ["CARD010", "MET004"]


@pytest.mark.parametrize("tag", [tag for tag, _ in TAGS])
def test_card_fields_follow_the_stub(tag: str) -> None:
    fields = card_fields(f"zoo:{PREFIX}/{tag}")
    assert fields["base"] == base_stub(f"zoo:{PREFIX}/{tag}") == f"zoo:{PREFIX}/base-none"
    assert (fields["domain"], fields["task"], fields["architecture"]) == ("cv", "classification", "resnet_v1")
    assert ("Pruned" in fields["display_name"]) == ("pruned" in tag)
    assert card_fields(f"zoo:{PREFIX}/{tag}", tags=None).get("tags") is None
