"""Configuration of the card rules: the `[tool.zoolint.card]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class CardSettings(ConfigSection):
    """Settings shared by the card rules."""
