"""Configuration of the samples rules: the `[tool.zoolint.samples]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class SampleSettings(ConfigSection):
    """Settings shared by the samples rules."""
