"""Epochs: ordered, and inside the recipe's own schedule (RCP004, RCP005)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from zoolint.diagnostics import Finding, Severity
from zoolint.recipes.document import Modifier, RecipeDoc, Stage
from zoolint.recipes.evaluate import Number, resolve_number
from zoolint.recipes.load import recipes
from zoolint.recipes.rules.common import at, format_number, recipe_set, spelled
from zoolint.rules.base import RuleContext, rule

# -1 is SparseML's "from the start" / "until the end of training".
UNBOUNDED = -1
EPSILON = 1e-9
EPOCH_KEYS = (
    "start_epoch",
    "end_epoch",
    "disable_quantization_observer_epoch",
    "freeze_bn_stats_epoch",
)
EPOCH_RANGE = "EpochRangeModifier"


@dataclass(frozen=True)
class EpochCount:
    """How many epochs a recipe (or stage) trains for, and what says so."""

    epochs: Number
    source: str


def epoch_count(doc: RecipeDoc, stage: Stage) -> EpochCount | None:
    """The stage's own epoch count: its EpochRangeModifier's end_epoch (the latest, if
    several), else its `num_epochs` variable; None when neither is a positive number."""
    ends = [
        end
        for modifier in doc.modifiers
        if modifier.stage is stage and modifier.name == EPOCH_RANGE
        for end in [resolve_number(modifier.args.get("end_epoch"), stage.variables)]
        if end is not None and end > 0
    ]
    if ends:
        return EpochCount(max(ends), "its EpochRangeModifier end_epoch")
    num_epochs = stage.variables.numbers.get("num_epochs")
    if num_epochs is not None and num_epochs > 0:
        return EpochCount(num_epochs, "its num_epochs")
    return None


def epochs_of(modifier: Modifier) -> dict[str, Number]:
    """The modifier's epoch arguments that resolve to numbers."""
    variables = modifier.stage.variables if modifier.stage else None
    found: dict[str, Number] = {}
    for key in EPOCH_KEYS:
        if key in modifier.args and variables is not None:
            value = resolve_number(modifier.args[key], variables)
            if value is not None:
                found[key] = value
    return found


@rule(
    code="RCP004",
    name="epoch-order",
    summary="A modifier ends before it starts.",
    severity=Severity.ERROR,
    needs=(recipes,),
    loose_files=True,
)
def epoch_order(ctx: RuleContext) -> Iterator[Finding]:
    """A modifier's `start_epoch` is after its `end_epoch`.

    Why: SparseML refuses such a schedule when it builds the modifier (or, for some
    modifiers, silently never applies it). `-1` is not an epoch but "from the start" /
    "until the end", so it is never out of order.

    Example:

        - !GMPruningModifier
          start_epoch: 40
          end_epoch: 4      # swapped with start_epoch?
    """
    for _, doc in recipe_set(ctx).parsed():
        for modifier in doc.modifiers:
            epochs = epochs_of(modifier)
            start, end = epochs.get("start_epoch"), epochs.get("end_epoch")
            if start is None or end is None or start < 0 or end < 0:
                continue
            if start > end + EPSILON:
                args = modifier.args
                yield at(
                    doc,
                    f"{modifier.label}: start_epoch {spelled(args['start_epoch'], start)} is after"
                    f" end_epoch {spelled(args['end_epoch'], end)}",
                    modifier.arg_path("end_epoch"),
                    "swap them, or write end_epoch: -1 to run until the end of training",
                )


@rule(
    code="RCP005",
    name="epoch-range",
    summary="A modifier's epochs lie outside the recipe's own schedule.",
    severity=Severity.WARNING,
    needs=(recipes,),
    loose_files=True,
)
def epoch_out_of_range(ctx: RuleContext) -> Iterator[Finding]:
    """A modifier starts or ends after the recipe's last epoch, or uses a negative
    epoch other than -1.

    The recipe's last epoch is its EpochRangeModifier's `end_epoch` (each stage of a
    staged recipe has its own), or its `num_epochs` variable when it has no
    EpochRangeModifier; recipes with neither are not checked.

    Why: SparseML trains until the latest `end_epoch` of any modifier, so a learning
    rate schedule left at `end_epoch: 160` in a 52-epoch recipe silently triples the
    training time; a modifier starting after the end never runs. Only `-1` has a
    meaning among negative values ("from the start" / "until the end").

    Example:

        num_epochs: &num_epochs 52
        training_modifiers:
          - !EpochRangeModifier
            end_epoch: *num_epochs
          - !LearningRateFunctionModifier
            start_epoch: 100     # after epoch 52
            end_epoch: 160
    """
    for _, doc in recipe_set(ctx).parsed():
        counts = {id(stage): epoch_count(doc, stage) for stage in doc.stages}
        for modifier in doc.modifiers:
            epochs = epochs_of(modifier)
            negative = [key for key, value in epochs.items() if value < 0 and value != UNBOUNDED]
            for key in negative:
                yield at(
                    doc,
                    f"{modifier.label}: {key} {spelled(modifier.args[key], epochs[key])} is negative;"
                    " only -1 has a meaning (from the start, or until the end)",
                    modifier.arg_path(key),
                )
            stage = modifier.stage
            count = counts.get(id(stage)) if stage is not None else None
            if stage is None or count is None or modifier.name == EPOCH_RANGE:
                continue
            late = [key for key, value in epochs.items() if value > count.epochs + EPSILON]
            if late:
                which = " and ".join(f"{key} {spelled(modifier.args[key], epochs[key])}" for key in late)
                verb = "is" if len(late) == 1 else "are"
                owner = "the recipe's" if stage.name is None else f"stage {stage.name!r}'s"
                yield at(
                    doc,
                    f"{modifier.label}: {which} {verb} after {owner} last epoch"
                    f" {format_number(count.epochs)} ({count.source})",
                    modifier.arg_path(late[0]),
                    "SparseML trains until the latest end_epoch of any modifier; bring"
                    " it inside the schedule, or extend the schedule on purpose",
                )


