"""Configuration of the recipes rules: the `[tool.zoolint.recipes]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class RecipeSettings(ConfigSection):
    """Settings shared by the recipes rules."""
