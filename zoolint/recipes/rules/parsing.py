"""Recipes that do not load: YAML errors, `eval(...)` errors, duplicate keys, and
shapes SparseML would skip (RCP001, RCP013, RCP014, RCP015)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Broken
from zoolint.recipes.evaluate import EvalFailure, is_eval_string, resolve
from zoolint.recipes.load import recipes
from zoolint.recipes.rules.common import at, preview, recipe_set, walk_values
from zoolint.rules.base import RuleContext, rule


@rule(
    code="RCP001",
    name="recipe-parse-error",
    summary="A recipe cannot be read or parsed.",
    severity=Severity.ERROR,
    needs=(recipes,),
    loose_files=True,
)
def recipe_parse_error(ctx: RuleContext) -> Iterator[Finding]:
    """A recipe file is not valid YAML (or a `.md` recipe has no YAML frontmatter), is
    not UTF-8 text, or is too large to read.

    Why: SparseML cannot load it, so neither training with it nor
    `--recipe-path zoo:...?recipe=...` works. PyYAML's error (`found undefined alias`)
    is what users of the recipe would see, without the file name. One real recipe in
    SparseML's own repository has used an undefined alias for years: its loader is not
    a validator.

    The message names the problem and the line and column where the parser stopped,
    for example an alias used before (or without) its anchor:

        lr_min: *pruning_recovery_end_lr   # no `&pruning_recovery_end_lr` anywhere

    Fix: define the anchor, write the value, or correct the YAML. Alias-expansion bombs
    and very deep nesting are refused within `[tool.zoolint.limits]`; a legitimately
    huge recipe needs a larger `max-text-bytes`.
    """
    found = recipe_set(ctx)
    for recipe in found.files:
        state = found.states.get(recipe.relpath)
        # LFS pointers and unreadable files are the FILE rules' to report.
        if isinstance(state, Broken) and not state.io_level:
            yield Finding(
                state.reason,
                path=recipe.relpath,
                line=state.line,
                column=state.column,
                hint=_parse_hint(state),
            )


def _parse_hint(state: Broken) -> str | None:
    if "undefined alias" in state.reason:
        alias = state.reason.rsplit(" ", 1)[-1].strip("'\"")
        return f"define the anchor (&{alias}) before the first use of *{alias}, or write the value itself"
    if state.kind == "too-large":
        return "raise [tool.zoolint.limits] max-text-bytes if a recipe really is this large"
    return None


@rule(
    code="RCP013",
    name="recipe-duplicate-key",
    summary="A key is given twice in the same mapping of a recipe.",
    severity=Severity.WARNING,
    needs=(recipes,),
    loose_files=True,
)
def recipe_duplicate_key(ctx: RuleContext) -> Iterator[Finding]:
    """The same key appears twice in one mapping, for example a modifier with both
    `mask_type: unstructured` and `mask_type: [1, 4]`.

    Why: YAML loaders keep the last value silently, so the recipe does something other
    than what its first line says; which one the author meant is anyone's guess.

    Fix: delete the value that is not meant.
    """
    for _, doc in recipe_set(ctx).parsed():
        # One finding per repeated defect, not per copy: a recipe that repeats the same
        # duplicate in each of its 72 modifiers gets one warning listing the other lines.
        groups: dict[tuple[str, str], list[tuple[tuple[Any, ...], int, int]]] = {}
        for key_path, line, column in doc.yaml.duplicate_keys:
            kept = preview(_value_at(doc.data, key_path))
            groups.setdefault((str(key_path[-1]), kept), []).append((key_path, line, column))
        for (key, kept), places in groups.items():
            key_path, line, column = places[0]
            yield Finding(
                f"key {key!r} is given twice in the same mapping; YAML loaders"
                f" keep the last value ({kept}){_elsewhere(places[1:])}",
                path=doc.path,
                line=line,
                column=column,
                key_path=key_path,
                hint="delete the value that is not meant",
            )


def _elsewhere(others: list[tuple[tuple[Any, ...], int, int]]) -> str:
    if not others:
        return ""
    lines = ", ".join(str(line) for _, line, _ in others[:5])
    more = f" and {len(others) - 5} more" if len(others) > 5 else ""
    return f"; the same duplicate is at {len(others)} more places (lines {lines}{more})"


def _value_at(data: Any, key_path: tuple[Any, ...]) -> Any:
    for part in key_path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@rule(
    code="RCP014",
    name="recipe-eval-error",
    summary="An `eval(...)` expression in a recipe cannot be evaluated.",
    severity=Severity.ERROR,
    needs=(recipes,),
    loose_files=True,
)
def recipe_eval_error(ctx: RuleContext) -> Iterator[Finding]:
    """An `eval(...)` value refers to a variable the recipe does not define (or one
    that is not a number), uses syntax outside SparseML's restricted evaluator,
    divides by zero, or its variables form a cycle.

    Why: SparseML evaluates these when it loads the recipe and stops with
    `Unable to evaluate expression` or `Unknown variable name in eval`.

    zoolint runs no recipe text: it walks the expression's syntax tree against the
    same whitelist (numbers, recipe variables, `+ - * / // % **`, `abs float int min
    max round`) and computes plain arithmetic only, within bounds.

    Example:

        num_epochs: 10
        ...
        end_epoch: eval(num_epoch)   # undefined variable 'num_epoch'

    Note that YAML reads `8e-5` (no decimal point) as text: write `8.0e-5`.
    """
    for _, doc in recipe_set(ctx).parsed():
        stages = doc.stages
        # Variables of the top level (and of each stage) that failed to evaluate.
        scopes = [((), doc.variables)] + [
            (stage.key_path, stage.variables) for stage in stages if stage.name is not None
        ]
        for prefix, variables in scopes:
            for name, failure in variables.failures.items():
                yield at(doc, failure.message, (*prefix, name), failure.hint)
        for modifier in doc.modifiers:
            variables = modifier.stage.variables if modifier.stage else doc.variables
            for key_path, value in walk_values(dict(modifier.args), modifier.key_path):
                if not is_eval_string(value):
                    continue
                result = resolve(value, variables)
                if isinstance(result, EvalFailure):
                    yield at(doc, f"{modifier.label}: {result.message}", key_path, result.hint)


@rule(
    code="RCP015",
    name="recipe-structure",
    summary="A recipe's modifiers are not where or what SparseML expects.",
    severity=Severity.WARNING,
    needs=(recipes,),
    loose_files=True,
)
def recipe_structure(ctx: RuleContext) -> Iterator[Finding]:
    """The recipe defines no modifiers, a modifier group is empty or not a list, a
    list item has no modifier tag, or a staged recipe also has top-level modifier
    groups (which SparseML then ignores).

    Why: SparseML finds modifiers only in top-level keys whose name contains
    `modifiers` (or, in a staged recipe, in such keys one level down), and only items
    written with a tag become modifiers. Anything else is skipped or fails at load.

    Example of a well-formed recipe:

        num_epochs: 10
        training_modifiers:
          - !EpochRangeModifier
            start_epoch: 0
            end_epoch: eval(num_epochs)
    """
    for _, doc in recipe_set(ctx).parsed():
        for problem in doc.problems:
            yield at(doc, problem.message, problem.key_path, problem.hint, prefer_key=problem.at_key)


