"""The JSON report: one fixed shape, published as schemas/report.schema.json."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from zoolint.cli import cli
from zoolint.diagnostics import Diagnostic, Severity
from zoolint.reporters import report_schema
from zoolint.reporters.json_report import diagnostic_to_dict
from zoolint.schemas import SCHEMA_DIR, SCHEMAS
from zoo_support import make_zoo

SCHEMA_FILE = SCHEMA_DIR / "report.schema.json"


def committed_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_report_schema_is_generated_and_checked_with_the_others() -> None:
    """tests/test_schemas.py fails when a listed schema file is stale."""
    assert ("report.schema.json", report_schema) in SCHEMAS


def test_schema_is_a_valid_json_schema() -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_real_output_validates_against_the_committed_schema(tmp_path: Path) -> None:
    zoo = make_zoo(tmp_path)
    old = Path.cwd()
    os.chdir(zoo.parent)
    try:
        result = CliRunner().invoke(cli, ["--format", "json", "zoo"])
    finally:
        os.chdir(old)
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(committed_schema()).validate(report)
    assert report["diagnostics"] == [
        {
            "code": "FILE001",
            "name": "lfs-pointer",
            "severity": "error",
            "message": "is a Git LFS pointer (oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f"
            "32b1258daaa5e2ca24d17e2393, 1234567 bytes), not the file itself: its content was"
            " never uploaded",
            "model": "zoo/bad",
            "path": "zoo/bad/model.onnx",
            "line": None,
            "column": None,
            "key_path": None,
            "hint": "run `git lfs pull` (or push with git-lfs installed) and upload again",
        }
    ]
    assert report["summary"] == {
        "models": 2, "errors": 1, "warnings": 0, "infos": 0, "internal_errors": 0
    }


def test_schema_rejects_a_changed_shape(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(committed_schema())
    diagnostic = diagnostic_to_dict(
        Diagnostic("FILE001", "lfs-pointer", Severity.ERROR, "m", tmp_path, "a", 1, 2), tmp_path
    )
    report = {
        "version": 1,
        "tool": {"name": "zoolint", "version": "0.1.0"},
        "models": [],
        "diagnostics": [diagnostic],
        "summary": {"models": 0, "errors": 1, "warnings": 0, "infos": 0, "internal_errors": 0},
    }
    validator.validate(report)
    for change in ({"extra": 1}, {"line": 0}, {"severity": "fatal"}):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate({**report, "diagnostics": [{**diagnostic, **change}]})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**report, "version": 2})


def test_diagnostic_fields_match_the_schema(tmp_path: Path) -> None:
    """Fixture expectations are written in this form: its field set is fixed."""
    fields = committed_schema()["$defs"]["DiagnosticEntry"]["required"]  # in field order
    diagnostic = Diagnostic("FILE001", "lfs-pointer", Severity.ERROR, "m", tmp_path)
    assert list(diagnostic_to_dict(diagnostic, tmp_path)) == list(fields) == [
        "code", "name", "severity", "message", "model", "path", "line", "column",
        "key_path", "hint",
    ]
