"""MET and BEN rules: metrics and benchmark reports."""

from __future__ import annotations

from zoolint.reports.rules import benchmarks, metrics

METRICS_RULES = metrics.RULES
BENCHMARKS_RULES = benchmarks.RULES
