"""The JSON report: one fixed, versioned shape, described by schemas/report.schema.json.

The same dictionary form of a diagnostic is what the test fixtures' expectations are
written in, so one serialization serves users and tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zoolint import __version__
from zoolint.diagnostics import Diagnostic, Severity, format_key_path
from zoolint.engine import ModelSummary, Report
from zoolint.reporters.common import relative_path

__all__ = ["REPORT_VERSION", "diagnostic_to_dict", "relative_path", "render_json", "report_to_dict"]

# Bump only with a change of shape; schemas/report.schema.json pins it.
REPORT_VERSION = 1


def diagnostic_to_dict(diagnostic: Diagnostic, base: Path) -> dict[str, Any]:
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "model": relative_path(diagnostic.model_root, base),
        "path": relative_path(diagnostic.file, base),
        "line": diagnostic.line,
        "column": diagnostic.column,
        "key_path": format_key_path(diagnostic.key_path),
        "hint": diagnostic.hint,
    }


def model_to_dict(summary: ModelSummary, base: Path) -> dict[str, Any]:
    return {
        "path": relative_path(summary.root, base),
        "stub": summary.stub,
        "layout": summary.layout,
        "loose_file": summary.loose_file,
    }


def report_to_dict(report: Report, base: Path) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "zoolint", "version": __version__},
        "models": [model_to_dict(summary, base) for summary in report.models],
        "diagnostics": [diagnostic_to_dict(d, base) for d in report.diagnostics],
        "summary": {
            "models": len(report.models),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "internal_errors": report.internal_errors,
        },
    }


def render_json(report: Report, base: Path) -> str:
    return json.dumps(report_to_dict(report, base), indent=2) + "\n"
