"""Configuration of the graph rules: the `[tool.zoolint.graph]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class GraphSettings(ConfigSection):
    """Settings shared by the graph rules."""
