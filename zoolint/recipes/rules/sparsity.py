"""Sparsity values: fractions in [0, 1], and what the stub claims (RCP006, RCP007)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from zoolint.diagnostics import Finding, KeyPath, Severity
from zoolint.recipes.document import Modifier
from zoolint.recipes.evaluate import as_number, is_eval_string, resolve
from zoolint.recipes.load import recipes
from zoolint.recipes.rules.common import at, recipe_set
from zoolint.rules.base import RuleContext, rule
from zoolint.stubs.path import path_stub

# Where modifiers state a sparsity: GMP and friends (init/final), SparseGPT and Wanda
# (`sparsity`), AC/DC (`compression_sparsity`).
FINAL_KEYS = ("final_sparsity", "sparsity", "compression_sparsity")
SPARSITY_KEYS = ("init_sparsity", *FINAL_KEYS)
# A value this large was probably meant as a percentage (95 for 0.95).
PERCENT_LOOKING = 10.0


@dataclass(frozen=True)
class SparsityValue:
    """One sparsity a modifier states, where it stands, and whether it is a key of a
    `final_sparsity: {0.9: [params]}` mapping."""

    key: str
    value: float
    key_path: KeyPath
    is_mapping_key: bool = False
    expression: str | None = None  # the eval(...) it came from, if any

    @property
    def spelled(self) -> str:
        number = f"{self.value:g}"
        return f"{self.expression} = {number}" if self.expression else number


def sparsity_values(modifier: Modifier, keys: tuple[str, ...] = SPARSITY_KEYS) -> Iterator[SparsityValue]:
    """The numeric sparsities a modifier states (eval and aliases resolved): a number,
    each number of a list, or each key of a sparsity-to-params mapping."""
    if modifier.stage is None:
        return
    variables = modifier.stage.variables
    for key in keys:
        if key not in modifier.args:
            continue
        path = modifier.arg_path(key)
        raw = modifier.args[key]
        value = resolve(raw, variables)
        number = as_number(value)
        if number is not None:
            yield SparsityValue(key, float(number), path, expression=_expression(raw))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                item_number = as_number(resolve(item, variables))
                if item_number is not None:
                    yield SparsityValue(key, float(item_number), (*path, index), expression=_expression(item))
        elif isinstance(value, dict):
            for mapping_key in value:
                key_number = as_number(mapping_key)
                if key_number is not None:
                    yield SparsityValue(key, float(key_number), (*path, mapping_key), True)


def _expression(raw: object) -> str | None:
    return str(raw).strip() if is_eval_string(raw) else None


def _percent(value: float) -> str:
    return f"{value * 100:.4g}%"


@rule(
    code="RCP006",
    name="sparsity-range",
    summary="A sparsity in a recipe is not a fraction between 0 and 1.",
    severity=Severity.ERROR,
    needs=(recipes,),
    loose_files=True,
)
def sparsity_out_of_range(ctx: RuleContext) -> Iterator[Finding]:
    """`init_sparsity`, `final_sparsity`, `sparsity` or `compression_sparsity` (a
    number, each item of a list, or each key of a `final_sparsity: {0.9: [...]}`
    mapping) lies outside [0, 1].

    Why: sparsity is the fraction of weights set to zero; SparseML raises on values
    outside [0, 1]. `final_sparsity: 95` usually means 0.95.
    """
    for _, doc in recipe_set(ctx).parsed():
        for modifier in doc.modifiers:
            for found in sparsity_values(modifier):
                if 0.0 <= found.value <= 1.0:
                    continue
                hint = None
                if PERCENT_LOOKING <= found.value <= 100.0:
                    hint = f"sparsity is a fraction: {found.value:g}% is {found.value / 100:g}"
                yield at(
                    doc,
                    f"{modifier.label}: {found.key} {found.spelled} is not between 0 and 1",
                    found.key_path,
                    hint,
                    prefer_key=found.is_mapping_key,
                )


@rule(
    code="RCP007",
    name="sparsity-claim-mismatch",
    summary="A recipe's final sparsity does not match the stub's pruned<N> claim.",
    severity=Severity.WARNING,
    needs=(recipes,),
)
def sparsity_claim_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The directory's stub says `pruned<N>` (N% of the prunable weights are zero), but
    the final sparsities in one of its recipes are all well below, or all well above,
    N%.

    Recipes often prune layers to different targets (0.7, 0.8, 0.9 for a
    `pruned85`), so the claim is checked against the range of the recipe's final
    sparsities, widened by `[tool.zoolint.recipes] sparsity-tolerance` (default 0.05).
    Recipes without final sparsities (transfer learning with ConstantPruningModifier)
    are not checked, nor are directories whose path is not a stub.

    Why: either the recipe is not the one that made this model, or the stub
    advertises a sparsity the model does not have.
    """
    stub = path_stub(ctx.model)
    if stub is None or stub.claims.pruned_percent is None:
        return
    claim = stub.claims.pruned_percent / 100.0
    tolerance = ctx.config.recipes.sparsity_tolerance
    for _, doc in recipe_set(ctx).parsed():
        finals = [
            found
            for modifier in doc.modifiers
            for found in sparsity_values(modifier, FINAL_KEYS)
            if 0.0 <= found.value <= 1.0
        ]
        if not finals:
            continue
        low = min(finals, key=lambda found: found.value)
        high = max(finals, key=lambda found: found.value)
        if low.value - tolerance <= claim <= high.value + tolerance:
            continue
        stated = (
            _percent(low.value)
            if low.value == high.value
            else f"between {_percent(low.value)} and {_percent(high.value)}"
        )
        culprit = high if claim > high.value else low
        yield at(
            doc,
            f"the stub claims {stub.sparse_name} ({_percent(claim)} of prunable weights"
            f" zero), but this recipe's final sparsity is {stated}",
            culprit.key_path,
            "use the recipe that produced this model, or correct the stub;"
            f" the tolerance is {tolerance:g} ([tool.zoolint.recipes] sparsity-tolerance)",
            prefer_key=culprit.is_mapping_key,
        )


