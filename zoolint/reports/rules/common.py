"""What the MET and BEN rules share: parse errors, schema, sloppy values, extra schemas
of one kind of report."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.diagnostics import Finding, format_key_path
from zoolint.docschema import (
    broken_finding,
    duplicate_key_findings,
    extra_schema_findings,
    json_compatible,
    problem_finding,
    pydantic_problems,
)
from zoolint.reports.load import ReportKind, parsed_reports, reports
from zoolint.reports.schema import PATTERN_HINTS, SCHEMAS
from zoolint.reports.sloppy import sloppy_values
from zoolint.rules.base import RuleContext

ROOT = (1, 1)


def parse_findings(ctx: RuleContext, kind: ReportKind) -> Iterator[Finding]:
    for artifact in reports(ctx.model, kind):
        finding = broken_finding(artifact)
        if finding is not None:
            yield finding
    for report in parsed_reports(ctx.model, kind):
        yield from duplicate_key_findings(report.value, report.path)


def schema_findings(ctx: RuleContext, kind: ReportKind) -> Iterator[Finding]:
    model = SCHEMAS[kind]
    for report in parsed_reports(ctx.model, kind):
        doc = report.value
        problems = pydantic_problems(model, json_compatible(doc.value), PATTERN_HINTS)
        for problem in problems:
            yield problem_finding(problem, doc, doc.value, report.path, ROOT)


def sloppy_findings(ctx: RuleContext, kind: ReportKind) -> Iterator[Finding]:
    for report in parsed_reports(ctx.model, kind):
        doc = report.value
        for sloppy in sloppy_values(doc.value):
            line, column = doc.locate(sloppy.key_path)
            yield Finding(
                f"{format_key_path(sloppy.key_path) or 'the document'} {sloppy.message}",
                path=report.path,
                line=line,
                column=column,
                key_path=sloppy.key_path,
                hint=sloppy.hint,
            )


def extra_findings(ctx: RuleContext, kind: ReportKind) -> Iterator[Finding]:
    names = getattr(ctx.config.reports, kind).extra_schemas
    for report in parsed_reports(ctx.model, kind):
        doc = report.value
        yield from extra_schema_findings(names, ctx.base_dir, doc, doc.value, report.path, ROOT)
