"""Loading recipes: each file read and parsed once, and the `recipes(model)` accessor.

A `.md` recipe is YAML frontmatter (after an optional HTML licence comment) and a
markdown body; a `.yaml` (or wrongly named `.yml`) recipe is one YAML document. YAML
is composed, never constructed: local tags such as `!GMPruningModifier` need no
registration and no tag can run code; aliases are expanded within the node budget of
`[tool.zoolint.limits]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from zoolint.card.load import yaml_limits
from zoolint.io.artifact import Artifact, Broken, BrokenKind, Parsed
from zoolint.io.frontmatter import FrontmatterError, split_frontmatter
from zoolint.io.yaml_doc import YamlError, parse_yaml
from zoolint.model import ModelDir
from zoolint.recipes.document import RecipeDoc, build_document
from zoolint.recipes.files import RecipeFile, find_recipe_files


def load_recipe(model: ModelDir, relpath: str) -> Artifact[RecipeDoc]:
    """Loader: the recipe at `relpath`, parsed, or why it could not be."""
    text = model.text(relpath)
    if not isinstance(text, Parsed):
        return text
    yaml_text, first_line, body, body_line = text.value, 1, "", 0
    if relpath.lower().endswith(".md"):
        split = split_frontmatter(text.value, allow_leading_comments=True)
        if isinstance(split, FrontmatterError):
            return Broken(relpath, split.message, line=split.line, column=split.column)
        if not split.present:
            return Broken(
                relpath,
                "has no YAML frontmatter: a .md recipe holds its YAML between two '---'"
                " lines at the top (after an optional HTML comment)",
                line=1,
                column=1,
            )
        yaml_text, first_line = split.yaml_text, split.yaml_first_line
        body, body_line = split.body, split.body_first_line
    doc = parse_yaml(yaml_text, line_offset=first_line - 1, **yaml_limits(model))
    if isinstance(doc, YamlError):
        return Broken(
            relpath,
            f"is not valid YAML: {doc.message}",
            BrokenKind.PARSE,
            doc.line,
            doc.column,
        )
    data = doc.value if doc.value is not None else {}
    if not isinstance(data, dict):
        line, column = doc.locate(())
        return Broken(
            relpath,
            "must be a mapping of variables and modifier groups at its top level,"
            f" not a {'list' if isinstance(data, list) else 'single value'}",
            BrokenKind.PARSE,
            line,
            column,
        )
    return Parsed(relpath, build_document(relpath, doc, data, body, body_line))


@dataclass
class RecipeSet:
    """A directory's recipe files and the state of each (parsed, broken, LFS pointer,
    ...). Files that are not YAML-like (a `notes.txt` in `recipes/`) have no state."""

    files: list[RecipeFile] = field(default_factory=list)
    states: dict[str, Artifact[RecipeDoc]] = field(default_factory=dict)

    def parsed(self) -> Iterator[tuple[RecipeFile, RecipeDoc]]:
        """Each recipe that parsed, with its file."""
        for recipe in self.files:
            state = self.states.get(recipe.relpath)
            if isinstance(state, Parsed):
                yield recipe, state.value

    def zoo_files(self) -> list[RecipeFile]:
        """The recipes a stub's `?recipe=NAME` can select."""
        return [recipe for recipe in self.files if recipe.in_zoo and recipe.is_yaml_like]

    def names(self) -> list[str]:
        return sorted({recipe.name for recipe in self.zoo_files() if recipe.name})


def load_recipe_set(model: ModelDir, relpath: str) -> Artifact[RecipeSet]:
    """Loader: every recipe of the directory (`relpath` is ignored; the set is one)."""
    found = RecipeSet(find_recipe_files(model))
    for recipe in found.files:
        if recipe.is_yaml_like:
            found.states[recipe.relpath] = model.load(load_recipe, recipe.relpath)
    return Parsed(relpath, found)


def recipes(model: ModelDir) -> Artifact[RecipeSet]:
    """Requirement: the directory's recipes (per-file states inside). Always parsed:
    a directory without recipes has an empty set, which rules about a missing default
    recipe need to see."""
    return model.load(load_recipe_set, ".")
