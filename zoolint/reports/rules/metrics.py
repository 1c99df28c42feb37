"""MET rules: `metrics.yaml` (hub layout: `eval.yaml`)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from zoolint.diagnostics import Finding, Severity
from zoolint.reports.load import parsed_reports
from zoolint.reports.recovery import find_baseline, primary_metric, recovery
from zoolint.reports.rules.common import (
    extra_findings,
    parse_findings,
    schema_findings,
    sloppy_findings,
)
from zoolint.rules.base import RuleContext, rule
from zoolint.stubs.path import path_stub


@rule(
    code="MET001",
    name="metrics-parse-error",
    summary="A metrics report cannot be read or is not valid YAML.",
    severity=Severity.ERROR,
    loose_files=True,
)
def metrics_parse_error(ctx: RuleContext) -> Iterator[Finding]:
    """`metrics.yaml` (or `eval.yaml`) is not UTF-8 text, is over the size limit, is
    not valid YAML (alias bombs and over-deep nesting included), or gives a key twice
    in one mapping. Reported once, with line and column; the other MET rules skip it.
    """
    yield from parse_findings(ctx, "metrics")


@rule(
    code="MET002",
    name="metrics-schema",
    summary="A metrics report does not fit the metrics schema.",
    severity=Severity.ERROR,
    loose_files=True,
)
def metrics_schema_rule(ctx: RuleContext) -> Iterator[Finding]:
    """The report does not fit schemas/metrics.schema.json: a `metrics` list of
    entries, each with a `name` and a numeric `value`, and optionally `baseline` (the
    dense baseline's value), `higher_is_better`, `primary`, `unit`, `dataset`, `split`.

    Example:

        metrics:
          - name: top1
            value: 75.9
            baseline: 76.1
    """
    yield from schema_findings(ctx, "metrics")


@rule(
    code="MET003",
    name="metrics-sloppy-value",
    summary="A metrics value is written sloppily (a number as a string, padded text).",
    severity=Severity.WARNING,
    loose_files=True,
)
def metrics_sloppy_value(ctx: RuleContext) -> Iterator[Finding]:
    """A value is loadable but not in the form it should have: a number stored as a
    string (`value: '75.9'`, `value: 75.9%`), Python's `None`/`True` printed as text,
    a string with leading or trailing spaces.

    Why a warning: tools that read the report as typed data get strings, and
    comparisons (`'75.9' > 76`) fail or mislead.
    """
    yield from sloppy_findings(ctx, "metrics")


CATEGORIES = ("conservative", "moderate", "aggressive")


class RecoveryOptions(BaseModel):
    """Recovery of the baseline metric each sparse category promises."""

    model_config = ConfigDict(extra="forbid")

    conservative: float = Field(1.0, gt=0, description="Least recovery of 'conservative'.")
    moderate: float = Field(
        0.99, gt=0, description="Least recovery of 'moderate'; 'aggressive' is below it."
    )


def _category_checks(ctx: RuleContext) -> Iterator[tuple[str, Finding]]:
    """(category, finding) for the primary metric of each report, when the model sits
    at a stub with a category and a baseline is known."""
    stub = path_stub(ctx.model)
    if stub is None or stub.base_category not in CATEGORIES:
        return
    options: RecoveryOptions = ctx.options
    for report in parsed_reports(ctx.model, "metrics"):
        metric = primary_metric(report.value.value)
        if metric is None:
            continue
        baseline = find_baseline(ctx.model, ctx.zoo, metric)
        if baseline is None:
            continue
        ratio = recovery(metric, baseline)
        if ratio is None:
            continue
        category = stub.base_category
        threshold = options.conservative if category == "conservative" else options.moderate
        line, column = report.value.locate((*metric.key_path, "value"))
        source = "" if baseline.source == "in the file" else f" ({baseline.source})"
        facts = (
            f"{metric.name} is {metric.value:g} against a baseline of {baseline.value:g}"
            f"{source}: {ratio:.2%} recovery"
        )
        if category in ("conservative", "moderate") and ratio < threshold - 1e-9:
            message = (
                f"{facts}, but the sparse category {stub.sparse_category!r} promises at"
                f" least {threshold:.0%}"
            )
        elif category == "aggressive" and ratio >= options.moderate - 1e-9:
            message = (
                f"{facts}, but the sparse category {stub.sparse_category!r} means less than"
                f" {options.moderate:.0%}; the model deserves a better category"
            )
        else:
            continue
        yield category, Finding(
            message,
            path=report.path,
            line=line,
            column=column,
            key_path=(*metric.key_path, "value"),
            hint="correct the metric or its baseline, or move the model to the stub of its"
            " real category",
        )


@rule(
    code="MET004",
    name="category-overclaims",
    summary="A conservative or moderate model does not recover enough of its baseline.",
    severity=Severity.ERROR,
    options=RecoveryOptions,
)
def category_overclaims(ctx: RuleContext) -> Iterator[Finding]:
    """The stub's SPARSE_CATEGORY promises a recovery of the baseline's metric:
    `conservative` 100%, `moderate` at least 99%. The report's primary metric
    (`primary: true`, else the first) falls short of its baseline: the `baseline`
    written beside it, or else the same metric in the metrics of the `base-none`
    sibling directory in the zoo tree. For `higher_is_better: false` metrics
    (loss, WER) recovery is baseline / value.

    Options (`[tool.zoolint.rules.MET004]`): `conservative` (1.0), `moderate` (0.99).
    """
    for category, finding in _category_checks(ctx):
        if category != "aggressive":
            yield finding


@rule(
    code="MET005",
    name="category-underclaims",
    summary="An aggressive model recovers 99% or more of its baseline.",
    severity=Severity.WARNING,
    options=RecoveryOptions,
)
def category_underclaims(ctx: RuleContext) -> Iterator[Finding]:
    """The stub says `aggressive` (less than 99% of the baseline's metric), but the
    primary metric recovers at least 99% (see MET004 for how the baseline is found).

    Why a warning: the category undersells the model rather than overselling it; but
    users filtering for moderate models will not find it.
    """
    for category, finding in _category_checks(ctx):
        if category == "aggressive":
            yield finding


@rule(
    code="MET006",
    name="metrics-extra-schema",
    summary="A metrics report does not satisfy a JSON Schema the zoo requires.",
    severity=Severity.ERROR,
    loose_files=True,
)
def metrics_extra_schema(ctx: RuleContext) -> Iterator[Finding]:
    """A zoo's own requirements on metrics reports, as JSON Schema files:

        [tool.zoolint.reports.metrics]
        extra-schemas = ["schemas/our-metrics.schema.json"]

    Paths are relative to the configuration file; problems are reported at the line
    and column of the offending value.
    """
    yield from extra_findings(ctx, "metrics")


RULES = [
    metrics_parse_error,
    metrics_schema_rule,
    metrics_sloppy_value,
    category_overclaims,
    category_underclaims,
    metrics_extra_schema,
]
