"""SARIF 2.1.0, in the subset GitHub code scanning accepts.

- `tool.driver.rules` lists every rule (stable `ruleIndex`), with the docstring as
  `help` (text and markdown) and the default severity as `defaultConfiguration.level`.
- Result locations are URIs RELATIVE to `%SRCROOT%` (the directory the paths are
  relative to, normally the repository checkout), which `originalUriBaseIds` maps to
  an absolute `file:` URI. A region is given only when the line is known.
- A folder-level diagnostic points at the folder (`dir/`); a binary file's gets no region
  (GitHub then shows it at the file, and never tries to fingerprint the binary).
- `partialFingerprints` keeps alerts stable across runs even when lines move.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from zoolint import __version__
from zoolint.diagnostics import Diagnostic, Severity, format_key_path
from zoolint.engine import Report
from zoolint.reporters.common import relative_path
from zoolint.reporters.rule_docs import first_paragraph, rule_help_markdown
from zoolint.rules.base import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
# GitHub rejects a run with more results than this; keep the worst ones and say so.
MAX_RESULTS = 25_000

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": first_paragraph(rule.doc) or rule.summary},
        "help": {"text": rule.doc, "markdown": rule_help_markdown(rule)},
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            "enabled": rule.default_enabled and not rule.strict_only,
        },
        "properties": {"tags": ["zoolint", rule.family]},
    }


def _fallback_descriptor(diagnostic: Diagnostic) -> dict[str, Any]:
    """A rule the report did not list (a custom rule set): still a valid descriptor."""
    return {
        "id": diagnostic.code,
        "name": diagnostic.name,
        "shortDescription": {"text": diagnostic.name},
        "defaultConfiguration": {"level": LEVELS[diagnostic.severity]},
    }


def artifact_uri(diagnostic: Diagnostic, base: Path) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to %SRCROOT% when below `base`, else absolute."""
    path = diagnostic.file
    # Only the model directory itself is known to be a folder without touching the disk.
    is_folder = diagnostic.path in ("", ".")
    rel = relative_path(path, base)
    if rel == ".." or rel.startswith("../"):
        uri = path.absolute().as_uri()
        return (uri + "/" if is_folder and not uri.endswith("/") else uri), None
    if rel == ".":
        return "./", SRCROOT
    # surrogateescape: an undecodable byte of a file name is percent-encoded as itself.
    encoded = quote(rel, safe="/", errors="surrogateescape")
    return encoded + ("/" if is_folder else ""), SRCROOT


def _fingerprint(diagnostic: Diagnostic, uri: str) -> str:
    # No line number: an alert keeps its identity when lines above it move.
    key = "\0".join(
        [diagnostic.code, uri, format_key_path(diagnostic.key_path) or "", diagnostic.message]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(
    diagnostic: Diagnostic, index: int, base: Path, occurrence: Counter[str]
) -> dict[str, Any]:
    uri, base_id = artifact_uri(diagnostic, base)
    artifact: dict[str, Any] = {"uri": uri}
    if base_id is not None:
        artifact["uriBaseId"] = base_id
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if diagnostic.line is not None and diagnostic.line >= 1:
        region: dict[str, int] = {"startLine": diagnostic.line}
        if diagnostic.column is not None and diagnostic.column >= 1:
            region["startColumn"] = diagnostic.column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    key_path = format_key_path(diagnostic.key_path)
    if key_path:
        location["logicalLocations"] = [{"fullyQualifiedName": key_path, "kind": "member"}]
    text = diagnostic.message
    if diagnostic.hint:
        text += f"\nHint: {diagnostic.hint}"
    fingerprint = _fingerprint(diagnostic, uri)
    occurrence[fingerprint] += 1
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"zoolint/v1": f"{fingerprint}:{occurrence[fingerprint]}"},
        "properties": {
            "model": relative_path(diagnostic.model_root, base),
            "severity": diagnostic.severity.value,
        },
    }


def sarif_log(report: Report, base: Path) -> dict[str, Any]:
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    descriptors = [_descriptor(rule) for rule in rules]
    for diagnostic in report.diagnostics:
        if diagnostic.code not in index:
            index[diagnostic.code] = len(descriptors)
            descriptors.append(_fallback_descriptor(diagnostic))

    # Worst first, so a cut at MAX_RESULTS drops notes before errors.
    ordered = sorted(report.diagnostics, key=lambda d: -d.severity.rank)
    kept = ordered[:MAX_RESULTS]
    occurrence: Counter[str] = Counter()
    results = [_result(d, index[d.code], base, occurrence) for d in kept]

    invocation: dict[str, Any] = {
        "executionSuccessful": report.internal_errors == 0,
    }
    if len(ordered) > len(kept):
        invocation["toolExecutionNotifications"] = [
            {
                "level": "warning",
                "message": {
                    "text": f"{len(ordered)} diagnostics; only the {MAX_RESULTS} most severe"
                    " are in this file (GitHub's limit per run). Run zoolint on fewer"
                    " directories, or read the JSON report, to see every one."
                },
            }
        ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "zoolint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {"uri": base.absolute().as_uri().rstrip("/") + "/"}
                },
                "invocations": [invocation],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def render_sarif(report: Report, base: Path) -> str:
    return json.dumps(sarif_log(report, base), indent=2) + "\n"
