"""Configuration of the stubs rules: the `[tool.zoolint.stubs]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class StubSettings(ConfigSection):
    """Settings shared by the stubs rules."""
