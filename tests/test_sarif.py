"""SARIF output: valid against the SARIF 2.1.0 schema, in the shape GitHub code scanning
accepts (relative URIs under %SRCROOT%, regions only when known, rules with help).

The schema check uses pydantic-sarif, a pydantic model generated from the official
OASIS SARIF 2.1.0 JSON Schema (every object forbids unknown keys, enums and minimums
as in the schema).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError
from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog

from zoolint.cli import cli
from zoolint.diagnostics import Diagnostic, Severity
from zoolint.engine import ModelSummary, Report
from zoolint.reporters import sarif
from zoolint.reporters.sarif import render_sarif, sarif_log
from zoolint.rules.registry import ALL_RULES
from zoo_support import make_zoo

BASE = Path("/work/repo")
MODEL = BASE / "zoo" / "my model"


def diag(code: str, severity: Severity, path: str, **extra: Any) -> Diagnostic:
    return Diagnostic(
        code=code,
        name={"FILE001": "lfs-pointer", "FILE003": "broken-symlink"}.get(code, "internal-error"),
        severity=severity,
        message=f"{code} message",
        model_root=extra.pop("root", MODEL),
        path=path,
        **extra,
    )


def make_report() -> Report:
    return Report(
        diagnostics=[
            diag("FILE001", Severity.ERROR, "model.onnx"),
            diag("FILE003", Severity.WARNING, "recipes/r.yaml", line=12, column=5,
                 key_path=("modifiers", 0, "end_epoch"), hint="make it 10"),
            diag("FILE003", Severity.INFO, "card.md", line=2),
            diag("ZL001", Severity.ERROR, ""),
            diag("FILE001", Severity.ERROR, "x.onnx", root=Path("/elsewhere/m")),
        ],
        models=[ModelSummary(root=MODEL, relpath="my model", stub=None, layout="hub")],
        rules=list(ALL_RULES),
    )


def validate(log: dict[str, Any]) -> None:
    SarifLog.model_validate(log)


def test_the_schema_model_rejects_what_the_schema_rejects() -> None:
    """The validator has teeth: a level SARIF does not know, a line 0, a stray key."""
    log = sarif_log(make_report(), BASE)
    validate(log)
    for path, value in (
        (("level",), "info"),
        (("locations", 0, "physicalLocation", "region", "startLine"), 0),
        (("bogus",), 1),
    ):
        broken = json.loads(json.dumps(log))
        target = next(  # the warning, which has a region
            r for r in broken["runs"][0]["results"] if r["level"] == "warning"
        )
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(ValidationError):
            validate(broken)


def test_synthetic_report_is_valid_sarif_for_code_scanning() -> None:
    log = sarif_log(make_report(), BASE)
    validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///work/repo/"}}
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in ALL_RULES]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    by_rule = {(r["ruleId"], r["level"]): r for r in run["results"]}
    # Results are ordered worst first; their locations:
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    assert locations == [
        {"artifactLocation": {"uri": "zoo/my%20model/model.onnx", "uriBaseId": "%SRCROOT%"}},
        {"artifactLocation": {"uri": "zoo/my%20model/", "uriBaseId": "%SRCROOT%"}},
        {"artifactLocation": {"uri": "file:///elsewhere/m/x.onnx"}},
        {
            "artifactLocation": {
                "uri": "zoo/my%20model/recipes/r.yaml",
                "uriBaseId": "%SRCROOT%",
            },
            "region": {"startLine": 12, "startColumn": 5},
        },
        {
            "artifactLocation": {"uri": "zoo/my%20model/card.md", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 2},
        },
    ]
    warning = by_rule[("FILE003", "warning")]
    assert warning["message"] == {"text": "FILE003 message\nHint: make it 10"}
    assert warning["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "modifiers[0].end_epoch", "kind": "member"}
    ]
    note = by_rule[("FILE003", "note")]
    assert note["properties"] == {"model": "zoo/my model", "severity": "info"}


def test_rule_descriptors_carry_the_documentation() -> None:
    rules = sarif_log(make_report(), BASE)["runs"][0]["tool"]["driver"]["rules"]
    lfs = next(rule for rule in rules if rule["id"] == "FILE001")
    assert lfs["name"] == "lfs-pointer"
    assert lfs["shortDescription"] == {
        "text": "A file is a Git LFS pointer, not the content it stands for."
    }
    assert lfs["fullDescription"]["text"].startswith("The file holds a Git LFS pointer")
    assert "Why: this is the most common broken upload." in lfs["help"]["text"]
    assert lfs["help"]["markdown"].startswith("**FILE001 (lfs-pointer)**: A file is a Git LFS")
    assert lfs["defaultConfiguration"] == {"level": "error", "enabled": True}


def test_fingerprints_are_stable_and_distinct() -> None:
    first = sarif_log(make_report(), BASE)["runs"][0]["results"]
    again = sarif_log(make_report(), BASE)["runs"][0]["results"]
    prints = [r["partialFingerprints"]["zoolint/v1"] for r in first]
    assert prints == [r["partialFingerprints"]["zoolint/v1"] for r in again]
    assert len(set(prints)) == len(prints)


def test_too_many_results_keeps_the_worst_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    log = sarif_log(make_report(), BASE)
    validate(log)
    run = log["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "error"]
    notification = run["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["message"]["text"].startswith("5 diagnostics; only the 2 most severe")


def test_internal_errors_mark_the_run_unsuccessful() -> None:
    report = make_report()
    report.internal_errors = 1
    assert sarif_log(report, BASE)["runs"][0]["invocations"] == [{"executionSuccessful": False}]


def test_real_cli_output_is_valid_sarif(tmp_path: Path) -> None:
    zoo = make_zoo(tmp_path)
    old = Path.cwd()
    os.chdir(zoo.parent)
    try:
        result = CliRunner().invoke(cli, ["--format", "sarif", "zoo"])
    finally:
        os.chdir(old)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    validate(log)
    (only,) = log["runs"][0]["results"]
    assert only["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "zoo/bad/model.onnx", "uriBaseId": "%SRCROOT%"}
    }
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == zoo.parent.as_uri() + "/"


def test_render_is_json() -> None:
    assert json.loads(render_sarif(make_report(), BASE)) == sarif_log(make_report(), BASE)
