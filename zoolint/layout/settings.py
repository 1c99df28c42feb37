"""Configuration of the layout rules: the `[tool.zoolint.layout]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class LayoutSettings(ConfigSection):
    """Settings shared by the layout rules."""
