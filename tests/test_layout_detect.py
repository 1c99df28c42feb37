"""Generation detection, did-you-mean suggestions and the slot lookup other families use."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoolint.config.model import Config
from zoolint.layout.detect import generation_name, layout
from zoolint.layout.slots import (
    FOLDER_SLOTS,
    KNOWN_ENGINES,
    engine_output_slots,
    find_folder_slot,
    find_slot,
)
from zoolint.layout.suggest import suggest
from zoolint.model import ModelDir


def _model(tmp_path: Path, names: list[str], config: Config | None = None) -> ModelDir:
    """A directory with `names` (a trailing '/' makes a folder, with one file inside)."""
    root = tmp_path / "m"
    root.mkdir()
    for name in names:
        if name.endswith("/"):
            (root / name).mkdir(parents=True)
            (root / name / "x").write_bytes(b"x")
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(b"x")
    return ModelDir(root, tmp_path, config)


@pytest.mark.parametrize(
    "names, expected",
    [
        (["model.md", "model.onnx"], "documented"),  # nothing tells: the profile's first
        (["model.md", "model.onnx", "training/", "deployment/"], "documented"),
        (["model.md", "model.onnx", "training/", "sample_inputs/"], "documented"),
        (["model.md", "model.onnx", "training/", "sample-inputs/", "recipe.md"], "hub"),
        (["model.md", "model.onnx", "deployment.tar.gz", "benchmark.yaml"], "hub"),
        (["model.md", "model.onnx", "pytorch/", "sample-inputs/"], "legacy"),
        (["model.md", "model.onnx", "recipes/original.md"], "legacy"),
        (["model.md", "model.onnx", "recipes/recipe_original.md"], "documented"),
        # A documented directory with reports only the hub names is still documented.
        (["model.md", "model.onnx", "sample_inputs/", "analysis.yaml", "eval.yaml"], "documented"),
    ],
)
def test_generation(tmp_path: Path, names: list[str], expected: str) -> None:
    assert generation_name(_model(tmp_path, names)) == expected


def test_generation_follows_the_configured_profile(tmp_path: Path) -> None:
    config = Config.model_validate({"layout": {"generations": ["legacy"]}})
    model = _model(tmp_path, ["model.md", "model.onnx", "training/"], config)
    assert generation_name(model) == "legacy"
    view = layout(model).value
    # Generations left out are gone from the profile: their names are unknown entries.
    assert [item.name for item in view.items if not item.matches] == ["training"]
    assert view.conflicts == []


def test_loose_file_has_no_generation(tmp_path: Path) -> None:
    (tmp_path / "recipe.yaml").write_text("a: 1\n")
    assert generation_name(ModelDir(tmp_path, tmp_path, None, "recipe.yaml")) is None


@pytest.mark.parametrize(
    "name, expected",
    [
        ("sample_input", "sample_inputs"),
        ("Sample_Inputs", "sample_inputs"),
        ("Model.md", "model.md"),
        ("model.MD", "model.md"),
        ("metrics.yml", "metrics.yaml"),
        ("sample_inputs.tar", "sample_inputs.tar.gz"),
        ("sample_inputs.zip", "sample_inputs.tar.gz"),
        ("sampel_inputs", "sample_inputs"),
        ("notes.txt", None),
        ("sample_input.tar.gz", "sample_inputs.tar.gz"),
    ],
)
def test_suggest(name: str, expected: str | None) -> None:
    candidates = ["model.md", "sample_inputs", "sample_inputs.tar.gz", "metrics.yaml"]
    assert suggest(name, candidates) == expected


def test_suggest_uses_fits_for_patterns() -> None:
    assert suggest("recipe_transfer.yml", [], lambda guess: guess == "recipe_transfer.yaml") == (
        "recipe_transfer.yaml"
    )


def test_folder_slots_keep_their_documented_spellings() -> None:
    assert FOLDER_SLOTS["sample_inputs"] == ("sample_inputs", "sample-inputs")
    assert FOLDER_SLOTS["deployment"] == ("deployment",)
    assert FOLDER_SLOTS["recipes"] == ("recipes", "recipe")
    assert FOLDER_SLOTS["training"][0] == "training"
    assert KNOWN_ENGINES == ("onnxruntime", "deepsparse")


def test_slot_lookups(tmp_path: Path) -> None:
    model = _model(
        tmp_path,
        [
            "model.md",
            "sample-inputs/",
            "sample_inputs.tar.gz",
            "sample_outputs_deepsparse/",
            "sample-outputs_onnxrt.tar.gz",
            "recipe.md",
            "recipe_transfer.md",
        ],
    )
    assert [(s.relpath, s.archived) for s in find_folder_slot(model, "sample_inputs")] == [
        ("sample_inputs.tar.gz", True),
        ("sample-inputs", False),
    ]
    assert find_folder_slot(model, "no_such_slot") == []
    assert [s.relpath for s in find_slot(model, "recipes")] == ["recipe.md", "recipe_transfer.md"]
    assert [s.relpath for s in find_slot(model, "card")] == ["model.md"]
    assert [(engine, s.relpath, s.archived) for engine, s in engine_output_slots(model)] == [
        ("onnxrt", "sample-outputs_onnxrt.tar.gz", True),
        ("deepsparse", "sample_outputs_deepsparse", False),
    ]
