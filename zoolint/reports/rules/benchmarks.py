"""BEN rules: `benchmarks.yaml` (hub layout: `benchmark.yaml`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zoolint.diagnostics import Finding, KeyPath, Severity
from zoolint.graph.load import TensorSpec, graph, graph_inputs
from zoolint.io.artifact import Parsed
from zoolint.io.yaml_doc import YamlDoc
from zoolint.reports.load import parsed_reports
from zoolint.reports.recovery import as_number
from zoolint.reports.rules.common import (
    extra_findings,
    parse_findings,
    schema_findings,
    sloppy_findings,
)
from zoolint.rules.base import RuleContext, rule


@rule(
    code="BEN001",
    name="benchmarks-parse-error",
    summary="A benchmark report cannot be read or is not valid YAML.",
    severity=Severity.ERROR,
    loose_files=True,
)
def benchmarks_parse_error(ctx: RuleContext) -> Iterator[Finding]:
    """`benchmarks.yaml` (or `benchmark.yaml`) is not UTF-8 text, is over the size
    limit, is not valid YAML (alias bombs and over-deep nesting included), or gives a
    key twice in one mapping. Reported once; the other BEN rules skip the file.
    """
    yield from parse_findings(ctx, "benchmarks")


@rule(
    code="BEN002",
    name="benchmarks-schema",
    summary="A benchmark report does not fit the benchmarks schema.",
    severity=Severity.ERROR,
    loose_files=True,
)
def benchmarks_schema_rule(ctx: RuleContext) -> Iterator[Finding]:
    """The report does not fit schemas/benchmarks.schema.json, the form the benchmark
    tool writes: `benchmarks.results` is a list of runs, each with `batch_size`,
    `engine`, `scenario` and a `benchmark_result` holding at least `items_per_sec`;
    `num_cores`, `num_streams` and `input_shapes` (a list of integer shapes) are
    optional, and so is anything else a tool adds.
    """
    yield from schema_findings(ctx, "benchmarks")


@rule(
    code="BEN003",
    name="benchmarks-sloppy-value",
    summary="A benchmark value is written sloppily (an integer as a string, padded text).",
    severity=Severity.WARNING,
    loose_files=True,
)
def benchmarks_sloppy_value(ctx: RuleContext) -> Iterator[Finding]:
    """A value is loadable but not in the form it should have. The real benchmark
    tool writes `batch_size: ' 1'` and `num_cores: ' 1'` (integers as strings with a
    leading space), `cpu_vnni: ' True'`, `scheduler: None` (Python's None as text).

    Why a warning: the report loads, but typed readers get strings (`' 1' != 1`).
    Fix the tool that writes it: `batch_size: 1`.
    """
    yield from sloppy_findings(ctx, "benchmarks")


def _runs(doc: YamlDoc) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    section = doc.value.get("benchmarks") if isinstance(doc.value, dict) else None
    results = section.get("results") if isinstance(section, dict) else None
    for index, run in enumerate(results if isinstance(results, list) else []):
        if isinstance(run, dict):
            yield ("benchmarks", "results", index), run


def _shapes(run: dict[str, Any]) -> list[list[int]] | None:
    shapes = run.get("input_shapes")
    if not isinstance(shapes, list):
        return None
    if not all(isinstance(shape, list) and all(map(_is_int, shape)) for shape in shapes):
        return None  # BEN002 reports the types
    return shapes


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _batch_size(run: dict[str, Any]) -> int | None:
    number = as_number(run.get("batch_size"))
    return int(number) if number is not None and number.is_integer() else None


@rule(
    code="BEN004",
    name="batch-size-mismatch",
    summary="A benchmark run's input shapes do not have its batch size.",
    severity=Severity.ERROR,
    loose_files=True,
)
def batch_size_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The first dimension of each of a run's `input_shapes` is its batch dimension
    and must equal the run's `batch_size`.

    Example: `batch_size: 64` with `input_shapes: [[1, 3, 224, 224]]`: one of the two
    is not what was benchmarked, and throughput per item is misreported.
    """
    for report in parsed_reports(ctx.model, "benchmarks"):
        for run_path, run in _runs(report.value):
            shapes, batch = _shapes(run), _batch_size(run)
            if shapes is None or batch is None:
                continue
            for index, shape in enumerate(shapes):
                if shape and shape[0] != batch:
                    key_path = (*run_path, "input_shapes", index, 0)
                    line, column = report.value.locate(key_path)
                    yield Finding(
                        f"input_shapes[{index}] is {shape}: its batch dimension {shape[0]}"
                        f" is not the run's batch_size {batch}",
                        path=report.path,
                        line=line,
                        column=column,
                        key_path=key_path,
                    )


def _graph_shape(spec: TensorSpec) -> str:
    dims = ["?" if d is None else str(d) for d in spec.shape or ()]
    return f"[{', '.join(dims)}]"


def _shape_problem(shape: list[int], spec: TensorSpec) -> tuple[int | None, str] | None:
    """(dimension, why) when `shape` cannot be fed to `spec`; None when it fits."""
    if spec.shape is None:
        return None
    if len(shape) != len(spec.shape):
        return None, f"has {len(shape)} dimensions, the graph's input has {len(spec.shape)}"
    for axis, (given, declared) in enumerate(zip(shape, spec.shape)):
        if axis == 0:
            continue  # the batch dimension: engines override it; BEN004 checks it
        if isinstance(declared, int) and declared > 0 and given != declared:
            return axis, f"dimension {axis} is {given}, the graph's input says {declared}"
    return None


@rule(
    code="BEN005",
    name="input-shapes-mismatch",
    summary="A benchmark run's input shapes do not fit the graph's inputs.",
    severity=Severity.ERROR,
    needs=(graph,),
)
def input_shapes_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A run's `input_shapes` must match `model.onnx`'s inputs: one shape per input
    (inputs with an initializer default excluded), in order, with the graph's rank
    and its static dimensions; dynamic dimensions take any size, and the batch
    dimension is checked against `batch_size` by BEN004.

    Why: a benchmark of shapes the graph does not take was run on some other model
    (or a reshaped one), and its numbers do not describe this one.
    """
    proto = graph(ctx.model)
    assert isinstance(proto, Parsed)
    inputs = graph_inputs(proto.value)
    for report in parsed_reports(ctx.model, "benchmarks"):
        for run_path, run in _runs(report.value):
            shapes = _shapes(run)
            if shapes is None:
                continue
            shapes_path = (*run_path, "input_shapes")
            if len(shapes) != len(inputs):
                line, column = report.value.locate(shapes_path)
                names = ", ".join(spec.name for spec in inputs)
                yield Finding(
                    f"input_shapes has {len(shapes)} shapes, but the graph has {len(inputs)}"
                    f" inputs ({names})",
                    path=report.path,
                    line=line,
                    column=column,
                    key_path=shapes_path,
                )
                continue
            for index, (shape, spec) in enumerate(zip(shapes, inputs)):
                problem = _shape_problem(shape, spec)
                if problem is None:
                    continue
                axis, why = problem
                key_path = (*shapes_path, index) + ((axis,) if axis is not None else ())
                line, column = report.value.locate(key_path)
                yield Finding(
                    f"input_shapes[{index}] {shape} does not fit graph input {spec.name!r}"
                    f" {_graph_shape(spec)}: {why}",
                    path=report.path,
                    line=line,
                    column=column,
                    key_path=key_path,
                )


@rule(
    code="BEN006",
    name="benchmarks-extra-schema",
    summary="A benchmark report does not satisfy a JSON Schema the zoo requires.",
    severity=Severity.ERROR,
    loose_files=True,
)
def benchmarks_extra_schema(ctx: RuleContext) -> Iterator[Finding]:
    """A zoo's own requirements on benchmark reports, as JSON Schema files:

        [tool.zoolint.reports.benchmarks]
        extra-schemas = ["schemas/our-benchmarks.schema.json"]

    Paths are relative to the configuration file; problems are reported at the line
    and column of the offending value.
    """
    yield from extra_findings(ctx, "benchmarks")


RULES = [
    benchmarks_parse_error,
    benchmarks_schema_rule,
    benchmarks_sloppy_value,
    batch_size_mismatch,
    input_shapes_mismatch,
    benchmarks_extra_schema,
]
