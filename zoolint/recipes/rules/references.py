"""`?recipe=NAME` / `?recipe_type=NAME` stub arguments that name no recipe (RCP010)."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.card.load import CARD_PATH, card
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir
from zoolint.recipes.files import DEFAULT_NAME
from zoolint.recipes.load import RecipeSet, recipes
from zoolint.recipes.references import StubMention, mentions_in_text, mentions_in_values
from zoolint.recipes.rules.common import recipe_set
from zoolint.rules.base import RuleContext, rule
from zoolint.stubs.parse import Stub, parse_stub

RECIPE_ARGS = ("recipe", "recipe_type")


def _card_mentions(model: ModelDir) -> Iterator[StubMention]:
    state = card(model)
    if not isinstance(state, Parsed):
        return
    document = state.value
    text = model.text(CARD_PATH)
    lines = text.value.splitlines() if isinstance(text, Parsed) else []
    yield from mentions_in_values(document.data, document.yaml.locate, lines)
    yield from mentions_in_text(document.body, document.body_line)


def _target(ctx: RuleContext, stub: Stub) -> tuple[ModelDir, str] | None:
    """The model directory a stub points at inside this zoo, and how to call it."""
    if not ctx.model.is_loose_file and stub.path == ctx.model.relpath:
        return ctx.model, "this model"
    other = ctx.zoo.by_relpath(stub.path)
    return (other, stub.path) if other is not None else None


def _has_recipe(found: RecipeSet, name: str) -> bool:
    zoo = found.zoo_files()
    if name == DEFAULT_NAME and any(recipe.is_default for recipe in zoo):
        return True
    return any(recipe.name == name for recipe in zoo)


@rule(
    code="RCP010",
    name="recipe-reference-missing",
    summary="A stub's `?recipe=` argument names a recipe the model does not have.",
    severity=Severity.ERROR,
    needs=(recipes,),
)
def recipe_reference_missing(ctx: RuleContext) -> Iterator[Finding]:
    """A stub in the model card (frontmatter or body, for example a training command's
    `--recipe-path zoo:...?recipe_type=original`) or in a recipe's markdown body
    selects a recipe by name, and the model it points at, in this zoo, has no recipe
    of that name.

    `?recipe=NAME` (older spelling `?recipe_type=NAME`) selects `recipe_NAME.md` (or
    `recipes/NAME.md` in the legacy layout); `original` is the default recipe, which
    the hub layout names `recipe.md`. Stubs that point outside this zoo are not
    checked here.

    Why: the zoo's client does not fail on a missing name: it warns and falls back to
    the first recipe it lists, so the command trains with the wrong recipe.
    """
    sources: list[tuple[str, Iterator[StubMention]]] = [(CARD_PATH, _card_mentions(ctx.model))]
    for recipe, doc in recipe_set(ctx).parsed():
        if doc.body:
            sources.append((recipe.relpath, mentions_in_text(doc.body, doc.body_line)))
    for path, mentions in sources:
        for mention in mentions:
            stub = parse_stub(mention.text)
            if not isinstance(stub, Stub):
                continue  # the stubs rules report stubs that do not parse
            arg = next((key for key in RECIPE_ARGS if key in stub.args), None)
            if arg is None:
                continue
            target = _target(ctx, stub)
            if target is None:
                continue
            model, called = target
            state = recipes(model)
            if not isinstance(state, Parsed):
                continue
            name = stub.args[arg]
            if _has_recipe(state.value, name):
                continue
            names = state.value.names()
            available = f"its recipes: {', '.join(names)}" if names else "it has no recipes"
            yield Finding(
                f"{arg}={name} selects a recipe that {called} does not have ({available})",
                path=path,
                line=mention.line,
                column=mention.column,
                key_path=mention.key_path,
                hint=f"name an existing recipe, or add recipe_{name}.md to the model",
            )


