"""Reporters: they only format a `Report`, never lint or read the checked tree.

Each format is a function `render(report, base, color) -> str`, where `base` is the
directory that paths are written relative to (the working directory on the command
line). `FORMATS` is the one list the command line offers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from zoolint.engine import Report
from zoolint.reporters.github import render_github
from zoolint.reporters.json_report import render_json
from zoolint.reporters.junit import render_junit
from zoolint.reporters.schema import report_schema
from zoolint.reporters.sarif import render_sarif
from zoolint.reporters.text import render_text

Renderer = Callable[[Report, Path, bool], str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": lambda report, base, color: render_json(report, base),
    "sarif": lambda report, base, color: render_sarif(report, base),
    "github": lambda report, base, color: render_github(report, base),
    "junit": lambda report, base, color: render_junit(report, base),
}


def render(fmt: str, report: Report, base: Path, color: bool = False) -> str:
    """The report in format `fmt` (a key of `FORMATS`); only text is ever coloured."""
    return FORMATS[fmt](report, base, color)


__all__ = ["FORMATS", "render", "report_schema"]
