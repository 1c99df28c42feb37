"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One `<testsuite>` per model directory (or loose file), one `<testcase>` per rule that
ran on it, and one `<failure>` per diagnostic at or above the `fail-on` severity (an
`<error>` for ZL001, a rule that crashed). Less severe diagnostics do not fail the test
case: they are listed in its `<system-out>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from zoolint.diagnostics import Diagnostic, Severity
from zoolint.engine import INTERNAL_ERROR_CODE, ModelSummary, Report
from zoolint.reporters.common import by_model, diagnostic_location, printable, relative_path


def _diagnostic_text(diagnostic: Diagnostic, base: Path) -> str:
    text = (
        f"{diagnostic_location(diagnostic, base)}: {diagnostic.code}"
        f" [{diagnostic.severity.value}] {diagnostic.message}"
    )
    if diagnostic.hint:
        text += f"\n    hint: {diagnostic.hint}"
    return printable_lines(text)


def printable_lines(text: str) -> str:
    """Control characters escaped line by line (XML 1.0 cannot hold most of them)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _rule_codes(summary: ModelSummary | None, diagnostics: list[Diagnostic]) -> list[str]:
    codes = list(summary.rules) if summary is not None else []
    for diagnostic in diagnostics:
        if diagnostic.code not in codes:
            codes.append(diagnostic.code)
    return codes


def _suite(
    threshold: Severity,
    root: Path,
    summary: ModelSummary | None,
    diagnostics: list[Diagnostic],
    base: Path,
    names: dict[str, str],
) -> ET.Element:
    if summary is not None and summary.loose_file is not None:
        suite_name = relative_path(root / summary.loose_file, base)
    else:
        suite_name = relative_path(root, base)
    suite_name = printable(suite_name)
    suite = ET.Element("testsuite", name=suite_name)
    if summary is not None and (summary.layout or summary.stub):
        properties = ET.SubElement(suite, "properties")
        for key, value in (("layout", summary.layout), ("stub", summary.stub)):
            if value:
                ET.SubElement(properties, "property", name=key, value=printable(value))
    failed_cases = errored_cases = 0
    codes = _rule_codes(summary, diagnostics)
    for code in codes:
        found = [d for d in diagnostics if d.code == code]
        name = names.get(code) or (found[0].name if found else code)
        case = ET.SubElement(suite, "testcase", classname=suite_name, name=f"{code} {name}")
        failing = [d for d in found if d.severity >= threshold]
        for diagnostic in failing:
            where = diagnostic_location(diagnostic, base)
            failure = ET.SubElement(
                case,
                "error" if code == INTERNAL_ERROR_CODE else "failure",
                type=diagnostic.severity.value,
                message=printable(f"{where}: {diagnostic.message}"),
            )
            failure.text = _diagnostic_text(diagnostic, base)
        notes = [d for d in found if d.severity < threshold]
        if notes:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_diagnostic_text(d, base) for d in notes)
        if failing and code == INTERNAL_ERROR_CODE:
            errored_cases += 1
        elif failing:
            failed_cases += 1
    suite.set("tests", str(len(codes)))
    suite.set("failures", str(failed_cases))
    suite.set("errors", str(errored_cases))
    suite.set("skipped", "0")
    return suite


def junit_tree(report: Report, base: Path) -> ET.Element:
    names = {rule.code: rule.name for rule in report.rules}
    root = ET.Element("testsuites", name="zoolint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for model_root, summary, diagnostics in by_model(report):
        threshold = summary.fail_on if summary is not None else Severity.ERROR
        suite = _suite(threshold, model_root, summary, diagnostics, base, names)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render_junit(report: Report, base: Path) -> str:
    tree = junit_tree(report, base)
    ET.indent(tree)
    body = ET.tostring(tree, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
