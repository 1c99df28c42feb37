"""Recipe files: accepted extensions, names per layout generation, and the default
recipe (RCP002, RCP008, RCP009)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.recipes.files import (
    DOCUMENTED,
    HUB,
    LEGACY,
    ZOO_GENERATIONS,
    RecipeFile,
)
from zoolint.recipes.load import recipes
from zoolint.recipes.rules.common import recipe_set
from zoolint.rules.base import RuleContext, rule
from zoolint.stubs.parse import QUERY_VALUE
from zoolint.stubs.path import path_stub


# When generations are equally common, the documented one is taken as intended.
GENERATION_ORDER = (DOCUMENTED, HUB, LEGACY)


@rule(
    code="RCP002",
    name="recipe-yml-extension",
    summary="A recipe is named `.yml`, which SparseML does not load.",
    severity=Severity.ERROR,
    needs=(recipes,),
    loose_files=True,
)
def recipe_yml_extension(ctx: RuleContext) -> Iterator[Finding]:
    """A recipe file ends in `.yml`.

    Why: SparseML's recipe loader accepts only `.md` and `.yaml` and raises
    `Unsupported file extension for recipe` for anything else, `.yml` included.

    Fix: rename it to `.yaml` (the content is checked either way).
    """
    for recipe in recipe_set(ctx).files:
        if recipe.suffix == ".yml":
            yield Finding(
                "SparseML loads recipes only from .md and .yaml files, not .yml",
                path=recipe.relpath,
                hint=f"rename it to {recipe.filename[: -len('.yml')]}.yaml",
            )


def _misnamed_default(recipe: RecipeFile) -> bool:
    """`recipes/recipe.md`: the hub's top-level spelling inside a recipes folder."""
    return recipe.generation == DOCUMENTED and recipe.filename.split(".")[0] == "recipe"


def _dominant(files: list[RecipeFile]) -> str:
    counts = Counter(recipe.generation for recipe in files)
    # Most files win; on a tie, the earlier generation in GENERATION_ORDER.
    return max(GENERATION_ORDER, key=lambda gen: (counts[gen], -GENERATION_ORDER.index(gen)))


@rule(
    code="RCP008",
    name="recipe-file-name",
    summary="A recipe's name cannot be spelled in a stub, or two recipes share a name.",
    severity=Severity.WARNING,
    needs=(recipes,),
)
def recipe_file_name(ctx: RuleContext) -> Iterator[Finding]:
    """A recipe's name (what `?recipe=NAME` selects) has characters a stub cannot
    carry (anything outside `[A-Za-z0-9_.-]`: spaces, `+`, `&`, `=`, ...), or two
    recipe files answer to the same name (`recipes/recipe_original.md` and
    `recipes/recipe_original.yaml`, or `recipe_original.md` in both `recipes/` and
    `recipe/`).

    The name is read per layout generation: `recipes/recipe_<name>.md` (documented,
    folder `recipe/` too), `recipe_<name>.md` at the top level (hub; `recipe.md` is
    the default, `original`), `recipes/<name>.md` (legacy). Which generation's spelling
    a directory should use, and files in `recipes/` that are not recipes, are the
    layout rules' to report (LAY001, LAY004).

    Real names such as `transfer-classification` or `transfer-SQuAD` are fine.

    Why: stubs select a recipe by name; a name they cannot spell is unreachable, and
    with two candidates, which one a stub gets depends on the order the zoo's client
    lists them.
    """
    recipe_files = [
        recipe for recipe in recipe_set(ctx).files if recipe.in_zoo and recipe.is_yaml_like
    ]
    for recipe in recipe_files:
        if recipe.name is not None and not QUERY_VALUE.match(recipe.name):
            yield Finding(
                f"recipe name {recipe.name!r} has characters outside [A-Za-z0-9_.-], so no"
                " stub can select it with ?recipe=",
                path=recipe.relpath,
                hint="rename the file with letters, digits, '_', '.' and '-' only",
            )
    by_name: dict[str, list[RecipeFile]] = {}
    for recipe in recipe_files:
        if recipe.name is not None:
            by_name.setdefault(recipe.name, []).append(recipe)
    for name, same in sorted(by_name.items()):
        # The one named as its generation says, in .md, counts as the first.
        same.sort(key=lambda recipe: (_misnamed_default(recipe), recipe.suffix != ".md", recipe.relpath))
        for recipe in same[1:]:
            yield Finding(
                f"is a second recipe named {name!r} (besides {same[0].relpath}); which one"
                f" ?recipe={name} selects is undefined",
                path=recipe.relpath,
                hint="keep one of them",
            )


@rule(
    code="RCP009",
    name="default-recipe-missing",
    summary="A pruned or quantized model, or a directory with recipes, has no default recipe.",
    severity=Severity.WARNING,
    needs=(recipes,),
)
def default_recipe_missing(ctx: RuleContext) -> Iterator[Finding]:
    """The directory has recipes but none is the default (`recipes/recipe_original.md`,
    `recipe.md` or `recipes/original.md`), or its stub claims pruning or quantization
    (`pruned95`, `quant`) and it has no recipe at all.

    Why: `--recipe-path zoo:<stub>` and `?recipe=original` load the default recipe;
    without one, the zoo's client falls back to whichever recipe it lists first (or
    fails). A sparsified model without its recipe cannot be reproduced or
    transfer-learned the way its card says.
    """
    found = recipe_set(ctx)
    zoo = found.zoo_files()
    if zoo:
        if not any(recipe.is_default for recipe in zoo):
            names = ", ".join(recipe.relpath for recipe in zoo)
            yield Finding(
                f"has recipes ({names}) but no default recipe (recipe_original, recipe.md"
                " or original.md); ?recipe=original and plain zoo stubs cannot find it",
                path="",
                hint=f"name the recipe that produced this model {_default_spelling(zoo)}",
            )
        return
    stub = path_stub(ctx.model)
    if stub is None or not (stub.claims.pruned or stub.claims.quantized):
        return
    training = [recipe.relpath for recipe in found.files if recipe.generation not in ZOO_GENERATIONS]
    also = f"; only {', '.join(training)} (the trainer's copy) exists" if training else ""
    yield Finding(
        f"the stub claims {stub.sparse_name}, but the directory has no recipe{also}",
        path="",
        hint="add the recipe that produced this model as recipes/recipe_original.md",
    )


def _default_spelling(zoo: list[RecipeFile]) -> str:
    generation = _dominant(zoo)
    if generation == HUB:
        return "recipe.md"
    folder = next(r.relpath.rsplit("/", 1)[0] for r in zoo if r.generation == generation)
    return f"{folder}/recipe_original.md" if generation == DOCUMENTED else f"{folder}/original.md"


