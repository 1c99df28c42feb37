"""Configuration of the recipes rules: the `[tool.zoolint.recipes]` table."""

from __future__ import annotations

from pydantic import Field

from zoolint.config.section import ConfigSection


class RecipeSettings(ConfigSection):
    """Settings shared by the recipes rules."""

    extra_modifiers: list[str] = Field(
        default_factory=list,
        description="Modifier names this zoo uses besides SparseML's own (for example"
        " modifiers of an in-house fork), written without the leading '!'.",
    )
    sparsity_tolerance: float = Field(
        0.05,
        ge=0.0,
        le=1.0,
        description="How far (as a fraction) a recipe's final sparsity may stray from the"
        " stub's pruned<N> claim before RCP007 reports it.",
    )
