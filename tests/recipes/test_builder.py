"""The testing builder writes recipes every RCP rule accepts, matching the stub."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoolint.api import lint
from zoolint.config.model import Config
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir
from zoolint.recipes.load import recipes
from zoolint.recipes.rules.sparsity import FINAL_KEYS, sparsity_values
from zoolint.testing.builders import save_model, tiny_classifier
from zoolint.testing.recipes import write_recipe

STUBS = [
    "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none",
    "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned85_quant-none-vnni",
    "zoo:cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/pruned-moderate",
    "zoo:cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/quant-moderate",
    "zoo:cv/classification/mobilenet_v1-1.0/pytorch/sparseml/imagenet/base-none",
]


@pytest.mark.parametrize("stub", STUBS)
@pytest.mark.parametrize(
    ("generation", "suffix"), [("documented", ".md"), ("hub", ".md"), ("legacy", ".yaml")]
)
def test_builder_recipes_are_clean(tmp_path: Path, stub: str, generation: str, suffix: str) -> None:
    model = tmp_path / stub[len("zoo:") :]
    save_model(tiny_classifier(), model / "model.onnx")
    write_recipe(model, stub, generation=generation, suffix=suffix, params=["conv.weight", "fc.weight"])
    write_recipe(model, stub, generation=generation, name="transfer_learn", suffix=suffix)
    report = lint([tmp_path], Config(select=["RCP"], zoo_root=str(tmp_path)))
    assert report.diagnostics == []


def test_final_sparsity_follows_the_claim(tmp_path: Path) -> None:
    path = write_recipe(tmp_path, STUBS[1])
    assert path == tmp_path / "recipes" / "recipe_original.md"
    state = recipes(ModelDir(tmp_path, tmp_path))
    assert isinstance(state, Parsed)
    (_, doc), = state.value.parsed()
    finals = [found.value for modifier in doc.modifiers for found in sparsity_values(modifier, FINAL_KEYS)]
    assert finals == [0.85]
    assert [modifier.name for modifier in doc.modifiers] == [
        "EpochRangeModifier",
        "LearningRateFunctionModifier",
        "GMPruningModifier",
        "QuantizationModifier",
    ]


def test_unknown_generation_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown layout generation"):
        write_recipe(tmp_path, None, generation="future")
