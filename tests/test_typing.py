"""The package type-checks: `mypy zoolint`, with the `[tool.mypy]` settings of
pyproject.toml (pydantic plugin, every function annotated), reports no error."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_reports_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    # From the repository root, so mypy reads pyproject.toml and checks this tree's
    # package; its cache (.mypy_cache/) makes later runs incremental.
    monkeypatch.chdir(ROOT)
    report, errors, status = api.run(["zoolint"])
    assert status == 0, f"mypy found problems:\n{report}{errors}"
    assert report.startswith("Success: no issues found"), report
