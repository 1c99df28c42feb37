"""Build valid metrics and benchmark reports: every MET and BEN rule passes on them.

    write_metrics(model_dir, value=75.9, baseline=76.1)
    write_benchmarks(model_dir, input_shapes=[[1, 3, 8, 8]])

`benchmark_shapes(graph, batch_size)` derives input shapes from a graph (for example
`zoolint.testing.builders.tiny_classifier()`), dynamic dimensions taken as 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import onnx
import yaml

from zoolint.graph.load import graph_inputs


def metrics_document(
    value: float = 75.9,
    baseline: float | None = None,
    name: str = "top1",
    dataset: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    metric: dict[str, Any] = {"name": name, "value": value}
    if baseline is not None:
        metric["baseline"] = baseline
    if dataset is not None:
        metric["dataset"] = dataset
    metric.update(extra)
    return {"metrics": [metric]}


def write_metrics(
    model_dir: Path, value: float = 75.9, baseline: float | None = None, **kwargs: Any
) -> Path:
    """Write `model_dir/metrics.yaml` with one (primary) metric."""
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / "metrics.yaml"
    document = metrics_document(value, baseline, **kwargs)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def benchmark_shapes(model: onnx.ModelProto, batch_size: int = 1) -> list[list[int]]:
    """The input shapes a benchmark of `model` at `batch_size` feeds."""
    shapes = []
    for spec in graph_inputs(model):
        dims = list(spec.shape or ())
        shape = [batch_size] + [d if isinstance(d, int) and d > 0 else 1 for d in dims[1:]]
        shapes.append(shape if dims else [batch_size])
    return shapes


def benchmarks_document(
    input_shapes: list[list[int]] | None = None,
    batch_size: int = 1,
    engine: str = "deepsparse.engine.Engine",
) -> dict[str, Any]:
    run: dict[str, Any] = {
        "batch_size": batch_size,
        "engine": engine,
        "scenario": "singlestream",
        "num_cores": 1,
        "num_streams": 1,
        "benchmark_result": {
            "items_per_sec": 250.5,
            "mean": 3.99,
            "median": 3.95,
            "std": 0.12,
            "iterations": 5000,
            "seconds_ran": 20.0,
        },
    }
    if input_shapes is not None:
        run["input_shapes"] = input_shapes
    return {"benchmarks": {"results": [run]}}


def write_benchmarks(
    model_dir: Path, input_shapes: list[list[int]] | None = None, batch_size: int = 1
) -> Path:
    """Write `model_dir/benchmarks.yaml` with one run."""
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / "benchmarks.yaml"
    document = benchmarks_document(input_shapes, batch_size)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path
