"""Where a model directory keeps its recipes, across the three layout generations.

| generation | default recipe | other recipes |
|---|---|---|
| documented | `recipes/recipe_original.md` (folder `recipe/` too) | `recipes/recipe_<name>.md` |
| hub | `recipe.md` at the top level | `recipe_<name>.md` at the top level |
| legacy | `recipes/original.md` | `recipes/<name>.md` |

NLP checkpoints also carry the recipe they were trained with: `training/recipe.yaml`
(or inside a `training/checkpoint_*` folder). A recipe linted as a loose file (outside
any model directory) is recognised by its name or its content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from zoolint.io.artifact import Parsed
from zoolint.io.frontmatter import Frontmatter, split_frontmatter
from zoolint.model import Entry, ModelDir

DOCUMENTED = "documented"
HUB = "hub"
LEGACY = "legacy"
TRAINING = "training"
LOOSE = "loose"

# The generations a `?recipe=NAME` stub argument selects from.
ZOO_GENERATIONS = (DOCUMENTED, HUB, LEGACY)

YAML_LIKE_SUFFIXES = (".md", ".yaml", ".yml")
RECIPE_FOLDERS = ("recipes", "recipe")
DEFAULT_NAME = "original"
TRAINING_FOLDER = "training"

# Loose files: a recipe either says so in its name or has modifiers in its YAML.
_MODIFIER_TAG = re.compile(r"!\s*[A-Za-z_][\w]*Modifier\b")
_MODIFIER_GROUP = re.compile(r"(?m)^[ \t]*[\w.-]*modifiers[\w.-]*[ \t]*:")


@dataclass(frozen=True)
class RecipeFile:
    """One recipe file: where it is, which generation its name follows, and the name a
    stub's `?recipe=NAME` selects it by (None for training and loose recipes)."""

    relpath: str
    generation: str
    name: str | None

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.relpath).suffix.lower()

    @property
    def filename(self) -> str:
        return PurePosixPath(self.relpath).name

    @property
    def is_yaml_like(self) -> bool:
        return self.suffix in YAML_LIKE_SUFFIXES

    @property
    def is_default(self) -> bool:
        return self.generation in ZOO_GENERATIONS and self.name == DEFAULT_NAME

    @property
    def in_zoo(self) -> bool:
        """Selectable by a stub's `?recipe=` argument."""
        return self.generation in ZOO_GENERATIONS


def _is_file_like(entry: Entry) -> bool:
    # Symlinks count: FILE rules judge where they lead, loaders read them safely.
    return entry.kind in ("file", "symlink")


def _split_name(filename: str) -> tuple[str, str]:
    path = PurePosixPath(filename)
    return path.stem, path.suffix.lower()


def _top_level_recipe(entry: Entry) -> RecipeFile | None:
    stem, suffix = _split_name(entry.name)
    if suffix not in YAML_LIKE_SUFFIXES:
        return None
    if stem == "recipe":
        return RecipeFile(entry.relpath, HUB, DEFAULT_NAME)
    if stem.startswith("recipe_"):
        return RecipeFile(entry.relpath, HUB, stem[len("recipe_") :])
    return None


def _folder_recipe(entry: Entry) -> RecipeFile:
    stem, _ = _split_name(entry.name)
    if stem == "recipe":
        # Hub spelling inside a recipes folder: the default, flagged by RCP008.
        return RecipeFile(entry.relpath, DOCUMENTED, DEFAULT_NAME)
    if stem.startswith("recipe_"):
        return RecipeFile(entry.relpath, DOCUMENTED, stem[len("recipe_") :])
    return RecipeFile(entry.relpath, LEGACY, stem)


def find_recipe_files(model: ModelDir) -> list[RecipeFile]:
    """Every recipe file of a model directory (or the loose file, if it is a recipe).

    Files in a recipes folder are listed whatever their extension, so RCP008 can say
    that a `notes.txt` there is not a recipe; only YAML-like ones are parsed.
    """
    if model.only_file is not None:
        return [RecipeFile(model.only_file, LOOSE, None)] if is_loose_recipe(model) else []
    found: list[RecipeFile] = []
    for entry in model.top_level():
        if _is_file_like(entry):
            recipe = _top_level_recipe(entry)
            if recipe is not None:
                found.append(recipe)
        elif entry.is_dir and entry.name in RECIPE_FOLDERS:
            found.extend(
                _folder_recipe(child) for child in model.entries_under(entry.relpath)
                if _is_file_like(child)
            )
    found.extend(_training_recipes(model))
    return found


def _training_recipes(model: ModelDir) -> list[RecipeFile]:
    training = model.entry(TRAINING_FOLDER)
    if training is None or not training.is_dir:
        return []
    found = []
    folders = [TRAINING_FOLDER] + [
        child.relpath for child in model.entries_under(TRAINING_FOLDER) if child.is_dir
    ]
    for folder in folders:
        for child in model.entries_under(folder):
            stem, suffix = _split_name(child.name)
            if _is_file_like(child) and stem == "recipe" and suffix in YAML_LIKE_SUFFIXES:
                found.append(RecipeFile(child.relpath, TRAINING, None))
    return found


def is_loose_recipe(model: ModelDir) -> bool:
    """Whether the loose file being linted is a recipe: a YAML-like file named like one
    (`*recipe*`, or inside a `recipes/` folder), or whose YAML has modifiers."""
    relpath = model.only_file
    if relpath is None:
        return False
    path = PurePosixPath(relpath)
    if path.suffix.lower() not in YAML_LIKE_SUFFIXES:
        return False
    if "recipe" in path.name.lower() or model.root.name in RECIPE_FOLDERS:
        return True
    text = model.text(relpath)
    if not isinstance(text, Parsed):
        return False
    yaml_text = text.value
    if path.suffix.lower() == ".md":
        split = split_frontmatter(text.value, allow_leading_comments=True)
        if not isinstance(split, Frontmatter) or not split.present:
            return False
        yaml_text = split.yaml_text
    return bool(_MODIFIER_TAG.search(yaml_text) or _MODIFIER_GROUP.search(yaml_text))
