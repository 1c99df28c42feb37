"""Modifiers SparseML does not know (RCP003)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.recipes.load import recipes
from zoolint.recipes.modifiers import KNOWN_MODIFIERS
from zoolint.recipes.rules.common import at, recipe_set
from zoolint.rules.base import RuleContext, rule


@rule(
    code="RCP003",
    name="unknown-modifier",
    summary="A recipe uses a modifier SparseML does not have.",
    severity=Severity.WARNING,
    needs=(recipes,),
    loose_files=True,
)
def unknown_modifier(ctx: RuleContext) -> Iterator[Finding]:
    """A modifier's name (its tag, `- !GMPruningModifer`) is not one of SparseML's
    modifiers, nor declared by the zoo.

    Why: SparseML cannot construct it, so loading the recipe fails; a misspelt name
    is the usual cause.

    The known names are SparseML's training, pruning, quantization and distillation
    modifiers (PyTorch, Keras, TensorFlow and the newer staged framework). A zoo with
    modifiers of its own declares them:

        [tool.zoolint.recipes]
        extra-modifiers = ["MyPruningModifier"]
    """
    known = KNOWN_MODIFIERS | set(ctx.config.recipes.extra_modifiers)
    for _, doc in recipe_set(ctx).parsed():
        for modifier in doc.modifiers:
            if modifier.name is None or modifier.name in known:
                continue
            close = difflib.get_close_matches(modifier.name, sorted(known), n=1, cutoff=0.8)
            hint = (
                f"did you mean {close[0]}?"
                if close
                else "declare it in [tool.zoolint.recipes] extra-modifiers if the zoo provides it"
            )
            yield at(doc, f"unknown modifier {modifier.name!r}", modifier.key_path, hint)


