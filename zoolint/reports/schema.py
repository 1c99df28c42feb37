"""Schemas of `metrics.yaml` and `benchmarks.yaml`, as pydantic models; the JSON
Schemas published in schemas/ are generated from them.

No published schema exists (SPEC section 6). `benchmarks.yaml` follows what the
benchmark tool wrote (`benchmarks.repo`, `benchmarks.results[]` with `batch_size`,
`engine`, `scenario`, `num_cores`, `input_shapes`, `benchmark_result`); integers it
stored as strings (`' 1'`) are accepted here and warned about by BEN003. Keys a tool
adds beyond these are allowed.

`metrics.yaml` is zoolint's design:

    metrics:
      - name: top1            # required
        value: 75.9           # required, a number
        baseline: 76.1        # optional: the dense baseline's value of this metric
        higher_is_better: true  # optional, default true (false for loss, WER, ...)
        primary: true         # optional: the metric the sparse category is about
        unit: "%"             # optional
        dataset: imagenet     # optional
        split: validation     # optional

Types are strict so that pydantic and the generated JSON Schema agree on every
document; integers written as integral floats (`1.0`) are integers for both, as JSON
Schema says.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

NUMBER_TEXT = r"^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*%?\s*$"
INTEGER_TEXT = r"^\s*[0-9]+\s*$"

Text = Annotated[str, StringConstraints(min_length=1)]
NumberText = Annotated[str, StringConstraints(pattern=NUMBER_TEXT)]
IntegerText = Annotated[str, StringConstraints(pattern=INTEGER_TEXT)]


def _integral(value: Any) -> Any:
    """JSON Schema counts 1.0 as an integer; so does zoolint."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Integer = Annotated[int, BeforeValidator(_integral)]
Number = float  # strict: int or float, never bool or text

PATTERN_HINTS = {
    "value": "a number",
    "baseline": "a number",
    "items_per_sec": "a number",
    "batch_size": "an integer",
    "num_cores": "an integer",
    "num_streams": "an integer",
    "iterations": "an integer",
}


def _strict(title: str) -> ConfigDict:
    return ConfigDict(strict=True, extra="allow", title=title)


class Metric(BaseModel):
    """One measured metric of the model."""

    model_config = _strict("Metric")

    name: Text = Field(description="What was measured.", examples=["top1", "f1", "mAP@0.5"])
    value: Number | NumberText = Field(description="The model's value.")
    baseline: Number | NumberText | None = Field(
        None, description="The dense baseline's value of the same metric."
    )
    higher_is_better: bool = Field(True, description="False for loss, perplexity, WER...")
    primary: bool | None = Field(
        None, description="The metric the sparse category refers to (default: the first)."
    )
    unit: str | None = None
    dataset: str | None = None
    split: str | None = None


class MetricsReport(BaseModel):
    """`metrics.yaml` (hub layout: `eval.yaml`)."""

    model_config = _strict("zoolint metrics report")

    metrics: list[Metric] = Field(min_length=1, description="The measured metrics.")


class BenchmarkResult(BaseModel):
    """What one benchmark run measured; percentile keys (`"99.0%"`) are allowed."""

    model_config = _strict("BenchmarkResult")

    items_per_sec: Number | NumberText = Field(description="Throughput.")
    mean: Number | None = Field(None, description="Mean latency, ms.")
    median: Number | None = Field(None, description="Median latency, ms.")
    std: Number | None = None
    iterations: Integer | IntegerText | None = None
    seconds_ran: Number | None = None
    scenario: str | None = None


class BenchmarkRun(BaseModel):
    """One benchmark run: configuration and result."""

    model_config = _strict("BenchmarkRun")

    batch_size: Integer | IntegerText = Field(description="Batch size of the run.")
    engine: Text = Field(examples=["deepsparse.engine.Engine", "ORTEngine"])
    scenario: Text = Field(examples=["singlestream", "multistream"])
    num_cores: Integer | IntegerText | None = None
    num_streams: Integer | IntegerText | None = None
    input_shapes: list[list[Integer]] | None = Field(
        None, description="Shape of each graph input fed, batch dimension included."
    )
    benchmark_result: BenchmarkResult


class BenchmarksSection(BaseModel):
    model_config = _strict("BenchmarksSection")

    repo: dict[str, Any] | None = Field(None, description="Where the benchmarked model came from.")
    results: list[BenchmarkRun] = Field(min_length=1)


class BenchmarksReport(BaseModel):
    """`benchmarks.yaml` (hub layout: `benchmark.yaml`)."""

    model_config = _strict("zoolint benchmarks report")

    benchmarks: BenchmarksSection


def _publish(model: type[BaseModel], name: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://zoolint.dev/schemas/{name}.schema.json"
    return schema


def metrics_schema() -> dict[str, Any]:
    """The JSON Schema of metrics reports, as published in schemas/."""
    return _publish(MetricsReport, "metrics")


def benchmarks_schema() -> dict[str, Any]:
    """The JSON Schema of benchmark reports, as published in schemas/."""
    return _publish(BenchmarksReport, "benchmarks")


SCHEMAS: dict[str, type[BaseModel]] = {"metrics": MetricsReport, "benchmarks": BenchmarksReport}
