"""Configuration of the reports rules: the `[tool.zoolint.reports]` table."""

from __future__ import annotations

from zoolint.config.section import ConfigSection


class ReportSettings(ConfigSection):
    """Settings shared by the reports rules."""
