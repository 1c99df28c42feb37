"""Configuration of the checkpoints rules: the `[tool.zoolint.checkpoints]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class CheckpointSettings(ConfigSection):
    """Settings shared by the checkpoints rules."""
