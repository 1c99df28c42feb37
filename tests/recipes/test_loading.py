"""Finding recipe files per layout generation, and parsing them into stages,
variables and modifiers."""

from __future__ import annotations

from pathlib import Path

from zoolint.io.artifact import Broken, Parsed
from zoolint.model import ModelDir
from zoolint.recipes.files import DOCUMENTED, HUB, LEGACY, LOOSE, TRAINING, RecipeFile, find_recipe_files
from zoolint.recipes.load import load_recipe, recipes

RECIPE = "training_modifiers:\n  - !EpochRangeModifier\n    end_epoch: 1\n"


def write(root: Path, files: dict[str, str]) -> None:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_recipe_files_of_every_generation(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "model.md": "",
            "recipe.md": "",
            "recipe_transfer.yaml": "",
            "recipe_notes.txt": "",
            "recipes/recipe_original.md": "",
            "recipes/quant.md": "",
            "recipes/notes.txt": "",
            "recipe/recipe_small.yml": "",
            "training/recipe.yaml": "",
            "training/checkpoint_preqat/recipe.yaml": "",
            "training/config.json": "",
            "sample_inputs/recipe.md": "",
        },
    )
    found = find_recipe_files(ModelDir(tmp_path, tmp_path))
    assert found == [
        RecipeFile("recipe/recipe_small.yml", DOCUMENTED, "small"),
        RecipeFile("recipe.md", HUB, "original"),
        RecipeFile("recipe_transfer.yaml", HUB, "transfer"),
        RecipeFile("recipes/notes.txt", LEGACY, "notes"),
        RecipeFile("recipes/quant.md", LEGACY, "quant"),
        RecipeFile("recipes/recipe_original.md", DOCUMENTED, "original"),
        RecipeFile("training/recipe.yaml", TRAINING, None),
        RecipeFile("training/checkpoint_preqat/recipe.yaml", TRAINING, None),
    ]
    assert [recipe.is_default for recipe in found] == [False, True, False, False, False, True, False, False]


def test_loose_files_are_recipes_by_name_folder_or_content(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "my_recipe.yaml": "anything: 1\n",
            "plain.yaml": RECIPE,
            "tagged.yaml": "steps:\n  - !GMPruningModifier\n    params: []\n",
            "card.md": "---\ntitle: x\n---\n\ntraining_modifiers: in prose\n",
            "frontmatter.md": "<!-- c -->\n---\n" + RECIPE + "---\n",
            "metrics.yaml": "accuracy: 0.9\n",
            "notes.txt": RECIPE,
            "recipes/anything.md": "",
        },
    )

    def loose(relpath: str) -> list[RecipeFile]:
        folder, _, name = relpath.rpartition("/")
        root = tmp_path / folder if folder else tmp_path
        return find_recipe_files(ModelDir(root, tmp_path, only_file=name))

    assert loose("my_recipe.yaml") == [RecipeFile("my_recipe.yaml", LOOSE, None)]
    assert loose("plain.yaml") == [RecipeFile("plain.yaml", LOOSE, None)]
    assert loose("tagged.yaml") == [RecipeFile("tagged.yaml", LOOSE, None)]
    assert loose("frontmatter.md") == [RecipeFile("frontmatter.md", LOOSE, None)]
    assert loose("recipes/anything.md") == [RecipeFile("anything.md", LOOSE, None)]
    assert loose("card.md") == []
    assert loose("metrics.yaml") == []
    assert loose("notes.txt") == []


def test_md_recipe_with_licence_and_body(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "recipes/recipe_original.md": "<!--\nlicence\n-->\n\n---\nnum_epochs: &n 4\n"
            "training_modifiers:\n  - !EpochRangeModifier\n    end_epoch: *n\n---\n\n# Title\n",
        },
    )
    state = load_recipe(ModelDir(tmp_path, tmp_path), "recipes/recipe_original.md")
    assert isinstance(state, Parsed)
    doc = state.value
    assert doc.body == "\n# Title\n"
    assert doc.body_line == 11
    assert [(m.name, dict(m.args), m.key_path, m.group) for m in doc.modifiers] == [
        ("EpochRangeModifier", {"end_epoch": 4}, ("training_modifiers", 0), "training_modifiers")
    ]
    assert doc.locate(("training_modifiers", 0, "end_epoch")) == (9, 16)
    assert doc.variables.numbers == {"num_epochs": 4}


def test_staged_recipe_in_both_modifier_forms(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "staged.yaml": "epochs: 3\nversion: 1.1.0\n"
            "stage_a:\n  pruning_modifiers:\n    SparseGPTModifier:\n      sparsity: 0.5\n"
            "    ConstantPruningModifier:\n"
            "stage_b:\n  half: eval(epochs / 2)\n  training_modifiers:\n"
            "    - !EpochRangeModifier\n      end_epoch: eval(half)\n",
        },
    )
    state = load_recipe(ModelDir(tmp_path, tmp_path), "staged.yaml")
    assert isinstance(state, Parsed)
    doc = state.value
    assert doc.staged
    assert [(stage.name, stage.groups) for stage in doc.stages] == [
        ("stage_a", ("pruning_modifiers",)),
        ("stage_b", ("training_modifiers",)),
    ]
    assert [(m.name, m.key_path, m.stage.name if m.stage else None) for m in doc.modifiers] == [
        ("SparseGPTModifier", ("stage_a", "pruning_modifiers", "SparseGPTModifier"), "stage_a"),
        ("ConstantPruningModifier", ("stage_a", "pruning_modifiers", "ConstantPruningModifier"), "stage_a"),
        ("EpochRangeModifier", ("stage_b", "training_modifiers", 0), "stage_b"),
    ]
    stage_b = doc.stages[1]
    assert stage_b.variables.numbers == {"epochs": 3, "half": 1.5}
    assert doc.problems == ()


def test_recipe_states_are_kept_per_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "model.md": "",
            "recipes/recipe_original.md": "---\n" + RECIPE + "---\n",
            "recipes/recipe_broken.yaml": "a: [\n",
            "recipes/notes.txt": "x",
        },
    )
    model = ModelDir(tmp_path, tmp_path)
    state = recipes(model)
    assert isinstance(state, Parsed)
    found = state.value
    assert sorted(found.states) == ["recipes/recipe_broken.yaml", "recipes/recipe_original.md"]
    assert isinstance(found.states["recipes/recipe_broken.yaml"], Broken)
    assert [recipe.relpath for recipe, _ in found.parsed()] == ["recipes/recipe_original.md"]
    assert found.names() == ["broken", "original"]
    assert recipes(model) is state  # loaded once
